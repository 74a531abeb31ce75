/**
 * The console's reading of a batch estimate's CSV answer (POST /v1/estimates/batch with Accept: text/csv, README
 * "Batch estimates"): the priced rows, the rows in error (one answer line per bad field, grouped by row here) and
 * the SUMMARY line. The bytes themselves are what the download gives.
 */
import { OPTION_CODES } from '../../src/domain/options';

/** The answer's option columns, in the domain's order. */
export const OPTION_COLUMNS = OPTION_CODES;
export type OptionColumn = (typeof OPTION_COLUMNS)[number];

export interface InventoryRow {
  row: number;
  id: string;
  name: string;
  status: 'OK' | 'ERROR';
  recommendation: string;
  recommendedCostUsd: number | null;
  costs: Record<OptionColumn, number | null>;
  bandLowUsd: number | null;
  bandHighUsd: number | null;
  currentOption: string;
  savingUsd: number | null;
  /** "field: message" for each bad field of a row in error. */
  errors: string[];
}

export interface InventorySummary {
  rows: number;
  rowsInError: number;
  recommendedTotalUsd: number;
  totals: Record<OptionColumn, number>;
  currentTotalUsd: number;
  savingUsd: number;
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const amount = (cell: string | undefined): number | null => (cell === undefined || cell === '' ? null : Number(cell));

/** The rows (in inventory order) and the summary of a batch answer. */
export function readBatchCsv(text: string): { rows: InventoryRow[]; summary: InventorySummary | null } {
  // Every CSV answer starts with a UTF-8 BOM (for spreadsheets): not part of the first column's name.
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
  const at = (name: string) => header.indexOf(name);
  const byRow = new Map<number, InventoryRow>();
  let summary: InventorySummary | null = null;
  for (const r of records) {
    const cell = (name: string) => r[at(name)] ?? '';
    const status = cell('status');
    if (status === 'SUMMARY') {
      summary = {
        rows: Number(cell('row')),
        rowsInError: Number(cell('rowsInError')),
        recommendedTotalUsd: Number(cell('recommendedCostUsd')),
        totals: Object.fromEntries(OPTION_COLUMNS.map((o) => [o, Number(cell(o))])) as Record<OptionColumn, number>,
        currentTotalUsd: Number(cell('currentCostUsd')),
        savingUsd: Number(cell('savingUsd')),
      };
      continue;
    }
    const row = Number(cell('row'));
    if (status === 'ERROR' && byRow.has(row)) {
      byRow.get(row)!.errors.push(`${cell('field')}: ${cell('message')}`);
      continue;
    }
    byRow.set(row, {
      row,
      id: cell('id'),
      name: cell('name'),
      status: status === 'OK' ? 'OK' : 'ERROR',
      recommendation: cell('recommendation'),
      recommendedCostUsd: amount(cell('recommendedCostUsd')),
      costs: Object.fromEntries(OPTION_COLUMNS.map((o) => [o, amount(cell(o))])) as Record<OptionColumn, number | null>,
      bandLowUsd: amount(cell('bandLowUsd')),
      bandHighUsd: amount(cell('bandHighUsd')),
      currentOption: cell('currentOption'),
      savingUsd: amount(cell('savingUsd')),
      errors: status === 'ERROR' ? [`${cell('field')}: ${cell('message')}`] : [],
    });
  }
  return { rows: [...byRow.values()], summary };
}

export type SortKey = 'row' | 'id' | 'recommendation' | 'recommendedCostUsd' | 'savingUsd' | OptionColumn;

/** The rows sorted by `key` (blank values last whichever the direction), ties in inventory order. */
export function sortRows(rows: InventoryRow[], key: SortKey, descending: boolean): InventoryRow[] {
  const value = (r: InventoryRow): number | string | null =>
    key === 'row'
      ? r.row
      : key === 'id'
        ? r.id || null
        : key === 'recommendation'
          ? r.recommendation || null
          : key === 'recommendedCostUsd' || key === 'savingUsd'
            ? r[key]
            : r.costs[key];
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? a.row - b.row : va === null ? 1 : -1;
    const order = va < vb ? -1 : va > vb ? 1 : 0;
    return (descending ? -order : order) || a.row - b.row;
  });
}
