import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, batchCsv, explain, KEY_HINT } from '../api';
import { money, signedMoney } from '../format';
import {
  type InventoryRow,
  type InventorySummary,
  OPTION_COLUMNS,
  readBatchCsv,
  type SortKey,
  sortRows,
} from '../inventory';
import { ErrorLine } from './ErrorLine';

/** Rows shown per page of the table (the whole answer is in the download). */
const PAGE = 100;

const OPTION_LABELS: Record<(typeof OPTION_COLUMNS)[number], string> = {
  KDS_ON_DEMAND: 'Kinesis on-demand',
  KDS_ON_DEMAND_ADVANTAGE: 'Kinesis On-demand Advantage',
  KDS_PROVISIONED: 'Kinesis provisioned',
  MSK_PROVISIONED: 'MSK provisioned',
  MSK_EXPRESS: 'MSK Express',
  MSK_SERVERLESS: 'MSK Serverless',
};

const COLUMNS: { key: SortKey; label: string; num?: boolean }[] = [
  { key: 'row', label: 'Row', num: true },
  { key: 'id', label: 'Id' },
  { key: 'recommendation', label: 'Recommendation' },
  { key: 'recommendedCostUsd', label: 'Recommended cost', num: true },
  ...OPTION_COLUMNS.map((o) => ({ key: o, label: OPTION_LABELS[o], num: true })),
  { key: 'savingUsd', label: 'Saving vs current', num: true },
];

interface Priced {
  file: string;
  csv: string;
  rows: InventoryRow[];
  summary: InventorySummary | null;
}

/** Upload an inventory CSV, price it with POST /v1/estimates/batch, read the summary and a sortable table, download the answer. */
export function Inventory({ apiKey, onError }: { apiKey: string; onError: (e: unknown) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [priced, setPriced] = useState<Priced | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'row', descending: false });
  const [page, setPage] = useState(0);
  const [download, setDownload] = useState('');

  // The download is the answer's own bytes, as an object URL released when replaced.
  useEffect(() => {
    if (!priced) return;
    const url = URL.createObjectURL(new Blob([priced.csv], { type: 'text/csv' }));
    setDownload(url);
    return () => URL.revokeObjectURL(url);
  }, [priced]);

  const sorted = useMemo(
    () => (priced ? sortRows(priced.rows, sort.key, sort.descending) : []),
    [priced, sort.key, sort.descending],
  );

  const price = async () => {
    if (!apiKey) {
      setError(`Paste an API key first (create one with \`${KEY_HINT}\`).`);
      document.getElementById('api-key')?.focus();
      return;
    }
    if (!file) {
      setError('Choose an inventory CSV file first.');
      document.getElementById('inventory-file')?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const csv = await batchCsv(apiKey, await file.text());
      const { rows, summary } = readBatchCsv(csv);
      setPriced({ file: file.name, csv, rows, summary });
      setSort({ key: 'row', descending: false });
      setPage(0);
      setTimeout(() => document.getElementById('inventory-summary-title')?.focus(), 0);
    } catch (e) {
      onError(e);
      setError(
        e instanceof ApiError && e.fields.length
          ? `Could not price the inventory: ${e.fields.map((f) => f.message).join('; ')}.`
          : explain(e, 'price the inventory'),
      );
    } finally {
      setBusy(false);
    }
  };

  const sortBy = (key: SortKey) => {
    setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'row' && key !== 'id' }));
    setPage(0);
  };

  const pages = Math.max(1, Math.ceil(sorted.length / PAGE));
  const shown = sorted.slice(page * PAGE, (page + 1) * PAGE);
  const s = priced?.summary;

  return (
    <section class="inventory" aria-labelledby="inventory-title">
      <h2 id="inventory-title">Price an inventory</h2>
      <p class="hint" id="inventory-hint">
        A CSV with a header naming workload fields (as the form's fields are named) plus optional <code>id</code>,{' '}
        <code>name</code> and <code>currentOption</code>, one row per workload, up to 10,000 rows; lists as JSON in
        their cell. See <a href="/docs">the API docs</a> (POST /v1/estimates/batch).
      </p>
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          void price();
        }}
      >
        <label for="inventory-file">Inventory CSV</label>
        <input
          id="inventory-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="inventory-hint"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Pricing…' : 'Price inventory'}
        </button>
      </form>
      <ErrorLine error={error} />
      {priced && s && (
        <div class="inventory-result">
          <h3 id="inventory-summary-title" tabIndex={-1}>
            Summary of {priced.file}
          </h3>
          <dl class="summary" data-testid="inventory-summary">
            <dt>Rows</dt>
            <dd data-field="rows">{s.rows}</dd>
            <dt>Rows in error</dt>
            <dd data-field="rowsInError">{s.rowsInError}</dd>
            <dt>Every row on its recommendation</dt>
            <dd data-field="recommendedTotalUsd" data-value={s.recommendedTotalUsd}>
              {money(s.recommendedTotalUsd)}
            </dd>
            <dt>Rows that run today (current option)</dt>
            <dd data-field="currentTotalUsd" data-value={s.currentTotalUsd}>
              {money(s.currentTotalUsd)}
            </dd>
            <dt>Saving per month by moving them</dt>
            <dd data-field="savingUsd" data-value={s.savingUsd}>
              {signedMoney(s.savingUsd)}
            </dd>
          </dl>
          <div class="scroll">
            <table class="option-totals">
              <caption>Every row on one option (rows where it is eligible)</caption>
              <thead>
                <tr>
                  <th scope="col">Option</th>
                  <th scope="col" class="num">
                    Monthly total
                  </th>
                </tr>
              </thead>
              <tbody>
                {OPTION_COLUMNS.map((o) => (
                  <tr key={o}>
                    <th scope="row">{OPTION_LABELS[o]}</th>
                    <td class="num" data-option={o} data-value={s.totals[o]}>
                      {money(s.totals[o])}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <a class="button" href={download} download="streamfit-batch-estimate.csv">
              Download result CSV
            </a>
          </p>
          <div class="scroll">
            <table class="inventory-rows">
              <caption>
                Rows {sorted.length === 0 ? 0 : page * PAGE + 1}–{Math.min(sorted.length, (page + 1) * PAGE)} of{' '}
                {sorted.length}, sorted by {COLUMNS.find((c) => c.key === sort.key)?.label.toLowerCase()} (
                {sort.descending ? 'descending' : 'ascending'}); select a column heading to sort
              </caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      class={c.num ? 'num' : undefined}
                      aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    >
                      <button type="button" class="sort" onClick={() => sortBy(c.key)}>
                        {c.label}
                      </button>
                    </th>
                  ))}
                  <th scope="col">Errors</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.row} data-row={r.row}>
                    <td class="num">{r.row}</td>
                    <td>{r.id || r.name}</td>
                    <td>{r.recommendation || '—'}</td>
                    <td class="num">{money(r.recommendedCostUsd)}</td>
                    {OPTION_COLUMNS.map((o) => (
                      <td key={o} class="num">
                        {money(r.costs[o])}
                      </td>
                    ))}
                    <td class="num">{signedMoney(r.savingUsd)}</td>
                    <td>{r.errors.join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <p class="actions">
              <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
                Previous rows
              </button>
              <span>
                Page {page + 1} of {pages}
              </span>
              <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
                Next rows
              </button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
