import { useEffect, useState } from 'preact/hooks';
import { ApiError, explain, graphql, KEY_HINT, listRegions, type RegionChoice } from '../api';
import type { Evaluation } from '../evaluation';
import { EvaluateDocument, type OptionCode } from '../generated/graphql';
import { readUrlState, urlQuery, type View } from '../url-state';
import {
  type FormValues,
  GUIDE_EXAMPLE,
  formFieldOf,
  fromWorkload,
  toWorkload,
  toWorkloadInput,
  validate,
} from '../workload-fields';
import { FromCloudWatch, type RunningOption } from './FromCloudWatch';
import { Result } from './Result';
import { Inventory } from './Inventory';
import { PriceChanges } from './PriceChanges';
import { Scenarios } from './Scenarios';
import { WorkloadForm } from './WorkloadForm';

const KEY_STORAGE = 'streamfit.apiKey';

function storedKey(): string {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

const VIEWS: { id: View; label: string }[] = [
  { id: 'evaluate', label: 'Evaluate' },
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'price-changes', label: 'Price changes' },
];

/** The state the page was opened with (a reload or a shared link): see web/src/url-state.ts. */
const opened = readUrlState(window.location.search);

export function App() {
  const [key, setKey] = useState(storedKey);
  const [view, setView] = useState<View>(opened.view);
  const [values, setValues] = useState<FormValues>(() =>
    opened.workload ? fromWorkload(opened.workload) : { ...GUIDE_EXAMPLE },
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [evaluation, setEvaluation] = useState<{ result: Evaluation; workload: Record<string, unknown> } | null>(null);
  const [error, setError] = useState(
    opened.unreadable ? 'The link’s workload (w=…) could not be read: the form shows the guide’s example.' : '',
  );
  const [busy, setBusy] = useState(false);
  const [readOnly, setReadOnly] = useState(false);
  /** What runs today (from the From CloudWatch panel): the evaluation compares it with the best fit. */
  const [running, setRunning] = useState<RunningOption | null>(
    opened.current ? { ...opened.current, label: opened.current.option } : null,
  );
  const [regions, setRegions] = useState<RegionChoice[]>([]);
  /** The link's workload, kept in the URL until an evaluation or another workload replaces it. */
  const [linked, setLinked] = useState(opened.workload);
  /** The scenario (and version) on screen in the Scenarios view, for the URL. */
  const [scenarioShown, setScenarioShown] = useState<{ id: string; version?: number } | null>(
    opened.scenario ? { id: opened.scenario, version: opened.version } : null,
  );

  // The URL follows what is on screen (replaced, no new history entry): a reload or a shared link shows the same.
  useEffect(() => {
    const workload = evaluation?.workload ?? linked;
    const query = urlQuery({
      view,
      workload,
      current: workload && running ? { option: running.option, monthlyCostUsd: running.monthlyCostUsd } : undefined,
      scenario: scenarioShown?.id,
      version: scenarioShown?.version,
    });
    if (query !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${query}`);
  }, [view, evaluation, linked, running, scenarioShown]);

  // Opened with a workload in the URL: evaluate it again (with this tab's key; without one, the form waits for it).
  useEffect(() => {
    if (opened.workload && view === 'evaluate' && key.trim()) void evaluate();
    else if (opened.workload && !key.trim())
      setError('This link holds a workload (shown in the form): paste an API key, then press Evaluate.');
  }, []);

  // The regions the service knows, once a key is set (the Region field is a free text field until then).
  useEffect(() => {
    const trimmed = key.trim();
    if (!trimmed) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      listRegions(trimmed)
        .then((list) => current && setRegions(list))
        .catch(() => undefined);
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  const changeKey = (next: string) => {
    setKey(next);
    setReadOnly(false);
    try {
      if (next) sessionStorage.setItem(KEY_STORAGE, next);
      else sessionStorage.removeItem(KEY_STORAGE);
    } catch {
      // storage disabled: the key lives in this page only
    }
  };

  /** A 403 on a write means this key is read-only: the write actions turn off and say why. */
  const noteError = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'FORBIDDEN') setReadOnly(true);
  };

  const evaluate = async () => {
    const clientErrors = validate(values);
    setFieldErrors(clientErrors);
    if (Object.keys(clientErrors).length) {
      setError(
        `Could not evaluate: ${Object.keys(clientErrors).length === 1 ? 'one field needs' : 'some fields need'} attention (shown next to the field).`,
      );
      focusField(Object.keys(clientErrors)[0]);
      return;
    }
    if (!key.trim()) {
      setError(`Paste an API key first (create one with \`${KEY_HINT}\`).`);
      document.getElementById('api-key')?.focus();
      return;
    }
    setBusy(true);
    setError('');
    const workload = toWorkload(values);
    try {
      const data = await graphql(key.trim(), EvaluateDocument, {
        input: toWorkloadInput(values),
        ...(running
          ? {
              currentOption: running.option as OptionCode,
              ...(running.monthlyCostUsd !== null ? { currentMonthlyCostUsd: running.monthlyCostUsd } : {}),
            }
          : {}),
      });
      setEvaluation({ result: data.evaluateWorkload, workload });
      // Bring the answer into view (on a phone it sits below the form) and to screen readers.
      setTimeout(() => document.getElementById('rec-title')?.focus(), 0);
    } catch (e) {
      const fromServer = serverFieldErrors(e);
      setFieldErrors(fromServer);
      setError(explain(e, 'evaluate'));
      if (Object.keys(fromServer).length) focusField(Object.keys(fromServer)[0]);
    } finally {
      setBusy(false);
    }
  };

  const loadWorkload = (next: FormValues, current: RunningOption | null = null) => {
    setLinked(undefined);
    setRunning(current);
    setValues(next);
    setFieldErrors({});
    setEvaluation(null);
    setView('evaluate');
  };

  /** Arrow keys move between the two tabs (WAI-ARIA tabs pattern). */
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = VIEWS.findIndex((v) => v.id === view);
    const next = VIEWS[(i + (e.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length];
    setView(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
    e.preventDefault();
  };

  return (
    <div class="page">
      <header class="top">
        <div class="brand">
          <h1>streamfit</h1>
          <p class="tagline">Kinesis Data Streams or Amazon MSK: which fits, and what each option costs per month.</p>
        </div>
        <form class="key" onSubmit={(e) => e.preventDefault()}>
          <label for="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={key}
            aria-describedby="api-key-hint"
            onInput={(e) => changeKey(e.currentTarget.value)}
          />
          <p id="api-key-hint" class="hint">
            No key yet? Run <code>{KEY_HINT}</code> (kept in this tab only).
          </p>
          {readOnly && (
            <p class="badge" role="status">
              Read-only: this key has the viewer role.
            </p>
          )}
        </form>
      </header>
      <div class="views" role="tablist" aria-label="Views" onKeyDown={onTabKey}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls="view-panel"
            tabIndex={view === v.id ? 0 : -1}
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <main>
        <div id="view-panel" role="tabpanel" aria-labelledby={`tab-${view}`}>
          {view === 'evaluate' ? (
            <div class="evaluate">
              <div class="inputs">
                <FromCloudWatch apiKey={key.trim()} onDerived={(next, current) => loadWorkload(next, current)} />
                <WorkloadForm
                  values={values}
                  errors={fieldErrors}
                  busy={busy}
                  onChange={(next) => setValues(next)}
                  onSubmit={evaluate}
                  onReset={() => loadWorkload({ ...GUIDE_EXAMPLE })}
                  regions={regions}
                />
              </div>
              <div class="results">
                {error && (
                  <p class="error" role="alert">
                    {error}
                  </p>
                )}
                {evaluation?.result.current && (
                  <section class="what-runs" aria-labelledby="what-runs-title">
                    <h2 id="what-runs-title">What runs today</h2>
                    <p class="headline">{evaluation.result.current.summary}</p>
                    {evaluation.result.current.risksOfMoving.length > 0 && (
                      <ul>
                        {evaluation.result.current.risksOfMoving.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    )}
                  </section>
                )}
                {evaluation ? (
                  <Result
                    apiKey={key.trim()}
                    evaluation={evaluation.result}
                    workload={evaluation.workload}
                    readOnly={readOnly}
                    onError={noteError}
                  />
                ) : (
                  !error && (
                    <p class="placeholder">
                      Set the workload, then press Evaluate: the recommendation, the six options and the charts appear
                      here.
                    </p>
                  )
                )}
              </div>
            </div>
          ) : view === 'inventory' ? (
            <Inventory apiKey={key.trim()} onError={noteError} />
          ) : view === 'price-changes' ? (
            <PriceChanges apiKey={key.trim()} onError={noteError} />
          ) : (
            <Scenarios
              apiKey={key.trim()}
              readOnly={readOnly}
              formValues={values}
              onError={noteError}
              onLoad={loadWorkload}
              shown={scenarioShown}
              onShow={setScenarioShown}
            />
          )}
        </div>
      </main>
      <footer class="foot">
        <a href="/docs">REST API (OpenAPI)</a> · <a href="/graphql">GraphQL IDE</a> · Prices in USD per month (730
        hours)
      </footer>
    </div>
  );
}

function serverFieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (e instanceof ApiError) {
    for (const f of e.fields) {
      const name = formFieldOf(f.field);
      if (name) out[name] ??= f.message;
    }
  }
  return out;
}

export function focusField(name: string | undefined): void {
  if (!name) return;
  const el = document.getElementById(`field-${name}`);
  if (!el) return;
  const details = el.closest('details');
  if (details && !details.open) details.open = true;
  el.focus();
}

export { serverFieldErrors };
