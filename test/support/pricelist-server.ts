/**
 * A local AWS Price List Query API (GetProducts only) speaking the AWS JSON 1.1 protocol, good enough for the
 * real @aws-sdk/client-pricing pointed at it with `endpoint: server.endpoint` and dummy credentials.
 * Signatures are not checked. No jest globals: the benchmark uses it too.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const GET_PRODUCTS_TARGET = 'AWSPriceListService.GetProducts';
const JSON_11 = 'application/x-amz-json-1.1';

interface StoredDocument {
  raw: string;
  /** undefined for injected garbage, which no filter can exclude. */
  productFamily?: string;
  attributes?: Record<string, string>;
}

export interface PriceListRequestLog {
  target: string;
  serviceCode?: string;
  filters?: Array<{ Type: string; Field: string; Value: string }>;
  nextToken?: string;
  maxResults?: number;
  /** Offset of the page asked for (0 for the first page), when the token was valid. */
  offset?: number;
  status: number;
  errorType?: string;
  returned?: number;
}

interface Filter {
  Type: string;
  Field: string;
  Value: string;
}

export class PriceListServer {
  /** Delay before every response, in ms. */
  delayMs = 0;
  readonly requests: PriceListRequestLog[] = [];
  private readonly documents = new Map<string, StoredDocument[]>();
  private readonly garbage = new Map<string, string[]>();
  private throttleRemaining = 0;
  private readonly pageThrottles = new Map<string, number>();
  private failRemaining = 0;
  private failStatus = 500;
  private readonly tokenKey = randomBytes(16);
  private server?: Server;
  private port = 0;

  /** Starts listening on 127.0.0.1, on a free port. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolveListen) => this.server!.listen(0, '127.0.0.1', resolveListen));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Replaces a service's documents (decoded objects or raw JSON strings). */
  setDocuments(serviceCode: string, docs: ReadonlyArray<object | string>): void {
    this.documents.set(
      serviceCode,
      docs.map((doc) => {
        const raw = typeof doc === 'string' ? doc : JSON.stringify(doc);
        const decoded = (typeof doc === 'string' ? JSON.parse(doc) : doc) as {
          product?: { productFamily?: string; attributes?: Record<string, string> };
        };
        return { raw, productFamily: decoded.product?.productFamily, attributes: decoded.product?.attributes ?? {} };
      }),
    );
  }

  /** Raw strings (non-JSON, truncated documents…) served in PriceList after the matching documents. */
  injectGarbage(serviceCode: string, rawStrings: readonly string[]): void {
    this.garbage.set(serviceCode, [...(this.garbage.get(serviceCode) ?? []), ...rawStrings]);
  }

  /** The next n GetProducts calls answer 400 ThrottlingException. */
  throttleNext(n: number): void {
    this.throttleRemaining = n;
  }

  /** The next n calls for one page (offset) of a service answer 400 ThrottlingException: a mid-fetch throttle. */
  throttlePage(serviceCode: string, offset: number, n: number): void {
    this.pageThrottles.set(`${serviceCode}:${offset}`, n);
  }

  /** The next n GetProducts calls answer `status` ServiceUnavailableException. */
  failNext(n: number, status = 500): void {
    this.failRemaining = n;
    this.failStatus = status;
  }

  /** GetProducts calls that asked for the page at `offset` of a service. */
  callsForPage(serviceCode: string, offset: number): PriceListRequestLog[] {
    return this.requests.filter(
      (r) => r.target === GET_PRODUCTS_TARGET && r.serviceCode === serviceCode && r.offset === offset,
    );
  }

