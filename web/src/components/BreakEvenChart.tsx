import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { explain, graphql } from '../api';
import { money, num, OPTION_STYLE, optionName } from '../format';
import { useWidth } from '../use-width';
import { asWorkloadInput } from '../workload-fields';

/** Crossover points are exact to 6 decimals; two are enough to read. */
const at = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
import {
  BreakEvenDocument,
  type BreakEvenQuery,
  type BreakEvenVariable,
  type EvaluateQuery,
} from '../generated/graphql';
import { ErrorLine } from './ErrorLine';

type BreakEven = BreakEvenQuery['breakEven'];

interface Props {
  apiKey: string;
  workload: Record<string, unknown>;
  current: EvaluateQuery['evaluateWorkload']['workload'];
  onError: (e: unknown) => void;
}

const VARIES: { value: BreakEvenVariable; label: string; unit: string }[] = [
  { value: 'INGEST', label: 'Ingest', unit: 'GB/day' },
  { value: 'CONSUMERS', label: 'Shared consumers', unit: 'applications' },
  { value: 'RETENTION', label: 'Retention', unit: 'hours' },
];
const STEPS = 41;

function currentValue(vary: BreakEvenVariable, current: Props['current']): number {
  return vary === 'INGEST'
    ? current.ingestGbPerDay
    : vary === 'CONSUMERS'
      ? current.sharedConsumers
      : current.retentionHours;
}

/** A range around today's value: up to ten times the ingest, twice the consumers, a month of retention. */
export function defaultRange(vary: BreakEvenVariable, value: number): { from: number; to: number } {
  if (vary === 'INGEST') return { from: 1, to: Math.max(10, Math.ceil(value * 10)) };
  if (vary === 'CONSUMERS') return { from: 0, to: Math.max(10, value * 2) };
  return { from: 1, to: Math.max(720, Math.ceil(value * 4)) };
}

/** Round tick values across [0, max]. */
function ticks(min: number, max: number, count = 5): number[] {
  const span = max - min || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= count) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

const M = { left: 78, right: 28, top: 14, bottom: 44 };

/** The chart in a viewBox as wide as its box (`W` pixels): its text keeps its size on a phone. */
function Chart({ data, now, W }: { data: BreakEven; now: number; W: number }) {
  const H = W < 560 ? 300 : 360;
  const xs = { min: data.from, max: data.to };
  const yMax = Math.max(1, ...data.series.flatMap((s) => s.points.map((p) => p.monthlyCostUsd ?? 0)));
  const yTicks = ticks(0, yMax);
  const yTop = Math.max(yMax, yTicks[yTicks.length - 1] ?? yMax);
  const px = (x: number) => M.left + ((x - xs.min) / (xs.max - xs.min || 1)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - (y / yTop) * (H - M.top - M.bottom);
  const unit = VARIES.find((v) => v.value === data.vary)?.unit ?? data.unit;
  const pathOf = (points: BreakEven['series'][number]['points']) => {
    let d = '';
    let pen = false;
    for (const p of points) {
      if (p.monthlyCostUsd === null || p.monthlyCostUsd === undefined) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.monthlyCostUsd).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  const summary =
    data.crossovers.length === 0
      ? 'No crossovers in this range.'
      : data.crossovers
          .map(
            (c) =>
              `At ${at(c.at)} ${unit}, ${optionName(c.cheaperAfter)} becomes the cheaper of ${optionName(c.optionA)} and ${optionName(c.optionB)}`,
          )
          .join('. ');
  return (
    <svg class="chart breakeven" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="be-svg-title be-svg-desc">
      <title id="be-svg-title">{`Monthly cost of each option as ${data.field} goes from ${num(data.from)} to ${num(data.to)} ${unit}`}</title>
      <desc id="be-svg-desc">{summary}</desc>
      <g class="grid">
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={W - M.right} y1={py(t)} y2={py(t)} />
            <text x={M.left - 6} y={py(t) + 4} text-anchor="end">
              {money(t).replace('.00', '')}
            </text>
          </g>
        ))}
        {ticks(xs.min, xs.max, W < 560 ? 4 : 6).map((t) => (
          <text key={`x${t}`} x={px(t)} y={H - M.bottom + 16} text-anchor="middle">
            {num(t)}
          </text>
        ))}
      </g>
      <line class="axis" x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
      <line class="axis" x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} />
      <text class="axis-label" x={(M.left + W - M.right) / 2} y={H - 6} text-anchor="middle">
        {`${VARIES.find((v) => v.value === data.vary)?.label ?? data.field} (${unit})`}
      </text>
      {now >= xs.min && now <= xs.max && (
        <g class="now">
          <line x1={px(now)} x2={px(now)} y1={M.top} y2={H - M.bottom} />
          <text x={px(now) + 4} y={M.top + 10}>
            this workload
          </text>
        </g>
      )}
      {data.series.map((s) => (
        <path
          key={s.option}
          data-option={s.option}
          class="series"
          d={pathOf(s.points)}
          fill="none"
          stroke={OPTION_STYLE[s.option].colour}
          stroke-width="2.5"
          stroke-dasharray={OPTION_STYLE[s.option].dash || undefined}
        >
          <title>{optionName(s.option)}</title>
        </path>
      ))}
      {data.crossovers.map((c, i) => (
        <g key={i} class="crossover" data-at={c.at}>
          <circle cx={px(c.at)} cy={py(c.monthlyCostUsd)} r="6" fill="#fff" stroke="#111" stroke-width="2" />
          <title>{`${at(c.at)} ${unit}: ${optionName(c.optionA)} ${money(c.monthlyCostUsd)} vs ${optionName(c.optionB)} ${money(c.optionBMonthlyCostUsd)}; ${optionName(c.cheaperAfter)} cheaper after`}</title>
        </g>
      ))}
    </svg>
  );
}

