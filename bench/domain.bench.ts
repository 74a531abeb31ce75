/**
 * Domain benchmark: one full evaluation (six options with trace) and a 1,000-point break-even.
 * Run: node -r @swc-node/register bench/domain.bench.ts   (exits non-zero when a target is missed)
 */
import { breakEven, evaluate } from '../src/domain';
import { usEast1RateCard } from '../test/domain/support/us-east-1.rate-card';
import { aWorkload } from '../test/domain/support/workload.builder';

const EVALUATION_MEDIAN_TARGET_US = 50;
const BREAK_EVEN_MEDIAN_TARGET_MS = 20;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function measure(fn: () => unknown, warmup: number, iterations: number): { median: number; p99: number } {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = new Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000; // µs
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p99: percentile(samples, 99) };
}

const card = usEast1RateCard();
const workload = aWorkload()
  .withIngestGbPerDay(500)
  .withRecordSizeKB(2)
  .withSharedConsumers(2)
  .withDedicatedConsumers(1)
  .withRetentionHours(72)
  .withTrafficPattern('VARIABLE')
  .build();
const pricing = { discountPercent: 5 };

let sink = 0;
const evaluation = measure(
  () => {
    sink += evaluate(workload, card, pricing).options.length;
  },
  2000,
  20000,
);

// For information: the same evaluation without the volume study (a range of exactly 1: no bands, no robustness search).
const plain = measure(
  () => {
    sink += evaluate(workload, card, pricing, { low: 1, high: 1 }).options.length;
  },
  2000,
  20000,
);

const breakEvenRun = measure(
  () => {
    sink += breakEven(workload, card, pricing, { vary: 'ingest', from: 1, to: 20000, steps: 1000 }).crossovers.length;
  },
  5,
  40,
);

const evalPass = evaluation.median <= EVALUATION_MEDIAN_TARGET_US;
const bePass = breakEvenRun.median / 1000 <= BREAK_EVEN_MEDIAN_TARGET_MS;
const line = (
  name: string,
  m: { median: number; p99: number },
  unit: 'µs' | 'ms',
  target: number,
  pass: boolean,
): string => {
  const k = unit === 'ms' ? 1000 : 1;
  return `${name.padEnd(34)} median ${(m.median / k).toFixed(unit === 'ms' ? 2 : 1)} ${unit}  p99 ${(m.p99 / k).toFixed(unit === 'ms' ? 2 : 1)} ${unit}  target median ≤ ${target} ${unit}  ${pass ? 'PASS' : 'FAIL'}`;
};
console.log(line('evaluate (6 options, trace, study)', evaluation, 'µs', EVALUATION_MEDIAN_TARGET_US, evalPass));
console.log(
  `${'  without the volume study (info)'.padEnd(34)} median ${plain.median.toFixed(1)} µs  p99 ${plain.p99.toFixed(1)} µs`,
);
console.log(line('breakEven (1,000 points, ingest)', breakEvenRun, 'ms', BREAK_EVEN_MEDIAN_TARGET_MS, bePass));
if (sink < 0) console.log(sink);
process.exit(evalPass && bePass ? 0 : 1);
