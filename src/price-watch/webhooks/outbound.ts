/**
 * Outbound webhook calls that cannot be turned against the network they run in: the host is resolved once,
 * every address it resolves to is checked (loopback, private, link-local, metadata, multicast and other
 * special ranges refused, IPv4-mapped IPv6 seen as the IPv4 address), and the connection goes to the address
 * that was checked (no second lookup, so no DNS rebinding). Redirects are never followed. The answer is read up
 * to a byte limit, the whole call bounded by a timeout. WEBHOOK_ALLOWED_HOSTS opens hosts, addresses or ranges.
 */
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const BLOCKED_V4: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, and the EC2/ECS metadata address 169.254.169.254 / 169.254.170.2
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const BLOCKED_V6: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback and IPv4-compatible
  ['64:ff9b::', 96], // NAT64: an IPv4 address behind it
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local, incl. the EC2 IPv6 metadata address fd00:ec2::254
  ['fe80::', 10],
  ['ff00::', 8],
];

const blocked = new BlockList();
for (const [a, p] of BLOCKED_V4) blocked.addSubnet(a, p, 'ipv4');
for (const [a, p] of BLOCKED_V6) blocked.addSubnet(a, p, 'ipv6');

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d or its hex form) as the IPv4 address; others unchanged. */
export function canonicalAddress(address: string): string {
  const lower = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted && isIP(dotted[1]) === 4) return dotted[1];
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return address;
}

export function isSpecialAddress(address: string): boolean {
  const a = canonicalAddress(address);
  const family = isIP(a);
  if (family === 4) return blocked.check(a, 'ipv4');
  if (family === 6) return blocked.check(a, 'ipv6');
  return true;
}

/** WEBHOOK_ALLOWED_HOSTS, parsed: host names (exact, case-insensitive) and addresses or ranges. */
export class HostAllowlist {
  private readonly names = new Set<string>();
  private readonly ranges = new BlockList();

  constructor(raw: string | undefined) {
    for (const entry of (raw ?? '').split(',').map((s) => s.trim().toLowerCase())) {
      if (!entry) continue;
      const [address, bits] = entry.split('/');
      const family = isIP(address);
      if (!family) this.names.add(entry);
      else if (bits === undefined) this.ranges.addAddress(canonicalAddress(address), family === 6 ? 'ipv6' : 'ipv4');
      else this.ranges.addSubnet(address, Number(bits), family === 6 ? 'ipv6' : 'ipv4');
    }
  }

  allows(host: string, address: string): boolean {
    if (this.names.has(host.toLowerCase())) return true;
    const a = canonicalAddress(address);
    const family = isIP(a);
    return family !== 0 && this.ranges.check(a, family === 6 ? 'ipv6' : 'ipv4');
  }
}

export class RefusedTarget extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedTarget';
  }
}

/** A webhook URL's shape: http(s), a host, no user:password, at most 2,048 characters. Null when fine. */
export function urlProblem(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 2048)
    return 'url must be an http or https URL of at most 2048 characters';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an http or https URL of at most 2048 characters';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (url.username || url.password) return 'url must not carry a user name or password';
  if (!url.hostname) return 'url must name a host';
  return null;
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');

/**
 * Resolves the URL's host once and checks every address; returns the address to connect to.
 * Throws RefusedTarget when an address is special and not allowed, or the name does not resolve.
 */
export async function resolveTarget(url: URL, allowlist: HostAllowlist): Promise<{ address: string; family: 4 | 6 }> {
  const host = hostOf(url);
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new RefusedTarget(`the host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0) throw new RefusedTarget(`the host ${host} does not resolve`);
  for (const a of addresses) {
    if (isSpecialAddress(a.address) && !allowlist.allows(host, a.address))
      throw new RefusedTarget(
        `${host} resolves to ${canonicalAddress(a.address)}, a loopback, private, link-local or metadata address; add it to WEBHOOK_ALLOWED_HOSTS to allow it`,
      );
  }
  const first = addresses[0];
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

export interface PostOutcome {
  outcome: 'DELIVERED' | 'HTTP_ERROR' | 'REDIRECT_NOT_FOLLOWED' | 'NETWORK_ERROR' | 'TIMEOUT' | 'REFUSED';
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

export interface PostOptions {
  allowlist: HostAllowlist;
  timeoutMs: number;
  maxResponseBytes: number;
}

/** POSTs `body` with `headers` to `rawUrl` under the rules above. Never throws. */
export async function safePost(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<PostOutcome> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  let url: URL;
  let target: { address: string; family: 4 | 6 };
  try {
    url = new URL(rawUrl);
    target = await resolveTarget(url, options.allowlist);
  } catch (error) {
    return { outcome: 'REFUSED', statusCode: null, durationMs: took(), error: (error as Error).message.slice(0, 300) };
  }
  // The connection goes to the checked address, whatever the name resolves to by now.
  const pinned: LookupFunction = (_host, opts, callback) => {
    if ((opts as { all?: boolean }).all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (o: Omit<PostOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...o, durationMs: took() });
    };
    const req = send(
      url,
      {
        method: 'POST',
        lookup: pinned,
        agent: false,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'streamfit-webhooks/1',
        },
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > options.maxResponseBytes) res.destroy();
        });
        const done = () => {
          if (status >= 200 && status < 300) finish({ outcome: 'DELIVERED', statusCode: status, error: null });
          else if (status >= 300 && status < 400)
            finish({
              outcome: 'REDIRECT_NOT_FOLLOWED',
              statusCode: status,
              error: 'the receiver answered a redirect; webhook redirects are not followed',
            });
          else finish({ outcome: 'HTTP_ERROR', statusCode: status, error: `the receiver answered HTTP ${status}` });
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      finish({ outcome: 'TIMEOUT', statusCode: null, error: `no answer within ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ outcome: 'NETWORK_ERROR', statusCode: null, error: (error.code ?? error.message).slice(0, 200) }),
    );
    req.end(body);
  });
}
