import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError, estimateRow, evaluateNormalized } from '../../domain';
import { Metrics } from '../../infrastructure/metrics/metrics';
import { RatesService, type ServedRateCard } from '../../rates/rates.service';
import type { BatchRow } from './batch-input';
import {
  type BatchFormat,
  type BatchOutcome,
  type BatchSummary,
  BatchTotals,
  csvHeader,
  csvLines,
  csvSummary,
  ndjsonLine,
  ndjsonSummary,
  rowEstimateOf,
  rowResult,
} from './batch-output';

/**
 * Rows priced between two event-loop turns: ~64 × 40 µs (a row's server CPU in `npm run bench`) keeps a turn near
 * 2.5 ms, so other requests (and a client's disconnect) are seen while a batch runs.
 */
const ROWS_PER_TURN = 64;

/**
 * Prices the rows of an inventory one by one with the domain's row estimate (estimateRow: the models, rules and
 * bands POST /v1/evaluations runs, without its words, line items and robustness search, so every row equals the
 * single-request answer to the cent), and writes them as they come.
 */
@Injectable()
export class BatchEstimateService {
  private readonly logger = new Logger('batch');

  constructor(
    private readonly rates: RatesService,
    private readonly metrics: Metrics,
  ) {}

  /**
   * The outcomes of `rows`, a turn's worth at a time. Work stops when the consumer stops pulling (a client gone:
   * the stream is destroyed and this generator returned) or when `stopped()` says so.
   */
  async *outcomes(rows: Iterable<BatchRow>, stopped: () => boolean = () => false): AsyncGenerator<BatchOutcome[]> {
    const cards = new Map<string, ServedRateCard | DomainError>();
    let slice: BatchOutcome[] = [];
    for (const row of rows) {
      if (stopped()) return;
      const region = row.normalized?.region;
      if (region !== undefined && !cards.has(region)) {
        try {
          cards.set(region, await this.rates.current(region));
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          cards.set(region, e);
        }
      }
      slice.push(this.priceRow(row, region === undefined ? undefined : cards.get(region)));
      if (slice.length >= ROWS_PER_TURN) {
        this.count(slice);
        yield slice;
        slice = [];
        await nextTurn();
      }
    }
    if (slice.length > 0) {
      this.count(slice);
      yield slice;
    }
  }

  /** streamfit_batch_rows_total, a slice at a time (the counter a disconnect test watches stand still). */
  private count(slice: BatchOutcome[]): void {
    const errors = slice.reduce((n, o) => n + (o.ok ? 0 : 1), 0);
    if (slice.length > errors) this.metrics.batchRows.inc({ outcome: 'priced' }, slice.length - errors);
    if (errors > 0) this.metrics.batchRows.inc({ outcome: 'error' }, errors);
  }

  private priceRow(row: BatchRow, card: ServedRateCard | DomainError | undefined): BatchOutcome {
    const failed = (errors: BatchRow['errors']): BatchOutcome => ({
      ok: false,
      error: { row: row.row, id: row.id, name: row.name, errors },
    });
    if (!row.normalized || !row.workload || card === undefined) return failed(row.errors);
    if (card instanceof DomainError) return failed([{ field: 'region', message: card.message }]);
    try {
      const estimate =
        estimateRow(row.normalized, card, row.workload) ??
        rowEstimateOf(evaluateNormalized(row.normalized, card, undefined, { input: row.workload }));
      return { ok: true, result: rowResult(row, card.region, estimate) };
    } catch (e) {
      if (e instanceof DomainError)
        return failed(
          e.details.fields?.map((f) => ({
            field: f.field.replace(/^workload\.?/, '') || 'workload',
            message: f.message,
          })) ?? [{ field: '(row)', message: e.message }],
        );
      this.logger.error({ err: e, row: row.row }, 'batch row failed');
      return failed([{ field: '(row)', message: 'this row could not be priced (internal error)' }]);
    }
  }

  /** Every outcome and the summary, for a caller that answers all at once (GraphQL). */
  async collect(rows: Iterable<BatchRow>): Promise<{ outcomes: BatchOutcome[]; summary: BatchSummary }> {
    const totals = new BatchTotals();
    const outcomes: BatchOutcome[] = [];
    for await (const slice of this.outcomes(rows)) {
      for (const outcome of slice) {
        totals.add(outcome);
        outcomes.push(outcome);
      }
    }
    return { outcomes, summary: totals.summary() };
  }

  /** The answer's text, a chunk per turn: the CSV header (CSV), each row as it is priced, then the summary. */
  async *write(rows: Iterable<BatchRow>, format: BatchFormat, stopped?: () => boolean): AsyncGenerator<string> {
    const totals = new BatchTotals();
    if (format === 'csv') yield csvHeader();
    const lineOf = format === 'csv' ? csvLines : ndjsonLine;
    for await (const slice of this.outcomes(rows, stopped)) {
      let chunk = '';
      for (const outcome of slice) {
        totals.add(outcome);
        chunk += lineOf(outcome);
      }
      yield chunk;
    }
    if (stopped?.()) return;
    yield format === 'csv' ? csvSummary(totals.summary()) : ndjsonSummary(totals.summary());
  }
}
