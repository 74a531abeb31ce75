import { useState } from 'preact/hooks';
import { ApiError, explain, metricsCapabilities, type WorkloadFromMetrics, workloadFromMetrics } from '../api';
import { money } from '../format';
import { type FormValues, fromWorkload } from '../workload-fields';

/** What runs today, as the evaluation compares it with the best fit (currentOption, currentMonthlyCostUsd). */
export interface RunningOption {
  option: string;
  label: string;
  monthlyCostUsd: number | null;
}

interface Props {
  apiKey: string;
  /** The derived workload as form values, and what runs when it was read or stated. */
  onDerived: (values: FormValues, current: RunningOption | null) => void;
}

const SOURCES = [
  { id: 'KINESIS_STREAM', label: 'Kinesis stream', queries: 'docs/metrics/kinesis-stream.json' },
  { id: 'MSK_CLUSTER', label: 'MSK cluster', queries: 'docs/metrics/msk-cluster.json' },
];
const CURRENT_OPTIONS: Record<string, { id: string; label: string }[]> = {
  KINESIS_STREAM: [
    { id: '', label: 'not stated' },
    { id: 'KDS_PROVISIONED', label: 'Kinesis provisioned' },
    { id: 'KDS_ON_DEMAND', label: 'Kinesis on-demand' },
    { id: 'KDS_ON_DEMAND_ADVANTAGE', label: 'Kinesis on-demand Advantage' },
  ],
  MSK_CLUSTER: [
    { id: '', label: 'not stated' },
    { id: 'MSK_PROVISIONED', label: 'MSK provisioned (Standard)' },
    { id: 'MSK_EXPRESS', label: 'MSK Express' },
    { id: 'MSK_SERVERLESS', label: 'MSK Serverless' },
  ],
};

const mbps = (n: number) => `${n.toLocaleString('en-US', { maximumFractionDigits: 2 })} MB/s`;

/**
 * "From CloudWatch": paste or upload what `aws cloudwatch get-metric-data` printed (or, when the server has AWS
 * access, name the stream or cluster) and the form is filled with the workload derived from it.
 */
