/** A loopback webhook receiver for the price-watch suites: records every request, answers as told. No jest globals. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
