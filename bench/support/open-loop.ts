/**
 * An open-loop, constant-rate HTTP client (what wrk2 does; wrk2 is not in Debian): request i is due at
 * start + i / rate whatever happened to the earlier ones, and its latency runs from when it was due, not from when
 * it was sent, so a stalled server is charged for every request it held up (no coordinated omission). Bodies are
 * POST /v1/evaluations workloads never sent before (as bench/wrk/bodies.lua builds them). The client reports its
 * own CPU share and how late it sent, so a reader can see it kept its schedule.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface OpenLoopResult {
  targetRate: number;
  achievedRate: number;
  sent: number;
  completed: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Latest a request left after it was due (the client's own lag). */
  maxSendLagMs: number;
  /** The client's CPU time over the run's duration (of its one core). */
  clientCpu: number;
}

const workload = (n: number) => {
  const i = n % 1_000_000;
  return `{"workload":{"ingestGbPerDay":${100 + Math.floor(i / 1000)}.${String(i % 1000).padStart(3, '0')},"avgRecordSizeKB":1,"sharedConsumers":${1 + (Math.floor(n / 1_000_000) % 3)},"retentionHours":24,"trafficPattern":"STEADY"}}`;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export async function openLoop(options: {
  port: number;
  authorization: string;
  rate: number;
  seconds: number;
  seed: number;
}): Promise<OpenLoopResult> {
  const { port, authorization, rate, seconds, seed } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  let maxLag = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now() + 20;
  const done = new Promise<void>((resolve) => {
    let finished = 0;
    const finish = () => {
      finished++;
      if (finished === total) resolve();
    };
    const send = (i: number, due: number) => {
      const body = workload(seed + i);
      const req = http.request(
        {
          agent,
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/v1/evaluations',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization,
          },
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - due);
            else errors++;
            finish();
          });
        },
      );
      req.on('error', () => {
        errors++;
        finish();
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) {
        const due = start + (sent * 1000) / rate;
        maxLag = Math.max(maxLag, now - due);
        send(sent, due);
        sent++;
      }
      if (sent < total) setTimeout(tick, 0);
    };
    setTimeout(tick, 20);
  });
  await done;
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    targetRate: rate,
    achievedRate: latencies.length / elapsed,
    sent,
    completed: latencies.length,
    errors,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? 0,
    maxSendLagMs: maxLag,
    clientCpu: (cpu.user + cpu.system) / 1e6 / elapsed,
  };
}
