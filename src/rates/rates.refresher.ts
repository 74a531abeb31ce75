import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { buildRateCard, type RateCard, DomainError } from '../domain';
import { liveRatesDecision } from '../infrastructure/aws/live-rates';
import { PriceListSource } from '../infrastructure/aws/price-list.source';
import { CacheService } from '../infrastructure/cache/cache.service';
import { cacheKeys } from '../infrastructure/cache/cache-keys';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { PINO } from '../infrastructure/logging/logging.tokens';
import { Metrics } from '../infrastructure/metrics/metrics';
import { HealthService } from '../health/health.service';
import { knownRegions, REGION_PATTERN, unknownRegion } from './known-regions';
import { RateCardRepository } from './rate-card.repository';
import { RateCardStore, type RefreshStatus } from './rate-card.store';

/** A refresh put a different card in force in a region (the price watch listens: src/price-watch). */
export interface CardChange {
  region: string;
  fromRateCardId: string;
  toRateCardId: string;
  /** When the new card was fetched (its fetchedAt as stored): with its id, names this change. */
  fetchedAt: string;
}

export interface RefreshResult {
  region: string;
  outcome: 'UPDATED' | 'UNCHANGED' | 'IN_PROGRESS';
  cardId: string;
  products: number;
  pages: number;
  skipped: number;
  durationMs: number;
}

/**
 * Keeps the rates in force up to date: refreshes a region from the AWS Price List API (@aws-sdk/client-pricing)
 * on a schedule, on an admin's request and on a region's first use, under a Redis lock (one refresh per region
 * across replicas); stores each new version in PostgreSQL and publishes it to the store. Says when a card is
 * stale and reports stale regions to readiness. Requests never wait on it, except the first ever for a region
 * with no rates at all (rates.service.ts).
 */
