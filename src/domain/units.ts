/**
 * Units as AWS bills them (spec section 2): 1 KB = 1,024 bytes, 1 MB = 1,024 KB, 1 GB = 1,024 MB,
 * a month is 730 hours. Every evaluation returns this basis so a reader can redo the arithmetic.
 */

export const BYTES_PER_KB = 1024;
export const KB_PER_MB = 1024;
export const MB_PER_GB = 1024;
export const HOURS_PER_MONTH = 730;
export const HOURS_PER_DAY = 24;
export const SECONDS_PER_HOUR = 3600;
/** 730 / 24 = 30.416666… days in a billing month. */
export const DAYS_PER_MONTH = HOURS_PER_MONTH / HOURS_PER_DAY;

export interface BillingBasis {
  currency: 'USD';
  bytesPerKb: number;
  kbPerMb: number;
  mbPerGb: number;
  hoursPerMonth: number;
  daysPerMonth: number;
  /** How quantities and money are rounded. */
  quantityDecimals: number;
  moneyRounding: string;
  note: string;
}

export const QUANTITY_DECIMALS = 6;

export const BILLING_BASIS: BillingBasis = {
  currency: 'USD',
  bytesPerKb: BYTES_PER_KB,
  kbPerMb: KB_PER_MB,
  mbPerGb: MB_PER_GB,
  hoursPerMonth: HOURS_PER_MONTH,
  daysPerMonth: DAYS_PER_MONTH,
  quantityDecimals: QUANTITY_DECIMALS,
  moneyRounding:
    'each line item: quantity (rounded to 6 decimals) x unit price, rounded half-up to cents once; option total = sum of rounded line items',
  note: 'AWS billing units: 1 KB = 1,024 bytes, 1 MB = 1,024 KB, 1 GB = 1,024 MB; 1 month = 730 hours. MB/s means MiB/s.',
};

/** MB/s sustained for `hours` hours → GB. */
export const mbpsForHoursToGb = (mbps: number, hours: number): number => (mbps * hours * SECONDS_PER_HOUR) / MB_PER_GB;

/** Rounds a billing quantity to 6 decimals (integers above 1e9, where doubles lose the 6th decimal). */
export function roundQuantity(q: number): number {
  if (q === 0) return 0;
  if (Math.abs(q) >= 1e9) return Math.round(q);
  return Math.round(q * 1e6) / 1e6;
}

/**
 * `Math.ceil` that ignores floating-point dust (1.2 × 5 = 6.000000000000001 must be 6, not 7).
 * Values within 1e-9 (relative) of an integer are treated as that integer.
 */
export function ceilTolerant(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(x))) return r;
  return Math.ceil(x);
}

/** Rounds up to the next multiple of `m`. */
export const ceilToMultiple = (x: number, m: number): number => Math.ceil(x / m) * m;
