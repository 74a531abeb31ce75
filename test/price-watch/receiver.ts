/** Shared by the price-watch suites (no jest globals): a loopback webhook receiver and the price list they serve. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PRICE_LIST_SERVICE_CODES } from '../../src/domain/pricelist/price-list-document';
import { regionShapedDocuments, withPriceChange } from '../support/pricelist-fixtures';
import type { PriceListServer } from '../support/pricelist-server';

/** Serves `region`'s documents, with the Kinesis shard-hour price set to `shardHourUsd` when given. */
export function serveRegion(server: PriceListServer, region: string, shardHourUsd?: string): void {
  const docs = regionShapedDocuments(region);
  if (shardHourUsd)
    docs.AmazonKinesis = withPriceChange(docs.AmazonKinesis, {
      usageTypeSuffix: 'Storage-ShardHour',
      operation: 'shardHourStorage',
      usd: shardHourUsd,
      version: '20261201000000',
      publicationDate: '2026-12-01T00:00:00Z',
    });
  for (const code of PRICE_LIST_SERVICE_CODES) server.setDocuments(code, docs[code]);
}

/** The environment of a replica in these suites: the local Price List, loopback webhooks allowed, quick polling. */
export function watchEnv(server: PriceListServer): Record<string, string> {
  return {
    PRICE_WATCH: 'true',
    PRICING_ENDPOINT: server.endpoint,
    PRICING_ACCESS_KEY_ID: 'AKIDLOCALTEST',
    PRICING_SECRET_ACCESS_KEY: 'local-secret',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SCHEDULE_SECONDS: '1',
    PRICE_WATCH_POLL_MS: '500',
  };
}

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Statuses to answer, in order; 204 once they run out. */
  answers: number[] = [];
  private server?: Server;

  constructor(private readonly host = '127.0.0.1') {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        res.statusCode = this.answers.shift() ?? 204;
        res.end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, this.host, r));
    return this;
  }

  get url(): string {
    return `http://${this.host}:${(this.server!.address() as AddressInfo).port}/hooks/streamfit`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}
