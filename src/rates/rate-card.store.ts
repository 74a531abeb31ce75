import { Inject, Injectable } from '@nestjs/common';
import type { RateCard } from '../domain';
import { CacheService } from '../infrastructure/cache/cache.service';
import { cacheKeys } from '../infrastructure/cache/cache-keys';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';

/** The outcome of a region's last refreshes, shared by the replicas through the cache. */
export interface RefreshStatus {
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
}

/**
 * Where the card in force per region is kept between requests: an in-process map by version id in front of
 * the cache (Redis + its in-process tier), which holds each region's version id, card and refresh status.
 * The read path (rates.service.ts) reads it, the refresher (rates.refresher.ts) writes what it fetched; it
 * decides nothing itself.
 */
@Injectable()
export class RateCardStore {
  private readonly cards = new Map<string, RateCard>();

  constructor(
    private readonly cache: CacheService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The card in force for a region as the cache names it, or undefined. The same object for as long as the
   * version does not change: the card of a known version id comes from memory, parsed once.
   */
  async current(region: string): Promise<RateCard | undefined> {
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

  /** A version this process has seen, by id (memory only). */
  byId(id: string): RateCard | undefined {
    return this.cards.get(id);
  }

  remember(card: RateCard): void {
    if (this.cards.size > 100) this.cards.clear();
    this.cards.set(card.id, card);
  }

  /** Make `card` the one in force for its region, here and (through Redis) on every replica. */
  async publish(card: RateCard): Promise<void> {
    this.remember(card);
    await this.cache.set(cacheKeys.rateCard(card.region), JSON.stringify(card), this.config.RATES_CACHE_TTL_SECONDS);
    await this.cache.set(cacheKeys.rateCardVersion(card.region), card.id, this.config.RATES_CACHE_TTL_SECONDS);
  }

  async status(region: string): Promise<RefreshStatus> {
    const raw = await this.cache.get(cacheKeys.rateRefreshStatus(region));
    return raw ? (JSON.parse(raw) as RefreshStatus) : {};
  }

  async setStatus(region: string, status: RefreshStatus): Promise<void> {
    await this.cache.set(
      cacheKeys.rateRefreshStatus(region),
      JSON.stringify(status),
      this.config.RATES_CACHE_TTL_SECONDS,
    );
  }
}
