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
import { type FormValues, fromWorkload, toWorkloadInput, validate } from '../workload-fields';
import { ErrorLine } from './ErrorLine';

interface Props {
  apiKey: string;
  id: string;
  /** The version on screen (the URL's); undefined: the latest. */
  version?: number;
  onVersion: (version: number) => void;
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
        Re-priced: version {reprice.version} at {reprice.rates === 'CURRENT' ? 'today’s rates' : 'its pinned rates'},
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
export function ScenarioView({ apiKey, id, version, onVersion, readOnly, formValues, onError, onLoad, onBack }: Props) {
  const [data, setData] = useState<ScenarioQuery | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [rates, setRates] = useState<RepriceRates>('CURRENT');
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
  // The URL names the version on screen: the latest once loaded, unless a version was asked for.
  useEffect(() => {
    if (data && version === undefined) onVersion(data.scenario.version);
  }, [data, version]);

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
        patch: { workload: toWorkloadInput(formValues) as never },
      });
      setStatus(`Saved version ${res.updateScenario.version} with the workload from the Evaluate form.`);
      await load();
      onVersion(res.updateScenario.version);
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
  const shownVersion = version ?? s.version;
  const older = shownVersion === s.version ? undefined : versions.find((v) => v.version === shownVersion);
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
      {older ? (
        <p class="headline shown-version">
          Version {older.version} (saved {when(older.createdAt)}, priced with <code>{older.rateCardId}</code>):{' '}
          {optionName(older.recommendation)} recommended at {money(older.recommendedMonthlyCostUsd)} per month.{' '}
          <button type="button" class="link" onClick={() => onVersion(s.version)}>
            Show the latest (version {s.version})
          </button>
        </p>
      ) : shownVersion !== s.version ? (
        <p class="error" role="alert">
          Version {shownVersion} is not among the {versions.length} newest versions of this scenario: showing the latest
          (version {s.version}).
        </p>
      ) : (
        <p class="headline">{s.latest.recommendation.headline}</p>
      )}
      <div class="scroll">
        <table class="options compact" data-version={older?.version ?? s.version}>
          <caption>
            {older
              ? `Version ${older.version} as saved (${when(older.createdAt)})`
              : `Latest evaluation (${when(s.latest.evaluatedAt)})`}
          </caption>
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
            {(older?.options ?? s.latest.options).map((o) => (
              <tr key={o.option} data-option={o.option} class={o.recommended ? 'recommended' : undefined}>
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
        <button
          type="button"
          onClick={() => onLoad(fromWorkload((older?.workload ?? s.workload) as Record<string, unknown>))}
        >
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
      <ErrorLine error={error} />

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
              <tr key={v.version} class={v.version === (older?.version ?? s.version) ? 'shown' : undefined}>
                <th scope="row" class="num">
                  <button
                    type="button"
                    class="link"
                    aria-pressed={v.version === (older?.version ?? s.version)}
                    aria-label={`Show version ${v.version}`}
                    onClick={() => onVersion(v.version)}
                  >
                    {v.version}
                  </button>
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
          <option value="CURRENT">today’s rates</option>
          <option value="PINNED">the rates it was saved with</option>
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
