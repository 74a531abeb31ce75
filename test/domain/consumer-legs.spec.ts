/**
 * Consumers that cost: KCL lease tables (DynamoDB on-demand) on Kinesis, Lambda provisioned pollers on MSK,
 * MSK multi-VPC private connectivity — priced from the bundled Price List snapshot, only when asked.
 * Expected quantities are computed here from the documented assumptions.
 */
import { evaluate, type LineItem, type OptionResult } from '../../src/domain';
import { bundledRateCard } from '../../src/infrastructure/aws/bundled-rates';
import { usEast1RateCard } from './support/us-east-1.rate-card';
import { aWorkload } from './support/workload.builder';

const card = bundledRateCard('us-east-1')!;
const SECONDS = 730 * 3600;
const option = (options: OptionResult[], code: string): OptionResult => options.find((o) => o.option === code)!;
const line = (o: OptionResult, code: string): LineItem | undefined => o.lineItems.find((l) => l.code === code);
const cents = (usd: number): number => Math.round(usd * 100 + 1e-9) / 100;

describe('consumers that cost', () => {
  it('prices the KCL lease table on Kinesis options: renewals every 10/3 s plus a checkpoint a minute per shard, scans every 20 s', () => {
    const { options } = evaluate(
      { ...aWorkload().withIngestGbPerDay(200).withSharedConsumers(2).build(), kclConsumers: true },
      card,
    );
    const provisioned = option(options, 'KDS_PROVISIONED');
    const shards = provisioned.sizing.shards!;
    const writes = 2 * shards * (SECONDS / (10 / 3) + SECONDS / 60);
    expect(line(provisioned, 'KCL_LEASE_TABLE_WRITES')).toMatchObject({
      rateKey: 'dynamodb.onDemand.writeRequestUnit',
      unitPriceUsd: 0.000000625,
    });
    expect(line(provisioned, 'KCL_LEASE_TABLE_WRITES')!.quantity).toBeCloseTo(writes, 3);
    expect(line(provisioned, 'KCL_LEASE_TABLE_WRITES')!.monthlyCostUsd).toBe(cents(writes * 0.000000625));
    expect(line(provisioned, 'KCL_LEASE_TABLE_READS')!.quantity).toBeCloseTo(
      (2 * Math.ceil(shards / 4) * SECONDS) / 20,
      3,
    );
    expect(provisioned.assumptions).toContainEqual(expect.stringMatching(/^KCL lease tables \(small/));
    expect(line(option(options, 'KDS_ON_DEMAND'), 'KCL_LEASE_TABLE_WRITES')).toBeDefined();
    for (const code of ['MSK_PROVISIONED', 'MSK_EXPRESS', 'MSK_SERVERLESS'])
      expect(option(options, code).lineItems.some((l) => l.code.startsWith('KCL_'))).toBe(false);
  });

  it('prices Lambda event poller units on MSK options in provisioned-poller mode', () => {
    // 200 GB/day, STEADY: peak 2.84 MB/s → max(2 pollers, ceil(2.84/5) = 1) = 2 pollers → 1 EPU; 3 mappings.
    const { options } = evaluate(
      {
        ...aWorkload().withIngestGbPerDay(200).withSharedConsumers(3).withLambdaConsumers().build(),
        lambdaEventPollers: 2,
      },
      card,
    );
    for (const code of ['MSK_PROVISIONED', 'MSK_EXPRESS', 'MSK_SERVERLESS']) {
      expect(line(option(options, code), 'LAMBDA_EVENT_POLLER_UNITS')).toMatchObject({
        quantity: 3 * 730,
        unitPriceUsd: 0.185,
        monthlyCostUsd: cents(3 * 730 * 0.185),
        rateKey: 'lambda.eventPollerUnitHour',
      });
    }
    expect(option(options, 'KDS_PROVISIONED').lineItems.some((l) => l.code.startsWith('LAMBDA_'))).toBe(false);
    const big = evaluate({ ...aWorkload().withAvgWriteMBps(100).build(), lambdaEventPollers: 1 }, card);
    // peak 120 MB/s → 24 pollers → max(ceil(24/10) = 3, ceil(120/20) = 6) = 6 EPU, 1 mapping.
    expect(line(option(big.options, 'MSK_EXPRESS'), 'LAMBDA_EVENT_POLLER_UNITS')!.quantity).toBe(6 * 730);
  });

  it('prices MSK private connectivity per VPC-hour and per GB of client traffic on provisioned and Express', () => {
    const { options } = evaluate(
      { ...aWorkload().withIngestGbPerDay(100).withSharedConsumers(2).build(), mskPrivateConnectivityVpcs: 3 },
      card,
    );
    const gb = ((100 * 730) / 24) * 3;
    for (const code of ['MSK_PROVISIONED', 'MSK_EXPRESS']) {
      const o = option(options, code);
      expect(line(o, 'MSK_PRIVATE_CONNECTIVITY_HOURS')).toMatchObject({
        quantity: 3 * 730,
        unitPriceUsd: 0.0225,
        rateKey: 'msk.privateConnectivity.hour',
      });
      expect(line(o, 'MSK_PRIVATE_CONNECTIVITY_DATA')!.monthlyCostUsd).toBe(cents(gb * 0.006));
    }
    expect(option(options, 'MSK_SERVERLESS').lineItems.some((l) => l.code.startsWith('MSK_PRIVATE'))).toBe(false);
  });

  it('adds nothing when nothing is asked, and a missing rate names the key', () => {
    const plain = aWorkload().withIngestGbPerDay(50).withLambdaConsumers().build();
    expect(evaluate({ ...plain, kclConsumers: false }, card)).toEqual(evaluate(plain, card));
    const noDdb = usEast1RateCard({ without: ['dynamodb.onDemand.writeRequestUnit'] });
    expect(option(evaluate({ ...plain, kclConsumers: true }, noDdb).options, 'KDS_PROVISIONED')).toMatchObject({
      priced: false,
      missingRates: ['dynamodb.onDemand.writeRequestUnit'],
    });
  });
});
