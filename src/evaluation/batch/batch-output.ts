/**
 * What a batch estimate answers per row and in its closing summary, and how it is written: NDJSON (one JSON
 * object a line, `type` row | error | summary) or CSV (one line a row, then a SUMMARY line). Money is summed in
 * whole cents, so the totals are the rows' own cents added up.
 */
import { type Evaluation, type FieldError, OPTION_CODES, type OptionCode, type RowEstimate } from '../../domain';
import { contextCells, CONTEXT_COLUMNS, CSV_BOM, csvField } from '../csv';
import type { BatchRow } from './batch-input';

export interface BatchRowResult {
  row: number;
  id: string | null;
  name: string | null;
  /** The region the row is priced in (its rate card's). */
  region: string;
  /** The recommended option (null when every option is disqualified). */
  recommendation: OptionCode | null;
  recommendedCostUsd: number | null;
  /** Every option's monthly cost; null where the option is not eligible (or could not be priced). */
  costs: Record<OptionCode, number | null>;
  /** The recommended option's cost band over the default volume range (0.8–1.25×). */
  band: { low: number; high: number } | null;
  currentOption: OptionCode | null;
  currentCostUsd: number | null;
  /** currentCostUsd − recommendedCostUsd: what moving to the recommendation saves per month (negative: costs more). */
  savingUsd: number | null;
}

export interface BatchRowError {
  row: number;
  id: string | null;
  name: string | null;
  errors: FieldError[];
}

export type BatchOutcome = { ok: true; result: BatchRowResult } | { ok: false; error: BatchRowError };

export interface OptionTotal {
  option: OptionCode;
  /** The option's monthly cost summed over the rows where it is eligible and priced. */
  monthlyCostUsd: number;
  /** Rows where it is eligible and priced (the others add nothing to its total). */
  rows: number;
}

export interface BatchSummary {
  /** Rows read, priced and in error. */
  rows: number;
  rowsPriced: number;
  rowsInError: number;
  totals: OptionTotal[];
  /** Every priced row on its recommended option. */
  recommendedTotalUsd: number;
  /** Priced rows with no recommendation (every option disqualified): not in recommendedTotalUsd. */
  rowsWithoutRecommendation: number;
  /** Over the rows that give a currentOption whose cost is known (and have a recommendation). */
  rowsWithCurrentOption: number;
  currentTotalUsd: number;
  savingUsd: number;
}

const cents = (usd: number): number => Math.round(usd * 100);

/** A row's answer from the full evaluation of its workload (the one POST /v1/evaluations answers). */
export function rowEstimateOf(evaluation: Evaluation): RowEstimate {
  const costs = {} as Record<OptionCode, number | null>;
  for (const o of evaluation.options) costs[o.option] = o.eligible ? o.monthlyCostUsd : null;
  const recommendation = evaluation.recommendation.option;
  const recommended = recommendation ? evaluation.options.find((o) => o.option === recommendation) : undefined;
  return { costs, recommendation, band: recommended?.monthlyCostBandUsd ?? null };
}

/** One row's answer: the row's identity, and its workload's costs, recommendation and band in `region`. */
export function rowResult(row: BatchRow, region: string, estimate: RowEstimate): BatchRowResult {
  const { costs, recommendation, band } = estimate;
  const recommendedCostUsd = recommendation ? costs[recommendation] : null;
  const currentCostUsd = row.currentOption ? costs[row.currentOption] : null;
  return {
    row: row.row,
    id: row.id,
    name: row.name,
    region,
    recommendation,
    recommendedCostUsd,
    costs,
    band: band ? { low: band.low, high: band.high } : null,
    currentOption: row.currentOption,
    currentCostUsd,
    savingUsd:
      currentCostUsd !== null && recommendedCostUsd !== null
        ? (cents(currentCostUsd) - cents(recommendedCostUsd)) / 100
        : null,
  };
}

/** Adds rows up as they stream; `summary()` at the end. */
export class BatchTotals {
  private rows = 0;
  private inError = 0;
  private withoutRecommendation = 0;
  private withCurrent = 0;
  private recommendedCents = 0;
  private currentCents = 0;
  private savingCents = 0;
  private readonly optionCents = OPTION_CODES.map(() => 0);
  private readonly optionRows = OPTION_CODES.map(() => 0);

