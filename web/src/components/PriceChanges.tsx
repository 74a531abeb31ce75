import { useEffect, useState } from 'preact/hooks';
import { explain, graphql } from '../api';
import { optionName, percent, signedMoney, when } from '../format';
import { type OptionCode, PriceChangesDocument, type PriceChangesQuery } from '../generated/graphql';
import { ErrorLine } from './ErrorLine';

type Change = PriceChangesQuery['priceChanges']['items'][number];

interface Props {
  apiKey: string;
  /** Only this scenario's changes (shown under the scenario); all the team's otherwise. */
  scenarioId?: string;
  onError: (e: unknown) => void;
}

function largest(c: Change) {
  return [...c.options]
    .filter((o) => o.changeUsd !== null)
    .sort((a, b) => Math.abs(b.changeUsd ?? 0) - Math.abs(a.changeUsd ?? 0))[0];
}

/** Price changes recorded by the price watch (a rate change re-priced saved scenarios), newest first, by cursor. */
export function PriceChanges({ apiKey, scenarioId, onError }: Props) {
  const [items, setItems] = useState<Change[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');

  const load = async (after?: string) => {
    setError('');
    try {
      const res = await graphql(apiKey, PriceChangesDocument, { first: 20, after, scenarioId });
      setItems((old) => (after ? [...old, ...res.priceChanges.items] : res.priceChanges.items));
      setNext(res.priceChanges.nextCursor ?? null);
    } catch (e) {
      onError(e);
      setError(explain(e, 'load the price changes'));
    } finally {
      setLoaded(true);
    }
  };
  useEffect(() => {
    if (apiKey) void load();
  }, [apiKey, scenarioId]);

  const title = scenarioId ? 'Price changes of this scenario' : 'Price changes';
  return (
    <section class="price-changes" aria-labelledby={`pc-title-${scenarioId ?? 'all'}`}>
      <h3 id={`pc-title-${scenarioId ?? 'all'}`}>{title}</h3>
      <p class="hint">When AWS changes a price, saved scenarios in that region are re-priced at the new rates.</p>
      <ErrorLine error={error} />
      {loaded && !error && items.length === 0 && <p>No price change yet.</p>}
      {items.length > 0 && (
        <div class="scroll">
          <table class="price-change-list">
            <thead>
              <tr>
                <th scope="col">When</th>
                {!scenarioId && <th scope="col">Scenario</th>}
                <th scope="col">Rates that moved</th>
                <th scope="col">Largest change</th>
                <th scope="col">Recommendation</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => {
                const top = largest(c);
                return (
                  <tr key={c.id} data-price-change={c.id}>
                    <td>{when(c.createdAt)}</td>
                    {!scenarioId && (
                      <td>
                        {c.scenarioName} <span class="hint">v{c.scenarioVersion}</span>
                      </td>
                    )}
                    <td>
                      {c.rates.map((r) => (
                        <div key={r.key}>
                          <code>{r.key}</code> {r.old ?? '—'} → {r.new ?? '—'}
                        </div>
                      ))}
                    </td>
                    <td>
                      {top
                        ? `${optionName(top.option as OptionCode)} ${signedMoney(top.changeUsd)} (${percent(top.changePercent)})`
                        : '—'}
                    </td>
                    <td>
                      {c.recommendationChanged
                        ? `${optionName(c.recommendationBefore as OptionCode)} → ${optionName(c.recommendationAfter as OptionCode)}`
                        : `unchanged (${optionName(c.recommendationAfter as OptionCode)})`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" onClick={() => void load(next)}>
          More
        </button>
      )}
    </section>
  );
}
