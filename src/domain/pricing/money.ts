/**
 * Money arithmetic. A line item costs round_half_up(quantity × unit price, 2), exactly as decimal.js
 * computes it (`lineCents`). Money is rounded here and nowhere else; totals add integer cents.
 *
 * `lineCentsFast` returns the same cents with less work, in three exact tiers:
 *  1. integers: quantity (≤ 6 decimals) × 1e6 and the unit price × 10^d are integers; when their
 *     product is a safe integer, the cents follow by exact integer division;
 *  2. doubles: the double product is within a few ulps of the exact decimal product, so unless it
 *     lies within a hair of a half cent its rounding is the exact rounding;
 *  3. otherwise decimal.js.
 * A property test pins fast == exact.
 */
import Decimal from 'decimal.js';

export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

/** Unit price in the forms the money functions use. */
export interface PriceForms {
  unitPrice: Dec;
  unitPriceUsd: number;
  /** unitPrice × 10^priceDecimals as a safe integer, or null when it is not one. */
  scaledPrice: number | null;
  priceDecimals: number;
}

export function priceForms(unitPrice: Dec): PriceForms {
  const priceDecimals = unitPrice.decimalPlaces();
  let scaledPrice: number | null = null;
  if (priceDecimals <= 15) {
    const scaled = unitPrice.times(new D(10).pow(priceDecimals));
    if (scaled.lte(Number.MAX_SAFE_INTEGER)) scaledPrice = scaled.toNumber();
  }
  return { unitPrice, unitPriceUsd: unitPrice.toNumber(), scaledPrice, priceDecimals };
}

/** Exact: cents of round_half_up(quantity × unitPrice, 2). */
export function lineCents(quantity: number, unitPrice: Dec): number {
  return new D(quantity).times(unitPrice).toDecimalPlaces(2, D.ROUND_HALF_UP).times(100).toNumber();
}

const MAX_SAFE_CENTS = 2 ** 50;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Same result as `lineCents` for a quantity already rounded to at most 6 decimals (roundQuantity).
 */
export function lineCentsFast(quantity: number, price: PriceForms): number {
  if (quantity >= 0 && quantity < 1e9 && price.scaledPrice !== null) {
    // Tier 1: exact integers. value = Q × P / 10^(6 + d); cents = value × 100.
    const q = Math.round(quantity * 1e6);
    const n = q * price.scaledPrice;
    const shift = price.priceDecimals + 4;
    if (Number.isSafeInteger(n) && shift < POW10.length) {
      const div = POW10[shift];
      const r = n % div;
      return (n - r) / div + (2 * r >= div ? 1 : 0);
    }
  }
  // Tier 2: doubles, away from the half cent.
  const c = quantity * price.unitPriceUsd * 100;
  if (c >= 0 && c < MAX_SAFE_CENTS) {
    const floor = Math.floor(c);
    const frac = c - floor;
    if (Math.abs(frac - 0.5) > 1e-7 + c * 1e-13) return frac > 0.5 ? floor + 1 : floor;
  }
  // Tier 3: decimal.js.
  return lineCents(quantity, price.unitPrice);
}
