import { useEffect, useState } from 'preact/hooks';
import { explain, graphql } from '../api';
import { money, optionName, percent, signedMoney, when } from '../format';
import {
  CompareScenariosDocument,
  type CompareScenariosQuery,
  ScenariosDocument,
  type ScenariosQuery,
} from '../generated/graphql';
import type { FormValues } from '../workload-fields';
import { ScenarioView } from './ScenarioView';
import { ErrorLine } from './ErrorLine';

type Item = ScenariosQuery['scenarios']['items'][number];
type Comparison = CompareScenariosQuery['compareScenarios'];

interface Props {
  apiKey: string;
  readOnly: boolean;
  formValues: FormValues;
  onError: (e: unknown) => void;
  onLoad: (values: FormValues) => void;
  /** The scenario open (and the version on screen), as the URL carries it; null: the list. */
  shown: { id: string; version?: number } | null;
  onShow: (shown: { id: string; version?: number } | null) => void;
}

const PAGE = 20;
const MAX_COMPARE = 10;

function CompareTable({ comparison }: { comparison: Comparison }) {
  const deltaOf = (scenarioId: string, option: string) =>
    comparison.deltas.find((d) => d.scenarioId === scenarioId)?.options.find((o) => o.option === option);
  const options = comparison.scenarios[0]?.options.map((o) => o.option) ?? [];
  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">Comparison</h2>
      <div class="scroll">
        <table class="compare">
          <caption>
            Monthly cost per option side by side; changes are against the first scenario (
            {comparison.scenarios[0]?.name})
          </caption>
          <thead>
            <tr>
              <th scope="col">Option</th>
              {comparison.scenarios.map((s) => (
                <th key={s.id} scope="col" class="num">
                  {s.name} <span class="hint">v{s.version}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr class="recommended">
              <th scope="row">Recommended</th>
              {comparison.scenarios.map((s) => (
                <td key={s.id} class="num">
                  {optionName(s.recommendation.option)} {money(s.recommendation.monthlyCostUsd)}
                </td>
              ))}
            </tr>
            {options.map((option) => (
              <tr key={option} data-option={option}>
                <th scope="row">{optionName(option)}</th>
                {comparison.scenarios.map((s, i) => {
                  const cost = s.options.find((o) => o.option === option);
                  const delta = i === 0 ? undefined : deltaOf(s.id, option);
                  return (
                    <td key={s.id} class="num">
                      {money(cost?.monthlyCostUsd)}
                      {cost && !cost.eligible && <span class="hint"> not eligible</span>}
                      {delta && (
                        <span class="delta">
                          {' '}
                          {signedMoney(delta.absoluteUsd)} ({percent(delta.percent)})
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The team's scenarios: search, tag filter, select 2–10 to compare, open one. */
export function Scenarios({ apiKey, readOnly, formValues, onError, onLoad, shown, onShow }: Props) {
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [loaded, setLoaded] = useState(false);

  const load = async (after: string | null, filters = { search, tag }) => {
    if (!apiKey) {
      setError('Paste an API key above to see your team’s scenarios.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const res = await graphql(apiKey, ScenariosDocument, {
        first: PAGE,
        after,
        search: filters.search.trim() || null,
        tag: filters.tag.trim() || null,
      });
      setItems(after ? [...items, ...res.scenarios.items] : res.scenarios.items);
      setNext(res.scenarios.nextCursor ?? null);
      setLoaded(true);
    } catch (e) {
      onError(e);
      setError(explain(e, 'list the scenarios'));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load(null);
  }, [apiKey]);

  const compare = async () => {
    setBusy(true);
    setError('');
    try {
      const res = await graphql(apiKey, CompareScenariosDocument, { ids: selected });
      setComparison(res.compareScenarios);
    } catch (e) {
      onError(e);
      setError(explain(e, 'compare the scenarios'));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string, on: boolean) =>
    setSelected(on ? [...selected.filter((s) => s !== id), id] : selected.filter((s) => s !== id));

  if (shown) {
    return (
      <ScenarioView
        apiKey={apiKey}
        id={shown.id}
        version={shown.version}
        onVersion={(version) => onShow({ id: shown.id, version })}
        readOnly={readOnly}
        formValues={formValues}
        onError={onError}
        onLoad={onLoad}
        onBack={() => {
          onShow(null);
          void load(null);
        }}
      />
    );
  }

  const canCompare = selected.length >= 2 && selected.length <= MAX_COMPARE;
  return (
    <div class="scenarios">
      <h2>Scenarios</h2>
      <form
        class="inline"
        role="search"
        aria-label="Find scenarios"
        onSubmit={(e) => {
          e.preventDefault();
          setComparison(null);
          void load(null);
        }}
      >
        <label for="sc-search">Name contains</label>
        <input id="sc-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        <label for="sc-tag">Tag</label>
        <input id="sc-tag" type="text" size={12} value={tag} onInput={(e) => setTag(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>
          Search
        </button>
      </form>
      {readOnly && <p class="hint">Read-only key: you can open, compare and re-price scenarios, not save them.</p>}
      <ErrorLine error={error} />
      {loaded && items.length === 0 && !error && (
        <p>No scenarios yet{search || tag ? ' match' : ''}. Evaluate a workload and press Save.</p>
      )}
      {items.length > 0 && (
        <div class="scroll">
          <table class="scenario-list">
            <caption>Your team’s scenarios, newest first. Tick 2 to 10 to compare them.</caption>
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col">Name</th>
                <th scope="col">Tags</th>
                <th scope="col" class="num">
                  Version
                </th>
                <th scope="col">Recommended</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <input
                      type="checkbox"
                      id={`pick-${s.id}`}
                      checked={selected.includes(s.id)}
                      onChange={(e) => toggle(s.id, e.currentTarget.checked)}
                      aria-label={`Select ${s.name} for comparison`}
                    />
                  </td>
                  <th scope="row">
                    <button type="button" class="link" onClick={() => onShow({ id: s.id })}>
                      {s.name}
                    </button>
                  </th>
                  <td>
                    {s.tags.length === 0
                      ? '—'
                      : s.tags.map((t) => (
                          <button
                            key={t}
                            type="button"
                            class="chip"
                            aria-label={`Show only scenarios tagged ${t}`}
                            onClick={() => {
                              setTag(t);
                              setComparison(null);
                              void load(null, { search, tag: t });
                            }}
                          >
                            {t}
                          </button>
                        ))}
                  </td>
                  <td class="num">{s.version}</td>
                  <td>
                    {optionName(s.latest.recommendation.option)} {money(s.latest.recommendation.monthlyCostUsd)}
                  </td>
                  <td>{when(s.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="actions">
        {next && (
          <button type="button" onClick={() => void load(next)} disabled={busy}>
            Load more
          </button>
        )}
        <button
          type="button"
          class="primary"
          onClick={() => void compare()}
          disabled={!canCompare || busy}
          aria-describedby="compare-hint"
        >
          Compare
        </button>
        <span id="compare-hint" class="hint">
          {selected.length} selected
          {selected.length > MAX_COMPARE
            ? ` (at most ${MAX_COMPARE})`
            : selected.length < 2
              ? ' (pick at least 2)'
              : ''}
        </span>
      </div>
      {comparison && <CompareTable comparison={comparison} />}
    </div>
  );
}
