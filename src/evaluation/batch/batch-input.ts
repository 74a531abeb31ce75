/**
 * The rows of a batch estimate (POST /v1/estimates/batch, GraphQL estimateWorkloads), read from a JSON array or a
 * CSV inventory. Each row is a workload plus optional `id`, `name` and `currentOption`; a row that cannot be read
 * becomes that row's own error (row number, field, message), never the batch's. Only what concerns the whole batch
 * (not a list, a bad header, too many rows) is a 400.
 *
 * CSV (RFC 4180): a header row naming workload fields (WORKLOAD_JSON_SCHEMA) and optionally `id`, `name`,
 * `currentOption`, in any order; one row per workload. An empty cell leaves the field out (its default applies).
 * Numbers as plain decimals, booleans as `true`/`false`, enums as their code. List-valued fields (`hourlyWriteMBps`,
 * `recordSizeDistribution`, `deliverTo`) are written as JSON in their cell, quoted as CSV quotes any cell holding a
 * comma or a quote: `"[1,1,1,…]"`, `"[{""sizeKB"":1,""share"":0.9},…]"`, `"[""S3""]"`.
 */
import {
  type FieldError,
  isObject,
  isOptionCode,
  type NormalizedWorkload,
  normalizeWorkload,
  type OptionCode,
  ValidationError,
  WORKLOAD_JSON_SCHEMA,
  type WorkloadInput,
} from '../../domain';
import { textProblem } from '../../common/text-input';

/** Most rows one REST batch may hold. */
export const BATCH_MAX_ROWS = 10_000;
/** Most workloads one GraphQL estimateWorkloads may hold. */
export const GRAPHQL_BATCH_MAX_ROWS = 1_000;
/** The columns a row may carry besides the workload's fields. */
export const ROW_FIELDS = ['id', 'name', 'currentOption'] as const;
const MAX_LABEL_LENGTH = 200;

/** One row of an inventory, read and checked: its workload normalized, or the errors that stop it being priced. */
export interface BatchRow {
  /** 1-based position in the inventory (the CSV's data rows, the header not counted; the JSON array's index + 1). */
  row: number;
  id: string | null;
  name: string | null;
  currentOption: OptionCode | null;
  /** The workload as given (the volume study scales it) and its normalization; absent when `errors` is not empty. */
  workload?: WorkloadInput;
  normalized?: NormalizedWorkload;
  errors: FieldError[];
}

const properties = WORKLOAD_JSON_SCHEMA.properties as Record<string, { type?: string }>;
const WORKLOAD_FIELDS: ReadonlySet<string> = new Set(Object.keys(properties));

function label(value: unknown, field: string, errors: FieldError[]): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' && typeof value !== 'number') {
    errors.push({ field, message: `${field} must be a string` });
    return null;
  }
  const text = String(value);
  const problem = text.length > MAX_LABEL_LENGTH ? `must be at most ${MAX_LABEL_LENGTH} characters` : textProblem(text);
  if (problem) {
    errors.push({ field, message: `${field} ${problem}` });
    return null;
  }
  return text;
}

const badRow = (row: number, message: string): BatchRow => ({
  row,
  id: null,
  name: null,
  currentOption: null,
  errors: [{ field: '(row)', message }],
});

/** A row from its fields (a JSON object, or a CSV row already typed by its columns). */
export function readRow(row: number, record: unknown, cellErrors: FieldError[] = []): BatchRow {
  const errors = [...cellErrors];
  if (!isObject(record)) return badRow(row, 'each row must be a JSON object of workload fields');
  const { id, name, currentOption, ...workload } = record as Record<string, unknown>;
  const current = currentOption === undefined || currentOption === null || currentOption === '' ? null : currentOption;
  if (current !== null && !isOptionCode(current))
    errors.push({
      field: 'currentOption',
      message: `currentOption must be one of KDS_ON_DEMAND, KDS_ON_DEMAND_ADVANTAGE, KDS_PROVISIONED, MSK_PROVISIONED, MSK_EXPRESS, MSK_SERVERLESS`,
    });
  const out: BatchRow = {
    row,
    id: label(id, 'id', errors),
    name: label(name, 'name', errors),
    currentOption: isOptionCode(current) ? current : null,
    errors,
  };
  try {
    // The single-request check and normalization, field names bare (as the CSV columns are named).
    out.normalized = normalizeWorkload(workload as unknown as WorkloadInput, { path: '' });
    out.workload = workload as unknown as WorkloadInput;
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    errors.push(...(e.details.fields ?? []));
  }
  if (errors.length) {
    delete out.normalized;
    delete out.workload;
  }
  return out;
}