export function BreakEvenChart({ apiKey, workload, current, onError }: Props) {
  const [ref, width] = useWidth<HTMLElement>(720);
  const [vary, setVary] = useState<BreakEvenVariable>('INGEST');
  const initial = defaultRange('INGEST', currentValue('INGEST', current));
  const [from, setFrom] = useState(String(initial.from));
  const [to, setTo] = useState(String(initial.to));
  const [data, setData] = useState<BreakEven | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const draw = async (v: BreakEvenVariable, f: string, t: string) => {
    const a = Number(f);
    const b = Number(t);
    if (!Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) {
      setError('From and to must be numbers, from less than to.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const res = await graphql(apiKey, BreakEvenDocument, {
        input: asWorkloadInput(workload),
        vary: v,
        from: a,
        to: b,
        steps: STEPS,
      });
      setData(res.breakEven);
    } catch (e) {
      onError(e);
      setError(explain(e, 'draw the break-even chart'));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const range = defaultRange(vary, currentValue(vary, current));
    setFrom(String(range.from));
    setTo(String(range.to));
    void draw(vary, String(range.from), String(range.to));
    // Redrawn when the evaluated workload changes.
  }, [workload]);

  const chooseVary = (v: BreakEvenVariable) => {
    setVary(v);
    const range = defaultRange(v, currentValue(v, current));
    setFrom(String(range.from));
    setTo(String(range.to));
    void draw(v, String(range.from), String(range.to));
  };
  const unit = VARIES.find((x) => x.value === vary)?.unit ?? '';

  return (
    <section aria-labelledby="be-title" aria-busy={busy} class="breakeven-section" ref={ref}>
      <h2 id="be-title">Break-even</h2>
      <form
        class="inline"
        aria-label="Break-even range"
        onSubmit={(e) => {
          e.preventDefault();
          void draw(vary, from, to);
        }}
      >
        <label for="be-vary">Vary</label>
        <select id="be-vary" value={vary} onChange={(e) => chooseVary(e.currentTarget.value as BreakEvenVariable)}>
          {VARIES.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label} ({v.unit})
            </option>
          ))}
        </select>
        {(
          [
            ['be-from', 'From', from, setFrom],
            ['be-to', 'To', to, setTo],
          ] as const
        ).map(([id, label, value, set]) => (
          <Fragment key={id}>
            <label for={id}>
              {label} ({unit})
            </label>
            <input
              id={id}
              type="text"
              inputMode="decimal"
              size={8}
              value={value}
              onInput={(e) => set(e.currentTarget.value)}
            />
          </Fragment>
        ))}
        <button type="submit" disabled={busy}>
          Draw
        </button>
      </form>
      <ErrorLine error={error} />
      {data && (
        <>
          <Chart data={data} now={currentValue(data.vary as BreakEvenVariable, current)} W={width} />
          <ul class="legend" aria-label="Legend">
            {data.series.map((s) => (
              <li key={s.option}>
                <svg width="34" height="10" aria-hidden="true">
                  <line
                    x1="0"
                    x2="34"
                    y1="5"
                    y2="5"
                    stroke={OPTION_STYLE[s.option].colour}
                    stroke-width="3"
                    stroke-dasharray={OPTION_STYLE[s.option].dash || undefined}
                  />
                </svg>
                {optionName(s.option)}
              </li>
            ))}
          </ul>
          <h3>Crossovers</h3>
          {data.crossovers.length === 0 ? (
            <p>
              No two options swap places between {num(data.from)} and {num(data.to)} {unit}.
            </p>
          ) : (
            <ul class="crossovers">
              {data.crossovers.map((c, i) => (
                <li key={i}>
                  At{' '}
                  <strong>
                    {at(c.at)} {unit}
                  </strong>
                  , {optionName(c.optionA)} ({money(c.monthlyCostUsd)}) and {optionName(c.optionB)} (
                  {money(c.optionBMonthlyCostUsd)}) cross; {optionName(c.cheaperAfter)} is cheaper after.
                </li>
              ))}
            </ul>
          )}
          {data.warnings.length > 0 && (
            <ul class="warnings-inline">
              {data.warnings.map((w) => (
                <li key={w.code + w.message}>{w.message}</li>
              ))}
            </ul>
          )}
          <details>
            <summary>The numbers behind the chart</summary>
            <div class="scroll">
              <table class="series">
                <caption>Monthly cost (USD) by {data.field}</caption>
                <thead>
                  <tr>
                    <th scope="col">{unit}</th>
                    {data.series.map((s) => (
                      <th key={s.option} scope="col" class="num">
                        {optionName(s.option)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.series[0]?.points.map((p, i) => (
                    <tr key={i}>
                      <th scope="row">{num(p.x)}</th>
                      {data.series.map((s) => (
                        <td key={s.option} class="num">
                          {money(s.points[i]?.monthlyCostUsd)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
