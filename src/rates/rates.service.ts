import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { buildRateCard } from '../domain/pricelist';
import type { RateCard } from '../domain/rate-card';
import { DomainError } from '../domain/errors';
import { bundledRateCard, bundledRegions } from '../infrastructure/aws/bundled-rates';
import { liveRatesDecision } from '../infrastructure/aws/live-rates';
import { PriceListSource } from '../infrastructure/aws/price-list.source';
import { CacheService } from '../infrastructure/cache/cache.service';
import { cacheKeys } from '../infrastructure/cache/cache-keys';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { isDatabaseUnavailable } from '../infrastructure/database/database-errors';
import { PINO } from '../infrastructure/logging/logging.tokens';
import { Metrics } from '../infrastructure/metrics/metrics';
import { HealthService } from '../health/health.service';
import { RateCardRepository } from './rate-card.repository';

export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

export interface RefreshStatus {
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
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

/** A rate card as served: the stored card plus its freshness right now. */
export interface ServedRateCard extends RateCard {
  refresh: RefreshStatus;
}

/**
 * The rates in force per region. Request path: in-process map by version id, the version key in the
 * cache (Redis + in-process tier), then PostgreSQL, then the bundled snapshot — no network call in the
 * steady state. Refreshes (schedule, admin, first use) run under a Redis lock, one per region across replicas.
 */
@Injectable()
export class RatesService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly cards = new Map<string, RateCard>();
  private readonly servedCards = new Map<string, { key: string; card: RateCard; served: ServedRateCard }>();
  private readonly inFlight = new Map<string, Promise<RefreshResult>>();
  private readonly touched = new Set<string>();
  /** Card ids known to be in rate_card_versions (so scenarios can pin them). */
  private readonly stored = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
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

