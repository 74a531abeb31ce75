import { Inject, Injectable } from '@nestjs/common';
import {
  estimateNormalized,
  OPTION_CODES,
  type OptionCode,
  type RateCard,
  AWS_REGIONS,
  NOT_OFFERED_IN_REGION,
  SNAPSHOT_REGIONS,
  normalizeWorkload,
  type WorkloadInput,
} from '../domain';
import { bundledRateCard, bundledRegions } from '../infrastructure/aws/bundled-rates';
import { liveRatesDecision } from '../infrastructure/aws/live-rates';
import { APP_CONFIG, type AppConfig } from '../infrastructure/config/config';
import { RateCardRepository } from './rate-card.repository';

/** The workload the region list prices each option for: 100 GB/day of 1 KB records, every other field defaulted. */
export const REGION_REFERENCE_WORKLOAD: Readonly<Omit<WorkloadInput, 'region'>> = Object.freeze({
  ingestGbPerDay: 100,
  avgRecordSizeKB: 1,
});

export interface UnpricedOption {
  option: OptionCode;
  missingRates: string[];
}

export interface NotOfferedOption {
  option: OptionCode;
  reason: string;
}

/** Which options a card prices for the reference workload. */
export interface RegionPricing {
  cardId: string;
  publicationDate: string;
  pricedOptions: OptionCode[];
  unpricedOptions: UnpricedOption[];
}

export interface RegionEntry {
  region: string;
  /** Price List location, when the region is in streamfit's catalogue. */
  location: string | null;
  /** Options AWS does not offer in the region (not a missing price). */
  notOffered: NotOfferedOption[];
  /** The bundled snapshot (no AWS access needed); null when none ships for the region. */
  offline: RegionPricing | null;
  /** Whether this service has AWS access to fetch live Price List rates, and what they price once fetched. */
  live: { available: boolean; reason: string; card: RegionPricing | null };
}

/** The regions streamfit knows (the snapshot's and every region with stored rates), with what is priced where. */
@Injectable()
export class RegionsService {
  private readonly pricingByCard = new Map<string, RegionPricing>();

  constructor(
    private readonly repository: RateCardRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<RegionEntry[]> {
    const stored = await this.repository.regions().catch(() => [] as string[]);
    const regions = [...new Set<string>([...SNAPSHOT_REGIONS, ...bundledRegions(), ...stored])].sort();
    // AWS access decides whether live rates can be had at all (an admin refresh works then even with RATES_LIVE=false,
    // which only stops the automatic refreshes and the first-use fetch).
    const decision = liveRatesDecision({ ...this.config, RATES_LIVE: true });
    const live = {
      available: decision.live,
      reason:
        decision.live && !this.config.RATES_LIVE
          ? `${decision.reason}; RATES_LIVE=false: only an admin refresh fetches`
          : decision.reason,
    };
    const entries: RegionEntry[] = [];
    for (const region of regions) {
      const liveCard = await this.latestLive(region);
      const bundled = bundledRateCard(region);
      entries.push({
        region,
        location: AWS_REGIONS[region]?.location ?? null,
        notOffered: (NOT_OFFERED_IN_REGION[region] ?? []).map((n) => ({
          option: n.option as OptionCode,
          reason: n.evidence,
        })),
        offline: bundled ? this.pricing(bundled) : null,
        live: { ...live, card: liveCard ? this.pricing(liveCard) : null },
      });
    }
    return entries;
  }

  private async latestLive(region: string): Promise<RateCard | null> {
    const versions = await this.repository.versions(region).catch(() => []);
    const newest = versions.find((v) => v.source === 'AWS_PRICE_LIST');
    return newest ? this.repository.byId(newest.id).catch(() => null) : null;
  }

  /** Priced and unpriced options of a card for the reference workload (cached per card version; bounded). */
  private pricing(card: RateCard): RegionPricing {
    const known = this.pricingByCard.get(card.id);
    if (known) return known;
    const input: WorkloadInput = { ...REGION_REFERENCE_WORKLOAD, region: card.region };
    const result = estimateNormalized(normalizeWorkload(input), card, undefined, { input, study: false });
    const byOption = new Map(result.options.map((o) => [o.option, o]));
    const notOffered = new Set((NOT_OFFERED_IN_REGION[card.region] ?? []).map((n) => n.option));
    const offered = OPTION_CODES.filter((code) => !notOffered.has(code));
    const pricing: RegionPricing = {
      cardId: card.id,
      publicationDate: card.publicationDate,
      pricedOptions: offered.filter((code) => byOption.get(code)?.priced),
      unpricedOptions: offered
        .filter((code) => !byOption.get(code)?.priced)
        .map((code) => ({ option: code, missingRates: byOption.get(code)?.missingRates ?? [] })),
    };
    if (this.pricingByCard.size >= 64) this.pricingByCard.clear();
    this.pricingByCard.set(card.id, pricing);
    return pricing;
  }
}
