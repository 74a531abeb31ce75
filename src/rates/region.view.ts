import { ObjectType } from '@nestjs/graphql';
import { ViewProperty as P } from '../common/view-property';
import { OptionCodeEnum } from '../workload';
import type { RegionEntry, RegionPricing } from './regions.service';

@ObjectType('UnpricedOption', { description: 'An option a card cannot price, with the rate keys it lacks' })
export class UnpricedOptionView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P([String], { description: 'Rate keys to supply (pricing.rateOverrides) or to fetch live' }) missingRates: string[];
}

@ObjectType('NotOfferedOption', { description: 'An option AWS does not offer in the region (not a missing price)' })
export class NotOfferedOptionView {
  @P(OptionCodeEnum, { enum: OptionCodeEnum }) option: OptionCodeEnum;
  @P(String) reason: string;
}

@ObjectType('RegionPricing', {
  description: 'What one rate card of the region prices, for the reference workload (100 GB/day of 1 KB records)',
})
export class RegionPricingView {
  @P(String) cardId: string;
  @P(String) publicationDate: string;
  @P([OptionCodeEnum], { enum: OptionCodeEnum }) pricedOptions: OptionCodeEnum[];
  @P([UnpricedOptionView]) unpricedOptions: UnpricedOptionView[];
}

@ObjectType('LiveRegionRates', { description: 'Live AWS Price List rates for the region' })
export class LiveRegionRatesView {
  @P(Boolean, { description: 'Whether this service has AWS access to fetch live Price List rates' })
  available: boolean;
  @P(String, { description: 'Which configuration gives (or why nothing gives) AWS access' }) reason: string;
  @P(RegionPricingView, { nullable: true, description: 'The newest live card of the region; null until fetched' })
  card: RegionPricingView | null;
}

@ObjectType('Region', { description: 'A region streamfit knows, with the options priced there offline and live' })
export class RegionView {
  @P(String, { example: 'eu-west-1' }) region: string;
  @P(String, { nullable: true, example: 'EU (Ireland)' }) location: string | null;
  @P([NotOfferedOptionView]) notOffered: NotOfferedOptionView[];
  @P(RegionPricingView, {
    nullable: true,
    description: 'The bundled offline snapshot (no AWS access needed); null when none ships for the region',
  })
  offline: RegionPricingView | null;
  @P(LiveRegionRatesView) live: LiveRegionRatesView;

  static from(entry: RegionEntry): RegionView {
    const pricing = (p: RegionPricing | null): RegionPricingView | null =>
      p && {
        ...p,
        pricedOptions: p.pricedOptions as OptionCodeEnum[],
        unpricedOptions: p.unpricedOptions.map((u) => ({ ...u, option: u.option as OptionCodeEnum })),
      };
    return {
      region: entry.region,
      location: entry.location,
      notOffered: entry.notOffered.map((n) => ({ ...n, option: n.option as OptionCodeEnum })),
      offline: pricing(entry.offline),
      live: { ...entry.live, card: pricing(entry.live.card) },
    };
  }
}
