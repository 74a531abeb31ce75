import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process. One registry per app instance (tests build several apps). */
export class Metrics {
  readonly registry = new Registry();
  private counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
  readonly httpRequests = this.counter(
    'streamfit_http_requests_total',
    'HTTP requests by method, route and status code',
    ['method', 'route', 'status'],
  );
  readonly httpDuration = new Histogram({
    name: 'streamfit_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly cacheLookups = this.counter(
    'streamfit_cache_lookups_total',
    'Cache lookups by namespace, tier and result (hit or miss)',
    ['namespace', 'tier', 'result'],
  );
  readonly graphqlExecutions = this.counter(
    'streamfit_graphql_executions_total',
    'GraphQL operations answered by the compiled executor (jit) or handed to graphql-js (fallback: not a query, not compilable, or a result with errors)',
    ['executor'],
  );
  readonly batchRows = this.counter(
    'streamfit_batch_rows_total',
    'Rows of batch estimates (POST /v1/estimates/batch, GraphQL estimateWorkloads) by outcome (priced or error)',
    ['outcome'],
  );
  readonly graphqlJitCacheBytes = this.gauge(
    'streamfit_graphql_jit_cache_bytes',
    'Estimated heap held by compiled GraphQL operations (bounded by the compiled-query cache budget)',
  );
  readonly rateRefreshes = this.counter('streamfit_rate_refreshes_total', 'Rate card refreshes by region and outcome', [
    'region',
    'outcome',
  ]);

  /** The rate cards in force in this process, one per region (the rates service registers them: trackRateCards). */
  private rateCardsInForce: () => Iterable<RateCardInForce> = () => [];
  readonly rateCardAge = new Gauge({
    name: 'streamfit_rate_card_age_seconds',
    help: 'Seconds since the rate card in force for a region was fetched from the AWS Price List API (source AWS_PRICE_LIST) or published (the bundled snapshot: its newest publication date), by region and source',
    labelNames: ['region', 'source'] as const,
    registers: [this.registry],
    collect: () => {
      this.rateCardAge.reset();
      const now = Date.now();
      for (const card of this.rateCardsInForce()) {
        const at = Date.parse(card.fetchedAt);
        if (Number.isFinite(at))
          this.rateCardAge.set({ region: card.region, source: card.source }, Math.max(0, (now - at) / 1000));
      }
    },
  });

  constructor(defaults = true) {
    if (defaults) {
      collectDefaultMetrics({ register: this.registry, prefix: 'streamfit_' });
      // prom-client's gauges of active handles, requests and resources end in _total, which names counters
      // (promtool check metrics refuses them); the same counts by type stay (streamfit_nodejs_active_handles…).
      for (const name of ['active_handles_total', 'active_requests_total', 'active_resources_total'])
        this.registry.removeSingleMetric(`streamfit_nodejs_${name}`);
    }
  }

  /** Where the rate-card age gauge reads the cards in force (at each scrape). */
  trackRateCards(inForce: () => Iterable<RateCardInForce>): void {
    this.rateCardsInForce = inForce;
  }
}

export interface RateCardInForce {
  region: string;
  source: string;
  /** ISO time the card was fetched (live) or the snapshot's newest publication date (bundled). */
  fetchedAt: string;
}
