/**
 * Ingest benchmark: the real @aws-sdk/client-pricing client fetching a realistic ≥ 2,000-product price list
 * for one region from the local Price List server (100 products per page), then buildRateCard.
 *
 *   node -r @swc-node/register bench/ingest.bench.ts
 *
 * Prints products, pages, median and max ms per iteration; exits non-zero when the median or max exceeds
 * the target.
 */
import { buildRateCard } from '../src/domain/pricelist/build-rate-card';
import { PriceListClient } from '../src/infrastructure/aws/pricelist.client';
import { countServed, realisticPriceList, serveAll } from '../test/support/pricelist-fixtures';
import { PriceListServer } from '../test/support/pricelist-server';

const REGION = 'us-east-1';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 7);
const WARMUP = 1;
const TARGET_MS = 2_000;

async function main(): Promise<number> {
  const list = realisticPriceList({ region: REGION });
  const served = countServed(list, REGION);
  const server = await new PriceListServer().start();
  serveAll(server, list);
  const client = new PriceListClient({
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    pageSize: 100,
  });

  const timings: number[] = [];
  let products = 0;
  let pages = 0;
  let rates = 0;
  let skipped = 0;
  let missing: string[] = [];
  try {
    for (let i = 0; i < WARMUP + ITERATIONS; i += 1) {
      const started = process.hrtime.bigint();
      const fetched = await client.fetchRegion(REGION);
      const result = buildRateCard({
        region: REGION,
        documents: fetched.documents,
        fetchedAt: new Date().toISOString(),
        source: 'AWS_PRICE_LIST',
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (i >= WARMUP) timings.push(ms);
      products = fetched.documents.length;
      pages = fetched.pages;
      rates = Object.keys(result.card.rates).length;
      skipped = result.skipped.length;
      missing = result.missing;
    }
  } finally {
    client.destroy();
    await server.close();
  }

  const sorted = [...timings].sort((a, b) => a - b);
  const median =
    sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const max = sorted[sorted.length - 1];
  const expectedProducts = served.total;
  const complete = products === expectedProducts && missing.length === 0;
  const pass = complete && median <= TARGET_MS && max <= TARGET_MS;

  console.log(
    `ingest bench (${REGION}, real SDK → local Price List server, ${ITERATIONS} iterations after ${WARMUP} warm-up)`,
  );
  console.log(
    `  products fetched : ${products} (expected ${expectedProducts}; ${Object.values(list).reduce((n, docs) => n + docs.length, 0)} stored incl. other regions/families)`,
  );
  console.log(`  pages            : ${pages}`);
  console.log(`  rates / skipped  : ${rates} / ${skipped}${missing.length ? `; MISSING ${missing.join(', ')}` : ''}`);
  console.log(`  median ms        : ${median.toFixed(1)}`);
  console.log(`  max ms           : ${max.toFixed(1)}`);
  console.log(`  target           : ≤ ${TARGET_MS} ms`);
  console.log(pass ? 'PASS' : 'FAIL');
  return pass ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('FAIL');
    process.exit(1);
  },
);