export function FromCloudWatch({ apiKey, onDerived }: Props) {
  const [source, setSource] = useState('KINESIS_STREAM');
  const [region, setRegion] = useState('us-east-1');
  const [json, setJson] = useState('');
  const [resource, setResource] = useState('');
  const [days, setDays] = useState('14');
  const [retention, setRetention] = useState('');
  const [currentOption, setCurrentOption] = useState('');
  const [capacity, setCapacity] = useState('');
  const [live, setLive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<{ field: string; message: string }[]>([]);
  const [derived, setDerived] = useState<WorkloadFromMetrics | null>(null);

  /** Asked when the panel opens (not on every page load): can the server read CloudWatch itself? */
  const onToggle = (open: boolean) => {
    if (!open || !apiKey) return;
    metricsCapabilities(apiKey)
      .then((c) => setLive(c.live))
      .catch(() => setLive(false));
  };

  const upload = async (file: File | undefined) => {
    if (file) setJson(await file.text());
  };

  const derive = async () => {
    setError('');
    setFields([]);
    if (!apiKey) {
      setError('Paste an API key first.');
      return;
    }
    const body: Record<string, unknown> = { source, region: region.trim() };
    if (json.trim()) {
      try {
        body.metricData = JSON.parse(json);
      } catch {
        setError('The pasted text is not JSON: paste what `aws cloudwatch get-metric-data` printed, as it is.');
        return;
      }
      if (currentOption) {
        const current: Record<string, unknown> = { option: currentOption };
        const n = Number(capacity);
        if (capacity.trim() && Number.isInteger(n)) current[source === 'MSK_CLUSTER' ? 'brokers' : 'shards'] = n;
        body.current = current;
      }
    } else if (live && resource.trim()) {
      body[resource.trim().startsWith('arn:') ? 'arn' : 'name'] = resource.trim();
      body.days = Number(days);
    } else {
      setError(
        live
          ? 'Paste or upload the exported JSON, or name the stream or cluster.'
          : 'Paste or upload the exported JSON (this server has no AWS access to read CloudWatch itself).',
      );
      return;
    }
    if (retention.trim()) body.retentionHours = Number(retention);
    setBusy(true);
    try {
      const answer = await workloadFromMetrics(apiKey, body);
      setDerived(answer);
      const current = answer.current
        ? {
            option: answer.current.configuration.option,
            label: answer.current.label,
            monthlyCostUsd: answer.current.monthlyCostUsd,
          }
        : null;
      onDerived(fromWorkload(answer.workload), current);
    } catch (e) {
      setDerived(null);
      setError(explain(e, 'derive the workload'));
      if (e instanceof ApiError) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  };

  const queries = SOURCES.find((s) => s.id === source)!.queries;
  return (
    <details class="from-cloudwatch" onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>From CloudWatch: a workload from what runs today</summary>
      <div class="fcw-body">
        <p class="hint">
          Run <code>aws cloudwatch get-metric-data --metric-data-queries file://{queries}</code> (edit the name in the
          file) and paste or upload what it prints.
        </p>
        <label for="fcw-source">Source</label>
        <select id="fcw-source" value={source} onChange={(e) => setSource(e.currentTarget.value)}>
          {SOURCES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
        <label for="fcw-region">Region of the stream or cluster</label>
        <input id="fcw-region" value={region} onInput={(e) => setRegion(e.currentTarget.value)} />
        <label for="fcw-json">Exported GetMetricData JSON</label>
        <textarea
          id="fcw-json"
          rows={4}
          spellcheck={false}
          placeholder='{"MetricDataResults": [{"Id": "incomingBytes", "Timestamps": [...], "Values": [...]}, ...]}'
          value={json}
          onInput={(e) => setJson(e.currentTarget.value)}
        />
        <label for="fcw-file">Or upload the JSON file</label>
        <input
          id="fcw-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => void upload(e.currentTarget.files?.[0])}
        />
        {live && (
          <>
            <label for="fcw-resource">Or name the stream (name or ARN) or the cluster (ARN): the server reads it</label>
            <input id="fcw-resource" value={resource} onInput={(e) => setResource(e.currentTarget.value)} />
            <NumberField id="fcw-days" label="Days of metrics (1–35)" max={35} value={days} onValue={setDays} />
          </>
        )}
        <NumberField
          id="fcw-retention"
          label="Stream or topic retention, hours (the metrics do not carry it)"
          value={retention}
          onValue={setRetention}
        />
        <label for="fcw-current">What runs today (for an export)</label>
        <select id="fcw-current" value={currentOption} onChange={(e) => setCurrentOption(e.currentTarget.value)}>
          {CURRENT_OPTIONS[source].map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        {(currentOption === 'KDS_PROVISIONED' ||
          currentOption === 'MSK_PROVISIONED' ||
          currentOption === 'MSK_EXPRESS') && (
          <NumberField
            id="fcw-capacity"
            label={source === 'MSK_CLUSTER' ? 'Brokers running' : 'Open shards'}
            value={capacity}
            onValue={setCapacity}
          />
        )}
        <button type="button" onClick={() => void derive()} disabled={busy}>
          {busy ? 'Deriving…' : 'Derive workload'}
        </button>
        {error && (
          <div class="error" role="alert">
            <p>{error}</p>
            {fields.length > 0 && (
              <ul>
                {fields.map((f) => (
                  <li key={`${f.field}:${f.message}`}>
                    <code>{f.field}</code>: {f.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {derived && (
          <div class="fcw-result" role="status">
            <p>
              Derived from {derived.observed.period.days} day(s) ({derived.observed.coverage.hoursWithData} of{' '}
              {derived.observed.coverage.expectedHours} hours with data): average{' '}
              {mbps(derived.observed.statistics.avgWriteMBps)}, p99 hour{' '}
              {mbps(derived.observed.statistics.p99HourWriteMBps)}, maximum{' '}
              {mbps(derived.observed.statistics.maxHourWriteMBps)}, records of{' '}
              {derived.observed.statistics.avgRecordSizeBytes.toLocaleString('en-US', { maximumFractionDigits: 0 })}{' '}
              bytes, read fan-out{' '}
              {derived.observed.statistics.readFanOut.toLocaleString('en-US', { maximumFractionDigits: 2 })}. The form
              below holds the workload; press Evaluate.
            </p>
            {derived.current && (
              <p class="fcw-current">
                What runs: {derived.current.label}
                {derived.current.monthlyCostUsd !== null &&
                  `, ${money(derived.current.monthlyCostUsd)}/month at today's rates`}
                .
              </p>
            )}
            {derived.observed.warnings.length > 0 && (
              <ul class="fcw-warnings">
                {derived.observed.warnings.map((w) => (
                  <li key={w.code}>{w.message}</li>
                ))}
              </ul>
            )}
            <details>
              <summary>How each number was derived</summary>
              <ul>
                {derived.observed.derivation.map((d) => (
                  <li key={d.field}>
                    <code>{d.field}</code> = {String(d.value)}: {d.how}
                  </li>
                ))}
              </ul>
            </details>
          </div>
        )}
      </div>
    </details>
  );
}

/** A labelled whole-number input (≥ 1). */
function NumberField(props: { id: string; label: string; value: string; max?: number; onValue: (v: string) => void }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={1}
        max={props.max}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </>
  );
}