  add(outcome: BatchOutcome): void {
    this.rows++;
    if (!outcome.ok) {
      this.inError++;
      return;
    }
    const r = outcome.result;
    OPTION_CODES.forEach((code, i) => {
      const cost = r.costs[code];
      if (cost === null) return;
      this.optionCents[i] += cents(cost);
      this.optionRows[i]++;
    });
    if (r.recommendedCostUsd === null) this.withoutRecommendation++;
    else this.recommendedCents += cents(r.recommendedCostUsd);
    if (r.savingUsd !== null && r.currentCostUsd !== null) {
      this.withCurrent++;
      this.currentCents += cents(r.currentCostUsd);
      this.savingCents += cents(r.savingUsd);
    }
  }

  summary(): BatchSummary {
    return {
      rows: this.rows,
      rowsPriced: this.rows - this.inError,
      rowsInError: this.inError,
      totals: OPTION_CODES.map((option, i) => ({
        option,
        monthlyCostUsd: this.optionCents[i] / 100,
        rows: this.optionRows[i],
      })),
      recommendedTotalUsd: this.recommendedCents / 100,
      rowsWithoutRecommendation: this.withoutRecommendation,
      rowsWithCurrentOption: this.withCurrent,
      currentTotalUsd: this.currentCents / 100,
      savingUsd: this.savingCents / 100,
    };
  }
}

export type BatchFormat = 'ndjson' | 'csv';

/** One NDJSON line per outcome: `{"type":"row",…}` or `{"type":"error","row":n,"errors":[{field,message}]}`. */
export function ndjsonLine(outcome: BatchOutcome): string {
  return outcome.ok
    ? `${JSON.stringify({ type: 'row', ...outcome.result })}\n`
    : `${JSON.stringify({ type: 'error', ...outcome.error })}\n`;
}

export const ndjsonSummary = (summary: BatchSummary): string => `${JSON.stringify({ type: 'summary', ...summary })}\n`;

/** The CSV answer's columns (README "Batch estimates"). */
export const BATCH_CSV_COLUMNS = [
  'row',
  'id',
  'name',
  'status',
  'recommendation',
  'recommendedCostUsd',
  ...OPTION_CODES,
  'bandLowUsd',
  'bandHighUsd',
  'currentOption',
  'currentCostUsd',
  'savingUsd',
  'rowsInError',
  'field',
  'message',
  ...CONTEXT_COLUMNS,
] as const;

const money = (usd: number | null | undefined): string => (usd === null || usd === undefined ? '' : usd.toFixed(2));
const line = (cells: (string | number | null)[]): string => `${cells.map((c) => csvField(c)).join(',')}\r\n`;
const blanks = (n: number): string[] => new Array<string>(n).fill('');

/** The header, after the BOM that starts every CSV answer. */
export const csvHeader = (): string => `${CSV_BOM}${line([...BATCH_CSV_COLUMNS])}`;

/**
 * A priced row is one CSV line (status OK, rowType LINE); a row in error is one line per bad field (status ERROR,
 * rowType ERROR).
 */
export function csvLines(outcome: BatchOutcome): string {
  if (!outcome.ok) {
    const e = outcome.error;
    return e.errors
      .map((f) =>
        line([
          e.row,
          e.id,
          e.name,
          'ERROR',
          ...blanks(BATCH_CSV_COLUMNS.length - 6 - CONTEXT_COLUMNS.length),
          f.field,
          f.message,
          ...contextCells('ERROR', null, {}),
        ]),
      )
      .join('');
  }
  const r = outcome.result;
  return line([
    r.row,
    r.id,
    r.name,
    'OK',
    r.recommendation,
    money(r.recommendedCostUsd),
    ...OPTION_CODES.map((code) => money(r.costs[code])),
    money(r.band?.low),
    money(r.band?.high),
    r.currentOption,
    money(r.currentCostUsd),
    money(r.savingUsd),
    '',
    '',
    '',
    ...contextCells('LINE', r.region, {}),
  ]);
}

/**
 * The closing SUMMARY line (rowType TOTAL: leave it out when summing a column; region blank, the rows may span
 * several): `row` is the number of rows read, `recommendedCostUsd` the total with every priced row
 * on its recommendation, each option's column its total over the rows where it is eligible, `currentCostUsd` and
 * `savingUsd` the totals over the rows that give a current option, `rowsInError` the rows in error.
 */
export function csvSummary(s: BatchSummary): string {
  return line([
    s.rows,
    '',
    '',
    'SUMMARY',
    '',
    money(s.recommendedTotalUsd),
    ...s.totals.map((t) => money(t.monthlyCostUsd)),
    '',
    '',
    '',
    money(s.currentTotalUsd),
    money(s.savingUsd),
    s.rowsInError,
    '',
    '',
    ...contextCells('TOTAL', null, {}),
  ]);
}