@Injectable()
export class RatesRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly inFlight = new Map<string, Promise<RefreshResult>>();
  /** Regions requests have asked for (readiness reports on these). */
  private readonly touched = new Set<string>();
  private timer?: NodeJS.Timeout;
  private readonly changeListeners: Array<(change: CardChange) => Promise<void>> = [];

  constructor(
    private readonly store: RateCardStore,
    private readonly repository: RateCardRepository,
    private readonly cache: CacheService,
    private readonly client: PriceListSource,
    private readonly metrics: Metrics,
    health: HealthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PINO) private readonly logger: Logger,
  ) {
    health.register({ name: 'rates', check: () => this.readiness() });
  }

  /** `listener` is awaited after each refresh whose card differs from the newest one stored before it. */
  onCardChanged(listener: (change: CardChange) => Promise<void>): void {
    this.changeListeners.push(listener);
  }

  onApplicationBootstrap(): void {
    if (this.config.RATES_LIVE && this.config.RATES_REFRESH_INTERVAL_MS > 0) {
      this.timer = setInterval(() => void this.refreshAll('schedule'), this.config.RATES_REFRESH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Refresh a region from the Price List API now. Concurrent calls share one fetch; other replicas are kept out by the lock. */
  refresh(region: string, trigger: 'admin' | 'schedule' | 'first-use'): Promise<RefreshResult> {
    // No AWS access configured: nothing leaves the machine, not even on demand (RATES_LIVE=false alone only stops the automatic refreshes).
    if (!liveRatesDecision({ ...this.config, RATES_LIVE: true }).live) {
      return Promise.reject(
        new DomainError(
          'RATES_UNAVAILABLE',
          `Live rates are off on this deployment: no AWS credentials are configured (README "Security and limits"); the ${region} rate card in force stays`,
          { region, reason: 'live rates off' },
        ),
      );
    }
    const running = this.inFlight.get(region);
    if (running) return running;
    const run = this.doRefresh(region, trigger).finally(() => this.inFlight.delete(region));
    this.inFlight.set(region, run);
    return run;
  }

  /**
   * A request served a card of `region`: the first time in this process, refresh it in the background when
   * its last successful refresh is older than the schedule (or the staleness limit). Returns at once.
   */
  noteUse(region: string): void {
    if (this.touched.has(region)) return;
    this.touched.add(region);
    if (!this.config.RATES_LIVE) return;
    void this.store
      .status(region)
      .then((s) => {
        const age = s.lastSuccessAt ? Date.now() - Date.parse(s.lastSuccessAt) : Infinity;
        if (age > (this.config.RATES_REFRESH_INTERVAL_MS || this.config.RATES_STALE_AFTER_MS))
          return this.refresh(region, 'first-use');
        return undefined;
      })
      .catch(() => undefined);
  }

  /** Stale: older than RATES_STALE_AFTER_MS while no refresh has succeeded since (or live rates are off). */
  isStale(card: RateCard, status: RefreshStatus): boolean {
    const age = Date.now() - Date.parse(card.fetchedAt);
    if (age <= this.config.RATES_STALE_AFTER_MS) return false;
    // The bundled snapshot is stale only when live rates are on and a refresh was tried and failed; with live rates
    // off it is the source chosen, not a failure. A live card past its age is stale when it cannot be refreshed.
    if (card.source === 'BUNDLED_SNAPSHOT') return this.config.RATES_LIVE && Boolean(status.lastError);
    return !this.config.RATES_LIVE || Boolean(status.lastError);
  }

  private async doRefresh(region: string, trigger: string): Promise<RefreshResult> {
    if (!REGION_PATTERN.test(region)) throw await unknownRegion(this.repository, region);
    const started = performance.now();
    const lock = cacheKeys.rateRefreshLock(region);
    const token = await this.cache.acquireLock(lock, this.config.RATES_LOCK_TTL_MS);
    if (!token) {
      this.metrics.rateRefreshes.inc({ region, outcome: 'in_progress' });
      const current = await this.store.current(region);
      return {
        region,
        outcome: 'IN_PROGRESS',
        cardId: current?.id ?? '',
        products: 0,
        pages: 0,
        skipped: 0,
        durationMs: Math.round(performance.now() - started),
      };
    }
    const attemptAt = new Date().toISOString();
    try {
      const fetched = await this.client.fetchRegion(region);
      const { card, skipped } = buildRateCard({
        region,
        documents: fetched.documents,
        fetchedAt: new Date().toISOString(),
        source: 'AWS_PRICE_LIST',
      });
      for (const s of skipped.filter((x) => x.reason !== 'WRONG_REGION' && x.reason !== 'UNRELATED_PRODUCT_FAMILY')) {
        this.logger.warn({ context: 'rates', region, ...s }, 'price list element skipped');
      }
      const priced = Object.values(card.rates).filter((r) => r.source === 'AWS_PRICE_LIST').length;
      if (priced === 0) throw new Error(`the Price List API returned no Kinesis or MSK prices for ${region}`);
      const previous = await this.repository.latest(region);
      const isNew = await this.repository.save(card);
      await this.store.publish(card);
      if (previous && previous.id !== card.id)
        for (const listener of this.changeListeners)
          await listener({
            region,
            fromRateCardId: previous.id,
            toRateCardId: card.id,
            fetchedAt: card.fetchedAt,
          }).catch((error: Error) =>
            this.logger.error({ context: 'rates', region, err: error.message }, 'rate change listener failed'),
          );
      await this.store.setStatus(region, { lastAttemptAt: attemptAt, lastSuccessAt: card.fetchedAt });
      this.metrics.rateRefreshes.inc({ region, outcome: 'success' });
      this.logger.info(
        {
          context: 'rates',
          region,
          trigger,
          cardId: card.id,
          isNew,
          products: fetched.documents.length,
          pages: fetched.pages,
        },
        'rate card refreshed',
      );
      return {
        region,
        outcome: isNew ? 'UPDATED' : 'UNCHANGED',
        cardId: card.id,
        products: fetched.documents.length,
        pages: fetched.pages,
        skipped: skipped.length,
        durationMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      // The full cause (SDK provider names, addresses) goes to the log; callers and the status get its kind only.
      const reason = failureKind(error);
      const previous = await this.store.status(region);
      await this.store.setStatus(region, { ...previous, lastAttemptAt: attemptAt, lastError: reason });
      this.metrics.rateRefreshes.inc({ region, outcome: 'failure' });
      this.logger.warn(
        { context: 'rates', region, trigger, reason, cause: describeFailure(error) },
        'rate card refresh failed; keeping the last good card',
      );
      if (error instanceof DomainError) throw error;
      throw new DomainError(
        'RATES_UNAVAILABLE',
        `Could not refresh ${region} from the AWS Price List API (${reason}); the last good rate card stays in force`,
        { region, reason },
      );
    } finally {
      await this.cache.releaseLock(lock, token);
    }
  }

  private async refreshAll(trigger: 'schedule'): Promise<void> {
    for (const region of await knownRegions(this.repository)) {
      await this.refresh(region, trigger).catch(() => undefined);
    }
  }

  private async readiness() {
    const regions = [...this.touched];
    const stale: string[] = [];
    for (const region of regions) {
      const card = await this.store.current(region);
      if (card && this.isStale(card, await this.store.status(region))) stale.push(region);
    }
    return stale.length
      ? {
          status: 'degraded' as const,
          detail: `rates older than ${Math.round(this.config.RATES_STALE_AFTER_MS / 3600000)} h with no successful refresh: ${stale.join(', ')}`,
          staleRegions: stale,
        }
      : { status: 'up' as const, regions };
  }
}

/** What went wrong, in words that name no SDK internals, provider or address (what a client is told). */
function failureKind(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? '';
  const status = e?.$metadata?.httpStatusCode;
  if (
    /Credential|ExpiredToken|UnrecognizedClient|InvalidClientTokenId|SignatureDoesNotMatch|AccessDenied/i.test(
      `${name} ${e?.message ?? ''}`,
    )
  )
    return 'AWS credentials missing or refused';
  if (/Throttl|TooManyRequests/i.test(name)) return 'throttled by the Price List API';
  if (/Timeout|TimedOut|ETIMEDOUT|Abort/i.test(`${name} ${e?.code ?? ''} ${e?.message ?? ''}`))
    return 'the Price List API did not answer in time';
  if (
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|socket|network/i.test(
      `${e?.code ?? ''} ${e?.message ?? ''}`,
    )
  )
    return 'the Price List API could not be reached';
  if (/returned no Kinesis or MSK prices/.test(e?.message ?? ''))
    return 'the Price List API returned no Kinesis or MSK prices';
  if (typeof status === 'number') return `the Price List API answered HTTP ${status}`;
  return 'the Price List API call failed';
}

function describeFailure(error: unknown): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${name}${(e?.message ?? String(error)).split('\n')[0]}`.slice(0, 300);
}
