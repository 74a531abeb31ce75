import { Inject, Injectable } from '@nestjs/common';
import { type RateCard, DomainError } from '../domain';
import { bundledRateCard } from '../infrastructure/aws/bundled-rates';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { isDatabaseUnavailable } from '../infrastructure/database/database-errors';
import { Metrics } from '../infrastructure/metrics/metrics';
import { REGION_PATTERN, unknownRegion } from './known-regions';
import { RateCardRepository } from './rate-card.repository';
import { RateCardStore, type RefreshStatus } from './rate-card.store';
import { RatesRefresher } from './rates.refresher';

/** A rate card as served: the stored card plus its freshness right now. */
export interface ServedRateCard extends RateCard {
  refresh: RefreshStatus;
}

/**
 * The rates in force per region, as request handlers ask for them: the in-process map by version id, the
 * version key in the cache (Redis + in-process tier), then PostgreSQL, then the bundled snapshot — no network
 * call in the steady state. Refreshing is the refresher's (rates.refresher.ts); this path only tells it a
 * region was used, and waits on it for the first card ever of a region that has no rates at all.
 */
@Injectable()
export class RatesService {
  private readonly servedCards = new Map<string, { key: string; card: RateCard; served: ServedRateCard }>();
  /** Card ids known to be in rate_card_versions (so scenarios can pin them). */
  private readonly stored = new Set<string>();
  /** The card last served per region (regions match REGION_PATTERN and have rates): what the age gauge reports. */
  private readonly inForce = new Map<string, RateCard>();

  constructor(
    private readonly store: RateCardStore,
    private readonly repository: RateCardRepository,
    private readonly refresher: RatesRefresher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: Metrics,
  ) {
    metrics.trackRateCards(() => this.inForce.values());
  }

  /** The rate card in force for a region, with staleness. Never waits on a refresh, except the first ever for a region with no rates. */
  async current(region: string): Promise<ServedRateCard> {
    if (!REGION_PATTERN.test(region)) throw await unknownRegion(this.repository, region);
    let card = await this.store.current(region);
    if (!card) card = await this.load(region);
    this.refresher.noteUse(region);
    this.inForce.set(region, card);
    return this.served(card, await this.store.status(region));
  }

  /**
   * The same object for as long as the card and its freshness do not change: the cost model caches its parsed
   * rates per card object, so a new object per request would re-parse every rate on every request.
   */
  private served(card: RateCard, refresh: RefreshStatus): ServedRateCard {
    const stale = this.refresher.isStale(card, refresh);
    const key = `${stale}|${refresh.lastAttemptAt ?? ''}|${refresh.lastSuccessAt ?? ''}|${refresh.lastError ?? ''}`;
    const known = this.servedCards.get(card.id);
    if (known && known.key === key && known.card === card) return known.served;
    const served: ServedRateCard = { ...card, stale, refresh, liveRates: this.config.RATES_LIVE };
    if (this.servedCards.size > 100) this.servedCards.clear();
    this.servedCards.set(card.id, { key, card, served });
    return served;
  }

  /** A pinned version (scenarios), from memory or PostgreSQL. */
  async version(id: string): Promise<RateCard | null> {
    const known = this.store.byId(id);
    if (known) return known;
    const card = await this.repository.byId(id);
    if (card) this.store.remember(card);
    return card;
  }

  /** Make sure a card that priced something is stored (scenario versions pin it by id). Idempotent; never rewrites a stored row. */
  async ensureStored(card: RateCard): Promise<void> {
    if (this.stored.has(card.id)) return;
    if (!(await this.repository.byId(card.id))) await this.repository.save(card);
    this.stored.add(card.id);
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
      await this.store.publish(stored);
      return stored;
    }
    const bundled = bundledRateCard(region);
    if (bundled) {
      if (!databaseDown) await this.repository.save(bundled).catch(() => false);
      await this.store.publish(bundled);
      return bundled;
    }
    if (databaseDown || !this.config.RATES_LIVE) throw await unknownRegion(this.repository, region);
    // The first request ever for a region with no rates at all waits for its first refresh, which publishes the card.
    try {
      await this.refresher.refresh(region, 'first-use');
    } catch {
      throw await unknownRegion(this.repository, region);
    }
    const fetched = await this.store.current(region);
    if (!fetched) throw await unknownRegion(this.repository, region);
    return fetched;
  }
}
