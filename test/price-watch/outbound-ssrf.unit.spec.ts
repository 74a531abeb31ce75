import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HostAllowlist, isSpecialAddress, safePost } from '../../src/price-watch/webhooks/outbound';
import { WebhookReceiver } from './receiver';

const options = (allowed?: string) => ({
  allowlist: new HostAllowlist(allowed),
  timeoutMs: 3000,
  maxResponseBytes: 1024,
});

describe('webhook outbound calls refuse internal addresses unless allowed (real sockets)', () => {
  it('classifies loopback, private, link-local, metadata and mapped addresses as special, public ones not', () => {
    for (const a of [
      '127.0.0.1',
      '127.9.9.9',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:169.254.169.254',
      '64:ff9b::a00:1',
      '224.0.0.1',
    ])
      expect([a, isSpecialAddress(a)]).toEqual([a, true]);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect([a, isSpecialAddress(a)]).toEqual([a, false]);
  });

  it('allows hosts, addresses and CIDR ranges from the allowlist only', () => {
    const list = new HostAllowlist('hooks.internal, 10.0.0.0/8, 127.0.0.1, fd00::/8');
    expect(list.allows('hooks.internal', '192.168.1.1')).toBe(true);
    expect(list.allows('x', '10.200.3.4')).toBe(true);
    expect(list.allows('x', '::ffff:127.0.0.1')).toBe(true);
    expect(list.allows('x', 'fd12::1')).toBe(true);
    expect(list.allows('x', '127.0.0.2')).toBe(false);
    expect(list.allows('x', '11.0.0.1')).toBe(false);
  });

  describe('with a loopback receiver', () => {
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      receiver = await new WebhookReceiver().start();
    });
    afterAll(() => receiver.close());

    it('refuses loopback without the allowlist (by address, by name, IPv4-mapped), and sends nothing', async () => {
      const port = new URL(receiver.url).port;
      for (const url of [
        receiver.url,
        `http://localhost:${port}/x`,
        `http://[::ffff:127.0.0.1]:${port}/x`,
        `http://[::1]:${port}/x`,
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.1/x',
      ]) {
        const out = await safePost(url, {}, '{}', options());
        expect([url, out.outcome, out.statusCode]).toEqual([url, 'REFUSED', null]);
      }
      expect(receiver.received).toHaveLength(0);
      const allowed = await safePost(receiver.url, {}, '{}', options('127.0.0.1'));
      expect(allowed).toMatchObject({ outcome: 'DELIVERED', statusCode: 204 });
      expect(receiver.received).toHaveLength(1);
    });
  });

  it('does not follow a redirect to an address that is not allowed', async () => {
    const target = await new WebhookReceiver('127.0.0.2').start();
    const redirector: Server = createServer((_req, res) => {
      res.writeHead(307, { location: target.url });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook`;
      const out = await safePost(url, {}, '{}', options('127.0.0.1'));
      expect(out).toMatchObject({ outcome: 'REDIRECT_NOT_FOLLOWED', statusCode: 307 });
      expect(target.received).toHaveLength(0);
    } finally {
      redirector.close();
      await target.close();
    }
  });

  it('bounds the time and the bytes read of an answer', async () => {
    const slow: Server = createServer(() => undefined); // never answers
    const big: Server = createServer((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 120);
      const timer = setInterval(() => res.write(chunk), 1);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => big.listen(0, '127.0.0.1', r));
    try {
      const started = Date.now();
      const timedOut = await safePost(`http://127.0.0.1:${(slow.address() as AddressInfo).port}/`, {}, '{}', {
        ...options('127.0.0.1'),
        timeoutMs: 300,
      });
      expect(timedOut.outcome).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(2000);
      const endless = await safePost(`http://127.0.0.1:${(big.address() as AddressInfo).port}/`, {}, '{}', {
        ...options('127.0.0.1'),
        timeoutMs: 5000,
      });
      // The answer never ends; reading stops at the byte limit, long before the timeout.
      expect(endless.statusCode).toBe(200);
      expect(endless.durationMs).toBeLessThan(4000);
    } finally {
      slow.closeAllConnections();
      slow.close();
      big.closeAllConnections();
      big.close();
    }
  });
});
