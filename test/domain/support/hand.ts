/**
 * Hand arithmetic for expected values, independent of the domain's money code:
 * quantity rounded to 6 decimals, × rate, rounded half-up to cents.
 */
import Decimal from 'decimal.js';
import type { Evaluation, OptionCode, OptionResult } from '../../../src/domain';

export const HOURS = 730;
export const DAYS_PER_MONTH = 730 / 24;
/** GB written per month for an ingest in GB/day. */
export const monthlyGb = (gbPerDay: number): number => (gbPerDay * 730) / 24;

export const q6 = (q: number): number => (Math.abs(q) >= 1e9 ? Math.round(q) : Number(q.toFixed(6)));

/** USD of one line: round_half_up(q6(quantity) × rate, 2). */
export function usd(quantity: number, rate: string | number): number {
  return new Decimal(String(q6(quantity))).times(String(rate)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** Sum of USD amounts, to the cent. */
export const sum = (...amounts: number[]): number => amounts.reduce((a, b) => new Decimal(a).plus(b).toNumber(), 0);

export function optionOf(e: { options: OptionResult[] }, code: OptionCode): OptionResult {
  const o = e.options.find((x) => x.option === code);
  if (!o) throw new Error(`option ${code} missing`);
  return o;
}

export function line(e: { options: OptionResult[] }, code: OptionCode, lineCode: string) {
  const l = optionOf(e, code).lineItems.find((x) => x.code === lineCode);
  if (!l)
    throw new Error(
      `line ${lineCode} missing from ${code}: ${optionOf(e, code)
        .lineItems.map((x) => x.code)
        .join(', ')}`,
    );
  return l;
}

export const lineCodes = (e: Evaluation, code: OptionCode): string[] => optionOf(e, code).lineItems.map((l) => l.code);