  reset(): void {
    this.requests.length = 0;
    this.throttleRemaining = 0;
    this.failRemaining = 0;
    this.pageThrottles.clear();
    this.delayMs = 0;
    this.garbage.clear();
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolveClose) => {
      server.close(() => resolveClose());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const target = String(req.headers['x-amz-target'] ?? '');
    const log: PriceListRequestLog = { target, status: 200 };
    this.requests.push(log);

    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/') {
      return this.error(res, log, 404, 'UnknownOperationException', `Cannot ${req.method} ${req.url}`);
    }
    if (target !== GET_PRODUCTS_TARGET) {
      return this.error(
        res,
        log,
        400,
        'UnknownOperationException',
        `Unknown operation ${target || '(no X-Amz-Target)'}`,
      );
    }
    let body: {
      ServiceCode?: string;
      Filters?: Filter[];
      FormatVersion?: string;
      NextToken?: string;
      MaxResults?: number;
    };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return this.error(res, log, 400, 'SerializationException', 'Request body is not JSON');
    }
    Object.assign(log, {
      serviceCode: body.ServiceCode,
      filters: body.Filters,
      nextToken: body.NextToken,
      maxResults: body.MaxResults,
    });
    const offset = this.decodeToken(body.NextToken, body.ServiceCode);
    if (offset === undefined)
      return this.error(res, log, 400, 'InvalidNextTokenException', 'The NextToken is not valid');
    log.offset = offset;

    const pageKey = `${body.ServiceCode}:${offset}`;
    const pageThrottle = this.pageThrottles.get(pageKey) ?? 0;
    if (this.throttleRemaining > 0 || pageThrottle > 0) {
      if (this.throttleRemaining > 0) this.throttleRemaining -= 1;
      else this.pageThrottles.set(pageKey, pageThrottle - 1);
      return this.error(res, log, 400, 'ThrottlingException', 'Rate exceeded');
    }
    if (this.failRemaining > 0) {
      this.failRemaining -= 1;
      return this.error(res, log, this.failStatus, 'ServiceUnavailableException', 'Service is unavailable');
    }
    if (!body.ServiceCode) return this.error(res, log, 400, 'InvalidParameterException', 'ServiceCode is required');
    if (body.FormatVersion !== undefined && body.FormatVersion !== 'aws_v1') {
      return this.error(res, log, 400, 'InvalidParameterException', `Unsupported FormatVersion ${body.FormatVersion}`);
    }
    const maxResults = body.MaxResults ?? 100;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
      return this.error(res, log, 400, 'InvalidParameterException', 'MaxResults must be between 1 and 100');
    }
    const filters = body.Filters ?? [];
    const unsupported = filters.find(
      (f) => !['TERM_MATCH', 'EQUALS', 'CONTAINS', 'ANY_OF', 'NONE_OF'].includes(f.Type),
    );
    if (unsupported)
      return this.error(res, log, 400, 'InvalidParameterException', `Unsupported filter type ${unsupported.Type}`);

    const stored = this.documents.get(body.ServiceCode);
    if (!stored) return this.error(res, log, 400, 'NotFoundException', `Service ${body.ServiceCode} not found`);
    const matching = stored.filter((doc) => filters.every((f) => this.matches(doc, f))).map((doc) => doc.raw);
    const all = [...matching, ...(this.garbage.get(body.ServiceCode) ?? [])];
    const page = all.slice(offset, offset + maxResults);
    const next = offset + maxResults < all.length ? this.encodeToken(offset + maxResults, body.ServiceCode) : undefined;
    log.returned = page.length;
    this.send(res, 200, { FormatVersion: 'aws_v1', PriceList: page, ...(next ? { NextToken: next } : {}) });
  }

  private matches(doc: StoredDocument, filter: Filter): boolean {
    const value = filter.Field === 'productFamily' ? doc.productFamily : doc.attributes?.[filter.Field];
    if (value === undefined) return filter.Type === 'NONE_OF';
    switch (filter.Type) {
      case 'TERM_MATCH':
      case 'EQUALS':
        return value === filter.Value;
      case 'CONTAINS':
        return value.includes(filter.Value);
      case 'ANY_OF':
        return filter.Value.split(',')
          .map((v) => v.trim())
          .includes(value);
      case 'NONE_OF':
        return !filter.Value.split(',')
          .map((v) => v.trim())
          .includes(value);
      default:
        return false;
    }
  }

  /** Opaque token: base64url of `<service>:<offset>:<hmac>` so a token cannot be forged or reused across services. */
  private encodeToken(offset: number, serviceCode: string): string {
    const payload = `${serviceCode}:${offset}`;
    const mac = createHmac('sha256', this.tokenKey).update(payload).digest('base64url').slice(0, 16);
    return Buffer.from(`${payload}:${mac}`).toString('base64url');
  }

  private decodeToken(token: string | undefined, serviceCode: string | undefined): number | undefined {
    if (!token) return 0;
    const [service, offsetText, mac] = Buffer.from(token, 'base64url').toString('utf8').split(':');
    const offset = Number(offsetText);
    if (service !== serviceCode || !Number.isInteger(offset) || offset < 0) return undefined;
    return this.encodeToken(offset, service) === token && mac ? offset : undefined;
  }

  private error(res: ServerResponse, log: PriceListRequestLog, status: number, type: string, message: string): void {
    log.status = status;
    log.errorType = type;
    this.send(res, status, { __type: type, message }, { 'x-amzn-ErrorType': type });
  }

  private send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    const body = JSON.stringify(payload);
    res.writeHead(status, {
      'content-type': JSON_11,
      'content-length': Buffer.byteLength(body),
      'x-amzn-RequestId': randomBytes(16).toString('hex'),
      ...headers,
    });
    res.end(body);
  }
}

export async function startPriceListServer(): Promise<PriceListServer> {
  return new PriceListServer().start();
}
