/**
 * The domain's own estimate rate on the batch benchmark's rows (bench:domain's kind of measurement: the evaluation
 * of src/domain, volume study included, in process, no HTTP), pinned to the server's core by batch.bench.ts.
 * Prints one JSON line: { rowsPerSecond, usPerRow, cpuUsPerRow } (wall time and this process's CPU time).
 */
import { evaluate, type WorkloadInput } from '../../src/domain';
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
for (const row of inventoryWorkloads(2_000, seed + 500_000)) sink += evaluate(workloadOf(row), card).options.length;
const rows = inventoryWorkloads(count, seed).map(workloadOf);
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
for (const w of rows) sink += evaluate(w, card).options.length;
const cpu = process.cpuUsage(cpu0);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpuUsPerRow = (cpu.user + cpu.system) / count;
process.stdout.write(
  `${JSON.stringify({ rowsPerSecond: count / seconds, usPerRow: (seconds * 1e6) / count, cpuUsPerRow, sink })}\n`,
);
