/**
 * Pure arithmetic of a price change: which rates moved between two cards, each option's total before and
 * after (in integer cents, as the scenario calculator does), and whether a webhook's threshold is crossed.
 */
import { OPTION_CODES, type OptionCode, type RateCard } from '../domain';

export interface MovedRate {
  key: string;
  /** USD per unit as the cards give it; null when the rate is new (old) or gone (new). */
  old: string | null;
  new: string | null;
}

export interface OptionChange {
  option: OptionCode;
  beforeUsd: number | null;
  afterUsd: number | null;
  changeUsd: number | null;
  /** (after − before) / before × 100, two decimals; null when either side is null or before is 0. */
  changePercent: number | null;
}

export type Totals = Partial<Record<OptionCode, number | null>>;

const cents = (usd: number): number => Math.round(usd * 100);

/** The rates whose price differs between two cards of a region, by key. */
export function movedRates(from: RateCard, to: RateCard): MovedRate[] {
  const keys = new Set([...Object.keys(from.rates), ...Object.keys(to.rates)]);
  const moved: MovedRate[] = [];
  for (const key of [...keys].sort()) {
    const a = from.rates[key]?.usdPerUnit ?? null;
    const b = to.rates[key]?.usdPerUnit ?? null;
    if (a === b || (a !== null && b !== null && Number(a) === Number(b))) continue;
    moved.push({ key, old: a, new: b });
  }
  return moved;
}

export function optionChanges(before: Totals, after: Totals): OptionChange[] {
  return OPTION_CODES.map((option) => {
    const b = before[option] ?? null;
    const a = after[option] ?? null;
    if (b === null || a === null) return { option, beforeUsd: b, afterUsd: a, changeUsd: null, changePercent: null };
    const diff = cents(a) - cents(b);
    return {
      option,
      beforeUsd: b,
      afterUsd: a,
      changeUsd: diff / 100,
      changePercent: cents(b) === 0 ? null : Math.round((diff / cents(b)) * 10000) / 100,
    };
  });
}

/** The largest move of any option, in dollars and in percent (absolute values; percent null when none is defined). */
export function largestChange(options: readonly OptionChange[]): { usd: number; percent: number | null } {
  let usd = 0;
  let percent: number | null = null;
  for (const o of options) {
    if (o.changeUsd !== null) usd = Math.max(usd, Math.abs(o.changeUsd));
    if (o.changePercent !== null) percent = Math.max(percent ?? 0, Math.abs(o.changePercent));
  }
  return { usd, percent };
}

export const WEBHOOK_EVENTS = ['PRICE_CHANGED', 'RECOMMENDATION_CHANGED'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookRule {
  events: readonly string[];
  thresholdPercent: number | null;
  thresholdUsd: number | null;
}

/**
 * The event types a webhook is sent for a change: PRICE_CHANGED when some option moved by at least the
 * threshold (either one, when both are set; any move when none is), RECOMMENDATION_CHANGED whenever the
 * recommended option changed.
 */
export function eventsFor(
  rule: WebhookRule,
  change: { maxChangeUsd: number; maxChangePercent: number | null; recommendationChanged: boolean },
): WebhookEvent[] {
  const out: WebhookEvent[] = [];
  if (rule.events.includes('PRICE_CHANGED') && change.maxChangeUsd > 0) {
    const noThreshold = rule.thresholdPercent === null && rule.thresholdUsd === null;
    const byUsd = rule.thresholdUsd !== null && change.maxChangeUsd >= rule.thresholdUsd;
    const byPercent =
      rule.thresholdPercent !== null &&
      change.maxChangePercent !== null &&
      change.maxChangePercent >= rule.thresholdPercent;
    if (noThreshold || byUsd || byPercent) out.push('PRICE_CHANGED');
  }
  if (rule.events.includes('RECOMMENDATION_CHANGED') && change.recommendationChanged)
    out.push('RECOMMENDATION_CHANGED');
  return out;
}
