/**
 * Resolves the unit prices an evaluation uses: the card's rate, replaced by a caller's override
 * (source OVERRIDE), then reduced by the negotiated discount (every rate, overridden ones included).
 * Resolved prices are cached per call; parsed card rates are cached per card object.
 */
import { type FieldError, ValidationError } from '../errors';
import { BROKER_HOUR_KEYS, RATE_KEYS, type RateCard, type RateCardSource, rateSourceLabel } from '../rate-card';
import { D, type Dec, type PriceForms, priceForms } from './money';
import { count } from '../words';

export interface PricingInput {
  /** Negotiated discount, 0..100 %, applied to every rate. */
  discountPercent?: number;
  /** Rate key → USD unit price, replacing the card's rate for that key. */
  rateOverrides?: Record<string, number>;
}

/** A rate after override and discount: `unitPrice` exact, `unitPriceUsd` as a double, plus integer forms for fast money. */
export interface ResolvedRate extends PriceForms {
  key: string;
  usageType: string;
  source: RateCardSource;
}

/** Identifies the rates that priced a result (spec section 3 `rateCard`). */
export interface RateCardRef {
  id: string;
  region: string;
  /** OVERRIDE when any override or discount was applied, else the card's own source. */
  source: RateCardSource;
  priceListVersion: string;
  publicationDate: string;
  fetchedAt: string;
  contentHash: string;
  stale: boolean;
  /** Where the prices come from, in words (rateSourceLabel), with overrides or a discount named. */
  sourceLabel: string;
  discountPercent: number;
  overriddenRateKeys: string[];
}

/** Every rate key the cost model understands (what `rateOverrides` accepts). */
export const KNOWN_RATE_KEYS: ReadonlySet<string> = new Set<string>([...Object.values(RATE_KEYS), ...BROKER_HOUR_KEYS]);

const parsedCards = new WeakMap<RateCard, Map<string, Dec>>();

/**
 * Resolved rates per card and pricing variant (discount + overrides), so repeated evaluations with
 * the same card and pricing do no decimal work to resolve rates. Bounded per card.
 */
const resolvedCache = new WeakMap<RateCard, Map<string, Map<string, ResolvedRate | null>>>();
const MAX_PRICING_VARIANTS_PER_CARD = 256;

function resolvedFor(
  card: RateCard,
  discountPercent: number,
  overrides: Record<string, number>,
): Map<string, ResolvedRate | null> {
  let byPricing = resolvedCache.get(card);
  if (!byPricing) {
    byPricing = new Map();
    resolvedCache.set(card, byPricing);
  }
  const keys = Object.keys(overrides);
  const variant =
    keys.length === 0
      ? String(discountPercent)
      : `${discountPercent}|${keys
          .sort()
          .map((k) => `${k}=${overrides[k]}`)
          .join(',')}`;
  let resolved = byPricing.get(variant);
  if (!resolved) {
    if (byPricing.size >= MAX_PRICING_VARIANTS_PER_CARD) byPricing.clear();
    resolved = new Map();
    byPricing.set(variant, resolved);
  }
  return resolved;
}

function cardPrice(card: RateCard, key: string): Dec | undefined {
  let parsed = parsedCards.get(card);
  if (!parsed) {
    parsed = new Map();
    parsedCards.set(card, parsed);
  }
  let price = parsed.get(key);
  if (price === undefined) {
    const rate = card.rates[key];
    if (!rate) return undefined;
    price = new D(rate.usdPerUnit);
    parsed.set(key, price);
  }
  return price;
}

/** Validates discountPercent and rateOverrides; throws ValidationError listing every bad field. */
export function validatePricing(pricing: PricingInput | undefined): {
  discountPercent: number;
  overrides: Record<string, number>;
} {
  const errors: FieldError[] = [];
  const discountPercent = pricing?.discountPercent ?? 0;
  if (
    typeof discountPercent !== 'number' ||
    !Number.isFinite(discountPercent) ||
    discountPercent < 0 ||
    discountPercent > 100
  ) {
    errors.push({ field: 'discountPercent', message: 'discountPercent must be a number between 0 and 100' });
  }
  const overrides = pricing?.rateOverrides ?? {};
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    errors.push({ field: 'rateOverrides', message: 'rateOverrides must be an object of rate key to USD unit price' });
  } else {
    for (const [key, value] of Object.entries(overrides)) {
      if (!KNOWN_RATE_KEYS.has(key)) {
        errors.push({ field: `rateOverrides.${key}`, message: `${key} is not a known rate key` });
      } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        errors.push({
          field: `rateOverrides.${key}`,
          message: `rateOverrides.${key} must be a number greater than or equal to 0`,
        });
      }
    }
  }
  if (errors.length > 0) throw new ValidationError(errors, 'The pricing options are not valid');
  return { discountPercent, overrides };
}

export class RateResolver {
  private readonly cache: Map<string, ResolvedRate | null>;
  private readonly factor: Dec | null;
  readonly discountPercent: number;
  readonly overrides: Record<string, number>;

  constructor(
    readonly card: RateCard,
    pricing?: PricingInput,
  ) {
    const { discountPercent, overrides } = validatePricing(pricing);
    this.discountPercent = discountPercent;
    this.overrides = overrides;
    this.factor = discountPercent > 0 ? new D(100).minus(discountPercent).dividedBy(100) : null;
    this.cache = resolvedFor(card, discountPercent, overrides);
  }

  /** The resolved rate, or undefined when neither the card nor an override has it. */
  get(key: string): ResolvedRate | undefined {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const resolved = this.resolve(key);
    this.cache.set(key, resolved);
    return resolved ?? undefined;
  }

  /** Unit price as a number, for sizing comparisons (not for money). */
  priceOf(key: string): number | undefined {
    return this.get(key)?.unitPriceUsd;
  }

  private resolve(key: string): ResolvedRate | null {
    const override = Object.prototype.hasOwnProperty.call(this.overrides, key) ? this.overrides[key] : undefined;
    const cardRate = this.card.rates[key];
    let base: Dec | undefined;
    let source: RateCardSource;
    if (override !== undefined) {
      base = new D(override);
      source = 'OVERRIDE';
    } else {
      base = cardPrice(this.card, key);
      source = cardRate?.source ?? this.card.source;
    }
    if (base === undefined) return null;
    const unitPrice = this.factor ? base.times(this.factor) : base;
    return { key, ...priceForms(unitPrice), usageType: cardRate?.usageType ?? '', source };
  }

  ref(): RateCardRef {
    const overriddenRateKeys = Object.keys(this.overrides).sort();
    const card = this.card;
    return {
      id: card.id,
      region: card.region,
      source: overriddenRateKeys.length > 0 || this.discountPercent > 0 ? 'OVERRIDE' : card.source,
      priceListVersion: card.priceListVersion,
      publicationDate: card.publicationDate,
      fetchedAt: card.fetchedAt,
      contentHash: card.contentHash,
      stale: card.stale,
      sourceLabel:
        rateSourceLabel(card) +
        (this.discountPercent > 0 ? `, ${this.discountPercent} % discount` : '') +
        (overriddenRateKeys.length > 0 ? `, ${count(overriddenRateKeys.length, 'rate')} overridden by the caller` : ''),
      discountPercent: this.discountPercent,
      overriddenRateKeys,
    };
  }
}