  onApplicationBootstrap(): void {
    if (this.config.RATES_LIVE && this.config.RATES_REFRESH_INTERVAL_MS > 0) {
      this.timer = setInterval(() => void this.refreshAll('schedule'), this.config.RATES_REFRESH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The rate card in force for a region, with staleness. Never waits on a refresh, except the first ever for a region with no rates. */
  async current(region: string): Promise<ServedRateCard> {
    if (!REGION_PATTERN.test(region)) throw await this.unknownRegion(region);
    let card = await this.fromCache(region);
    if (!card) card = await this.load(region);
    this.firstUse(region);
    return this.served(card, await this.status(region));
  }

  /**
   * The same object for as long as the card and its freshness do not change: the cost model caches its parsed
   * rates per card object, so a new object per request would re-parse every rate on every request.
   */
  private served(card: RateCard, refresh: RefreshStatus): ServedRateCard {
    const stale = this.isStale(card, refresh);
    const key = `${stale}|${refresh.lastAttemptAt ?? ''}|${refresh.lastSuccessAt ?? ''}|${refresh.lastError ?? ''}`;
    const known = this.servedCards.get(card.id);
    if (known && known.key === key && known.card === card) return known.served;
    const served: ServedRateCard = { ...card, stale, refresh };
    if (this.servedCards.size > 100) this.servedCards.clear();
    this.servedCards.set(card.id, { key, card, served });
    return served;
  }

  /** A pinned version (scenarios), from memory or PostgreSQL. */
  async version(id: string): Promise<RateCard | null> {
    const known = this.cards.get(id);
    if (known) return known;
    const card = await this.repository.byId(id);
    if (card) this.remember(card);
    return card;
  }

  /** Make sure a card that priced something is stored (scenario versions pin it by id). Idempotent; never rewrites a stored row. */
  async ensureStored(card: RateCard): Promise<void> {
    if (this.stored.has(card.id)) return;
    if (!(await this.repository.byId(card.id))) await this.repository.save(card);
    this.stored.add(card.id);
  }

  async knownRegions(): Promise<string[]> {
    const stored = await this.repository.regions().catch(() => [] as string[]);
    return [...new Set([...bundledRegions(), ...stored])].sort();
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

  private async doRefresh(region: string, trigger: string): Promise<RefreshResult> {
    if (!REGION_PATTERN.test(region)) throw await this.unknownRegion(region);
    const started = performance.now();
    const lock = cacheKeys.rateRefreshLock(region);
    const token = await this.cache.acquireLock(lock, this.config.RATES_LOCK_TTL_MS);
    if (!token) {
      this.metrics.rateRefreshes.inc({ region, outcome: 'in_progress' });
      const current = await this.fromCache(region);
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
      const isNew = await this.repository.save(card);
      await this.publish(card);
      await this.setStatus(region, { lastAttemptAt: attemptAt, lastSuccessAt: card.fetchedAt });
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
      const previous = await this.status(region);
      await this.setStatus(region, { ...previous, lastAttemptAt: attemptAt, lastError: reason });
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
    for (const region of await this.knownRegions()) {
      await this.refresh(region, trigger).catch(() => undefined);
    }
  }

  private async fromCache(region: string): Promise<RateCard | undefined> {
    const versionId = await this.cache.get(cacheKeys.rateCardVersion(region));
    if (!versionId) return undefined;
    const known = this.cards.get(versionId);
    if (known) return known;
    const json = await this.cache.get(cacheKeys.rateCard(region));
    if (!json) return undefined;
    const card = JSON.parse(json) as RateCard;
    if (card.id !== versionId) return undefined;
    this.remember(card);
    return card;
  }

  /** Nothing cached: the newest stored version, else the bundled snapshot, else (first ever) a live fetch. */
  private async load(region: string): Promise<RateCard> {
    let stored: RateCard | null = null;
    let databaseDown = false;
    try {
      stored = await this.repository.latest(region);
    } catch (error) {
      if (!(error instanceof DomainError) && !isDatabaseUnavailable(error)) throw error;
      databaseDown = true;
    }
    if (stored) {
      await this.publish(stored);
      return stored;
    }
    const bundled = bundledRateCard(region);
    if (bundled) {
      if (!databaseDown) await this.repository.save(bundled).catch(() => false);
      await this.publish(bundled);
      return bundled;
    }
    if (databaseDown || !this.config.RATES_LIVE) throw await this.unknownRegion(region);
    // The first request ever for a region with no rates at all waits for its first refresh.
    try {
      await this.refresh(region, 'first-use');
    } catch {
      throw await this.unknownRegion(region);
    }
    const fetched = await this.fromCache(region);
    if (!fetched) throw await this.unknownRegion(region);
    return fetched;
  }

  private firstUse(region: string): void {
    if (this.touched.has(region)) return;
    this.touched.add(region);
    if (!this.config.RATES_LIVE) return;
    void this.status(region)
      .then((s) => {
        const age = s.lastSuccessAt ? Date.now() - Date.parse(s.lastSuccessAt) : Infinity;
        if (age > (this.config.RATES_REFRESH_INTERVAL_MS || this.config.RATES_STALE_AFTER_MS))
          return this.refresh(region, 'first-use');
        return undefined;
      })
      .catch(() => undefined);
  }

  private async publish(card: RateCard): Promise<void> {
    this.remember(card);
    await this.cache.set(cacheKeys.rateCard(card.region), JSON.stringify(card), this.config.RATES_CACHE_TTL_SECONDS);
    await this.cache.set(cacheKeys.rateCardVersion(card.region), card.id, this.config.RATES_CACHE_TTL_SECONDS);
  }

  private remember(card: RateCard): void {
    if (this.cards.size > 100) this.cards.clear();
    this.cards.set(card.id, card);
  }

  private async status(region: string): Promise<RefreshStatus> {
    const raw = await this.cache.get(cacheKeys.rateRefreshStatus(region));
    return raw ? (JSON.parse(raw) as RefreshStatus) : {};
  }

  private async setStatus(region: string, status: RefreshStatus): Promise<void> {
    await this.cache.set(
      cacheKeys.rateRefreshStatus(region),
      JSON.stringify(status),
      this.config.RATES_CACHE_TTL_SECONDS,
    );
  }

  /** Stale: older than RATES_STALE_AFTER_MS while no refresh has succeeded since (or live rates are off). */
  private isStale(card: RateCard, status: RefreshStatus): boolean {
    const age = Date.now() - Date.parse(card.fetchedAt);
    if (age <= this.config.RATES_STALE_AFTER_MS) return false;
    return !this.config.RATES_LIVE || Boolean(status.lastError) || card.source === 'BUNDLED_SNAPSHOT';
  }

  private async readiness() {
    const regions = [...this.touched];
    const stale: string[] = [];
    for (const region of regions) {
      const card = await this.fromCache(region);
      if (card && this.isStale(card, await this.status(region))) stale.push(region);
    }
    return stale.length
      ? {
          status: 'degraded' as const,
          detail: `rates older than ${Math.round(this.config.RATES_STALE_AFTER_MS / 3600000)} h with no successful refresh: ${stale.join(', ')}`,
          staleRegions: stale,
        }
      : { status: 'up' as const, regions };
  }

  private async unknownRegion(region: string): Promise<DomainError> {
    const known = await this.knownRegions();
    return new DomainError(
      'UNKNOWN_REGION',
      `No rates are known for region "${region}"; known regions: ${known.join(', ')}`,
      { region, knownRegions: known },
    );
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