/** A bad inventory as a whole: a 400 naming the problem. */
const batchError = (field: string, message: string) =>
  new ValidationError([{ field, message }], `The inventory cannot be read: ${message}`);

/** Rows of a JSON body: an array of objects (workload fields plus id, name, currentOption). */
export function jsonRows(
  body: unknown,
  max = BATCH_MAX_ROWS,
  field = '(body)',
): { count: number; rows: Iterable<BatchRow> } {
  if (!Array.isArray(body))
    throw batchError(field, 'the inventory must be a JSON array of workloads (or CSV with Content-Type: text/csv)');
  if (body.length === 0) throw batchError(field, 'the inventory holds no rows');
  if (body.length > max)
    throw batchError(field, `the inventory holds ${body.length} rows; the limit is ${max} per request`);
  return {
    count: body.length,
    rows: (function* () {
      for (let i = 0; i < body.length; i++) yield readRow(i + 1, body[i]);
    })(),
  };
}

/**
 * RFC 4180 records of a CSV text, one at a time: quoted fields (with "" for a quote, and line breaks inside),
 * CRLF or LF line ends, a leading byte order mark skipped. A last line without its line end counts; blank lines
 * do not.
 */
export function* csvRecords(text: string): Generator<string[]> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const record: string[] = [];
    for (;;) {
      let cell = '';
      if (text.charCodeAt(i) === 34 /* " */) {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            cell += text.slice(i);
            i = n;
            break;
          }
          cell += text.slice(i, q);
          if (text.charCodeAt(q + 1) === 34) {
            cell += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        cell = text.slice(i, j);
        i = j;
      }
      record.push(cell);
      if (i < n && text.charCodeAt(i) === 44) {
        i++;
        continue;
      }
      break;
    }
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    if (record.length === 1 && record[0] === '') continue; // a blank line
    yield record;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV cell as the value of `column` (see the file comment); a cell that is not JSON where JSON is due is an error. */
function cellValue(column: string, cell: string, errors: FieldError[]): unknown {
  const text = cell.trim();
  if (text === '') return undefined;
  const type = properties[column]?.type;
  if (type === 'number' || type === 'integer') return NUMBER.test(text) ? Number(text) : text;
  if (type === 'boolean') {
    const lower = text.toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : text;
  }
  if (type === 'array' || type === 'object') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      errors.push({
        field: column,
        message: `${column} must be written as JSON in its cell (a list such as [1,2,3] or [{"sizeKB":1,"share":1}])`,
      });
      return undefined;
    }
  }
  return text;
}

/** Rows of a CSV inventory (see the file comment). The header is checked first: an unknown or repeated column is a 400. */
export function csvRows(text: string, max = BATCH_MAX_ROWS): { count: number; rows: Iterable<BatchRow> } {
  const records = csvRecords(text);
  const first = records.next();
  if (first.done) throw batchError('(header)', 'the CSV holds no header row');
  const header = first.value.map((c) => c.trim());
  const seen = new Set<string>();
  for (const column of header) {
    if (!WORKLOAD_FIELDS.has(column) && !(ROW_FIELDS as readonly string[]).includes(column))
      throw batchError(
        '(header)',
        column === ''
          ? 'the header has an empty column name'
          : `column ${JSON.stringify(column)} is not a workload field (nor id, name or currentOption)`,
      );
    if (seen.has(column)) throw batchError('(header)', `column ${JSON.stringify(column)} appears twice`);
    seen.add(column);
  }
  // Counted before anything is priced, so a batch over the limit is refused whole (and its units are known).
  let count = 0;
  for (const _ of csvRecords(text)) count++;
  count -= 1;
  if (count === 0) throw batchError('(body)', 'the inventory holds no rows');
  if (count > max) throw batchError('(body)', `the inventory holds ${count} rows; the limit is ${max} per request`);
  return {
    count,
    rows: (function* () {
      let row = 0;
      for (const cells of records) {
        row++;
        const errors: FieldError[] = [];
        if (cells.length !== header.length) {
          yield badRow(row, `the row has ${cells.length} cells; the header has ${header.length}`);
          continue;
        }
        const record: Record<string, unknown> = {};
        for (let c = 0; c < header.length; c++) {
          const value = cellValue(header[c], cells[c], errors);
          if (value !== undefined) record[header[c]] = value;
        }
        yield readRow(row, record, errors);
      }
    })(),
  };
}
