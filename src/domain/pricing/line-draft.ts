/**
 * Line drafts: what a cost model bills (quantity, unit, rate key) before prices are applied.
 * `priceLines` turns them into line items, or reports the rates it could not find.
 */
import type { LineItem } from '../model.types';
import { roundQuantity } from '../units';
import { lineCents, lineCentsFast } from './money';
import type { RateResolver } from './rate-resolver';
import { count } from '../words';

export interface LineDraft {
  code: string;
  /** Built only when line items are rendered (break-even sampling never needs the words). */
  describe: () => string;
  quantity: number;
  unit: string;
  rateKey: string;
}

export interface PricedLines {
  lineItems: LineItem[];
  missingRates: string[];
  /** Sum of the rounded line items, in cents; null when a rate is missing. */
  totalCents: number | null;
}

/**
 * Builds line items. `exact` forces decimal.js for every line; the default uses the guarded double
 * path of money.ts, which returns the same cents (it falls back to decimal.js near a half cent).
 */
export function priceLines(drafts: readonly LineDraft[], rates: RateResolver, exact = false): PricedLines {
  const lineItems: LineItem[] = [];
  const missing: string[] = [];
  let totalCents = 0;
  for (const d of drafts) {
    const rate = rates.get(d.rateKey);
    if (!rate) {
      if (!missing.includes(d.rateKey)) missing.push(d.rateKey);
      continue;
    }
    const quantity = roundQuantity(d.quantity);
    const cents = exact ? lineCents(quantity, rate.unitPrice) : lineCentsFast(quantity, rate);
    totalCents += cents;
    lineItems.push({
      code: d.code,
      description: d.describe(),
      quantity,
      unit: d.unit,
      unitPriceUsd: rate.unitPriceUsd,
      monthlyCostUsd: cents / 100,
      usageType: rate.usageType,
      rateKey: d.rateKey,
      rateSource: rate.source,
    });
  }
  if (missing.length > 0) return { lineItems: [], missingRates: missing.sort(), totalCents: null };
  return { lineItems, missingRates: [], totalCents };
}

/** Sum of the rounded line items in cents, without building line items; null when a rate is missing. */
export function priceTotalCents(drafts: readonly LineDraft[], rates: RateResolver): number | null {
  let total = 0;
  for (const d of drafts) {
    const rate = rates.get(d.rateKey);
    if (!rate) return null;
    total += lineCentsFast(roundQuantity(d.quantity), rate);
  }
  // A cost that is not a finite, exact amount is not a price (break-even leaves the point unpriced).
  return Number.isFinite(total) && Math.abs(total) <= Number.MAX_SAFE_INTEGER ? total : null;
}

/** Adds a draft only when it bills something. */
export function pushIfPositive(drafts: LineDraft[], draft: LineDraft): void {
  if (draft.quantity > 0) drafts.push(draft);
}

export const fmt = (n: number, decimals = 6): string => String(Math.round(n * 10 ** decimals) / 10 ** decimals);

/** A line billed per GB read: each of `consumers` readers reads `gb` (the month's ingest). */
export function gbReadLine(code: string, label: string, consumers: number, gb: number, rateKey: string): LineDraft {
  return {
    code,
    describe: () => `${label}: ${count(consumers, 'consumer')} × ${fmt(gb)} GB`,
    quantity: gb * consumers,
    unit: 'GB',
    rateKey,
  };
}
