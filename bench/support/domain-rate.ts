/**
 * The domain's own estimate rate on the batch benchmark's rows (bench:domain's kind of measurement: src/domain in
 * process, no HTTP), pinned to the server's core by batch.bench.ts. Two paths over the same rows:
 *   - `row`: what an inventory row needs (estimateRow: normalization, six costs, eligibility, recommendation and
 *     the recommended option's band), the path the batch endpoint runs, and the rate the batch is held to;
 *   - `evaluation`: the full evaluation of POST /v1/evaluations (words, line items, trace, robustness search), for
 *     information.
 * Prints one JSON line: { row: { rowsPerSecond, usPerRow, cpuUsPerRow }, evaluation: { … } }.
 */
import { estimateRow, evaluate, normalizeWorkload, type WorkloadInput } from '../../src/domain';
import { bundledRateCard } from '../../src/infrastructure/aws/bundled-rates';
import { inventoryWorkloads } from './inventory';

const card = bundledRateCard('us-east-1')!;
const seed = Number(process.env.BENCH_SEED ?? 1_000_000);
const count = Number(process.env.BENCH_ROWS ?? 10_000);
const workloadOf = (row: Record<string, unknown>): WorkloadInput => {
  const { id: _id, currentOption: _current, ...workload } = row;
  return workload as unknown as WorkloadInput;
};
let sink = 0;
const paths = {
  row: (w: WorkloadInput) => (estimateRow(normalizeWorkload(w), card, w)?.recommendation ? 1 : 0),
  evaluation: (w: WorkloadInput) => evaluate(w, card).options.length,
};
const result: Record<string, { rowsPerSecond: number; usPerRow: number; cpuUsPerRow: number }> = {};
for (const [name, run] of Object.entries(paths)) {
  for (const row of inventoryWorkloads(2_000, seed + 500_000)) sink += run(workloadOf(row));
  const rows = inventoryWorkloads(count, seed).map(workloadOf);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (const w of rows) sink += run(w);
  const cpu = process.cpuUsage(cpu0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  result[name] = {
    rowsPerSecond: count / seconds,
    usPerRow: (seconds * 1e6) / count,
    cpuUsPerRow: (cpu.user + cpu.system) / count,
  };
}
process.stdout.write(`${JSON.stringify({ ...result, sink })}\n`);
