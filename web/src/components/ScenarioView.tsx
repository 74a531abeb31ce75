import { useEffect, useState } from 'preact/hooks';
import { explain, graphql } from '../api';
import { money, optionName, signedMoney, when } from '../format';
import {
  RepriceScenarioDocument,
  type RepriceRates,
  type RepriceScenarioQuery,
  ScenarioDocument,
  type ScenarioQuery,
  UpdateScenarioDocument,
} from '../generated/graphql';
import { PriceChanges } from './PriceChanges';
import { type FormValues, fromWorkload, toWorkload, validate } from '../workload-fields';

interface Props {
  apiKey: string;
  id: string;
  readOnly: boolean;
  formValues: FormValues;
  onError: (e: unknown) => void;
  onLoad: (values: FormValues) => void;
  onBack: () => void;
}

type Reprice = RepriceScenarioQuery['repriceScenario'];

function RepriceTable({ reprice }: { reprice: Reprice }) {
  return (
    <section aria-labelledby="reprice-title">
      <h3 id="reprice-title">
        Re-priced: version {reprice.version} at {reprice.rates === 'current' ? 'today’s rates' : 'its pinned rates'},
        against version {reprice.baselineVersion}
      </h3>
      <p class="hint">
        Rates {reprice.rateCard.id} ({reprice.rateCard.source}, published {when(reprice.rateCard.publicationDate)});
        baseline priced with {reprice.baselineRateCardId}. {reprice.changeNote}
      </p>
      <div class="scroll">
        <table class="reprice">
          <caption>Change per option: usage change (the workload) + price change (the rates) = total change</caption>
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col" class="num">
                Version {reprice.baselineVersion}
              </th>
              <th scope="col" class="num">
                Usage change
              </th>
              <th scope="col" class="num">
                Price change
              </th>
              <th scope="col" class="num">
                Re-priced
              </th>
              <th scope="col" class="num">
                Total change
              </th>
            </tr>
          </thead>
          <tbody>
            {reprice.change.map((c) => (
              <tr key={c.option} data-option={c.option}>
                <th scope="row">{optionName(c.option)}</th>
                <td class="num">{money(c.baselineUsd)}</td>
                <td class="num">{signedMoney(c.usageEffectUsd)}</td>
                <td class="num">{signedMoney(c.priceEffectUsd)}</td>
                <td class="num">{money(c.repricedUsd)}</td>
                <td class="num">{signedMoney(c.totalChangeUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {reprice.warnings.length > 0 && (
        <ul class="warnings-inline">
          {reprice.warnings.map((w) => (
            <li key={w.code + w.message}>{w.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One scenario: its latest evaluation, its versions, re-price, and (editors) save the form's workload as a new version. */
export function ScenarioView({ apiKey, id, readOnly, formValues, onError, onLoad, onBack }: Props) {
  const [data, setData] = useState<ScenarioQuery | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [rates, setRates] = useState<RepriceRates>('current');
  const [baseline, setBaseline] = useState('1');
  const [reprice, setReprice] = useState<Reprice | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const res = await graphql(apiKey, ScenarioDocument, { id });
      setData(res);
    } catch (e) {
      onError(e);
      setError(explain(e, 'open the scenario'));
    }
  };
  useEffect(() => {
    void load();
  }, [id]);

  const run = async (action: string, fn: () => Promise<void>) => {
    setBusy(true);
    setError('');
    setStatus('');
    try {
      await fn();
    } catch (e) {
      onError(e);
      setError(explain(e, action));
    } finally {
      setBusy(false);
    }
  };

  const saveVersion = () =>
    run('save a new version', async () => {
      if (!data) return;
      const problems = validate(formValues);
      if (Object.keys(problems).length)
        throw new Error('the workload in the Evaluate form has errors; fix them there first');
      const res = await graphql(apiKey, UpdateScenarioDocument, {
        id,
        expectedVersion: data.scenario.version,
        patch: { workload: toWorkload(formValues) as never },
      });
      setStatus(`Saved version ${res.updateScenario.version} with the workload from the Evaluate form.`);
      await load();
    });

  const doReprice = () =>
    run('re-price the scenario', async () => {
      const res = await graphql(apiKey, RepriceScenarioDocument, { id, rates, baseline: Number(baseline) });
      setReprice(res.repriceScenario);
    });

  if (!data) {
    return (
      <div class="scenario">
        <button type="button" onClick={onBack}>
          Back to the list
        </button>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : (
          <p aria-busy="true">Loading…</p>
        )}
      </div>
    );
  }
  const s = data.scenario;
  const versions = data.scenarioVersions;
  return (
    <div class="scenario">
      <button type="button" onClick={onBack}>
        Back to the list
      </button>
      <h2>
        {s.name} <span class="hint">version {s.version}</span>
      </h2>
      {s.description && <p>{s.description}</p>}
      <p class="hint">
        Tags: {s.tags.join(', ') || 'none'} · created {when(s.createdAt)} · updated {when(s.updatedAt)} · priced with{' '}
        {s.latest.rateCardId}
      </p>
      <p class="headline">{s.latest.recommendation.headline}</p>
      <div class="scroll">
        <table class="options compact">
          <caption>Latest evaluation ({when(s.latest.evaluatedAt)})</caption>
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col">Eligible</th>
              <th scope="col" class="num">
                Monthly cost
              </th>
            </tr>
          </thead>
          <tbody>
            {s.latest.options.map((o) => (
              <tr key={o.option} class={o.recommended ? 'recommended' : undefined}>
                <th scope="row">
                  {optionName(o.option)}
                  {o.recommended && <span class="tag">recommended</span>}
                </th>
                <td>{o.eligible ? 'Yes' : 'No'}</td>
                <td class="num">{money(o.monthlyCostUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button type="button" onClick={() => onLoad(fromWorkload(s.workload as Record<string, unknown>))}>
          Load into the form
        </button>
        <button
          type="button"
          onClick={() => void saveVersion()}
          disabled={readOnly || busy}
          aria-describedby="save-version-hint"
        >
          Save the form’s workload as version {s.version + 1}
        </button>
        <span id="save-version-hint" class="hint">
          {readOnly ? 'Read-only key: saving needs an editor key.' : 'Takes the workload now in the Evaluate form.'}
        </span>
      </div>
      {status && (
        <p class="ok" role="status">
          {status}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}

      <h3>Versions</h3>
      <div class="scroll">
        <table class="versions">
          <caption>Edit history, newest first</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                Version
              </th>
              <th scope="col">Saved</th>
              <th scope="col">Workload</th>
              <th scope="col">Recommended</th>
              <th scope="col">Rate card</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <th scope="row" class="num">
                  {v.version}
                </th>
                <td>{when(v.createdAt)}</td>
                <td>
                  {v.workload.ingestGbPerDay !== null && v.workload.ingestGbPerDay !== undefined
                    ? `${v.workload.ingestGbPerDay} GB/day`
                    : `${v.workload.avgWriteMBps ?? '?'} MB/s`}
                  , {v.workload.sharedConsumers ?? 1} shared consumers, {v.workload.retentionHours ?? 24} h
                </td>
                <td>
                  {optionName(v.recommendation)} {money(v.recommendedMonthlyCostUsd)}
                </td>
                <td>
                  <code>{v.rateCardId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <form
        class="inline"
        aria-label="Re-price"
        onSubmit={(e) => {
          e.preventDefault();
          void doReprice();
        }}
      >
        <label for="rp-rates">Rates</label>
        <select id="rp-rates" value={rates} onChange={(e) => setRates(e.currentTarget.value as RepriceRates)}>
          <option value="current">today’s rates</option>
          <option value="pinned">the rates it was saved with</option>
        </select>
        <label for="rp-baseline">Against version</label>
        <select id="rp-baseline" value={baseline} onChange={(e) => setBaseline(e.currentTarget.value)}>
          {versions.map((v) => (
            <option key={v.version} value={String(v.version)}>
              {v.version}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy}>
          Re-price
        </button>
      </form>
      {reprice && <RepriceTable reprice={reprice} />}
      <PriceChanges apiKey={apiKey} scenarioId={id} onError={onError} />
    </div>
  );
}
