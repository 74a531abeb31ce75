/**
 * Pipeline legs: delivery (deliverTo) and cross-region replication priced as line items, from the bundled
 * Price List snapshot (the same ingestion as live rates). Expected figures are computed here from the AWS
 * billing rules, independently of src/domain/pricing/pipeline-cost.ts.
 */
import { evaluate, type Evaluation, type LineItem, type OptionResult, type WorkloadInput } from '../../src/domain';
import { sizeMskConnect } from '../../src/domain/pricing/pipeline-cost';
import { bundledRateCard } from '../../src/infrastructure/aws/bundled-rates';
import { aWorkload } from './support/workload.builder';
import { usEast1RateCard } from './support/us-east-1.rate-card';

const card = bundledRateCard('us-east-1')!;
const KDS = ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'];
const MSK = ['MSK_PROVISIONED', 'MSK_EXPRESS', 'MSK_SERVERLESS'];
const option = (e: Evaluation, code: string): OptionResult => e.options.find((o) => o.option === code)!;
const line = (o: OptionResult, code: string): LineItem | undefined => o.lineItems.find((l) => l.code === code);
const cents = (usd: number): number => Math.round(usd * 100 + 1e-9) / 100;

/** 200 GB/day for 730/24 days; 1 KB records. */
const MONTHLY_GB = (200 * 730) / 24;
const RECORDS = (MONTHLY_GB * 1024 * 1024) / 1;

describe('pipeline legs: 200 GB/day delivered to S3, replicated to another region', () => {
  const workload = aWorkload()
    .withIngestGbPerDay(200)
    .withRecordSizeKB(1)
    .withDeliverTo({ sink: 'S3' })
    .withCrossRegionReplication()
    .build();
  const e = evaluate(workload, card);

  it('prices Firehose on every Kinesis option: records rounded up to 5 KB at the first-tier rate, rate key on the card', () => {
    for (const code of KDS) {
      const o = option(e, code);
      expect(o.priced).toBe(true);
      const ingest = line(o, 'FIREHOSE_INGEST_S3')!;
      expect(ingest).toMatchObject({
        rateKey: 'firehose.ingest.streamSourceGb',
        unitPriceUsd: 0.029,
        unit: 'GB',
        rateSource: 'BUNDLED_SNAPSHOT',
      });
      const billedGb = (RECORDS * 5) / (1024 * 1024);
      expect(ingest.quantity).toBeCloseTo(billedGb, 6);
      expect(ingest.monthlyCostUsd).toBe(cents(billedGb * 0.029)); // 30,416.67 GB × $0.029 = $882.08
      expect(ingest.monthlyCostUsd).toBe(882.08);
      expect(card.rates[ingest.rateKey]).toMatchObject({ usageType: 'BilledBytes', source: 'BUNDLED_SNAPSHOT' });
      expect(o.sizing).toMatchObject({ deliveryVia: 'FIREHOSE', deliverySinks: 1 });
    }
  });

  it('prices Firehose or MSK Connect on every MSK option, the cheaper one, and says which', () => {
    for (const code of MSK) {
      const o = option(e, code);
      expect(o.priced).toBe(true);
      const firehose = line(o, 'FIREHOSE_MSK_INGEST_S3');
      const connect = line(o, 'MSK_CONNECT_MCU_HOURS_S3');
      expect(Boolean(firehose) !== Boolean(connect)).toBe(true);
      // Firehose with MSK as source: 6,083.33 GB × $0.055 = $334.58; MSK Connect: peak 2.84 MB/s × 1.2 ÷ 5 MB/s per MCU → 1 MCU × 730 h × $0.11 = $80.30.
      expect(connect).toMatchObject({
        quantity: 730,
        unitPriceUsd: 0.11,
        monthlyCostUsd: 80.3,
        rateKey: 'msk.connect.mcuHour',
      });
      expect(o.sizing).toMatchObject({ deliveryVia: 'MSK_CONNECT', mskConnectMcus: 1, mskConnectWorkers: 1 });
      expect(o.assumptions).toContainEqual(
        expect.stringMatching(
          /via MSK Connect .* \$80\.30\/month .* cheaper than Firehose \(MSK as source\) \$334\.58\/month/,
        ),
      );
    }
  });

  it('prices MSK Replicator (hours and GB), inter-region transfer and the target cluster on MSK provisioned and Express', () => {
    for (const code of ['MSK_PROVISIONED', 'MSK_EXPRESS']) {
      const o = option(e, code);
      expect(line(o, 'MSK_REPLICATOR_HOURS')).toMatchObject({
        quantity: 730,
        unitPriceUsd: 0.3,
        monthlyCostUsd: 219,
        rateKey: 'msk.replicator.hour',
      });
      expect(line(o, 'MSK_REPLICATOR_DATA')).toMatchObject({
        unitPriceUsd: 0.08,
        monthlyCostUsd: cents(MONTHLY_GB * 0.08),
        rateKey: 'msk.replicator.dataGb',
      });
      expect(line(o, 'INTER_REGION_TRANSFER')).toMatchObject({
        unitPriceUsd: 0.02,
        monthlyCostUsd: cents(MONTHLY_GB * 0.02),
        rateKey: 'aws.dataTransfer.interRegionOutGb',
      });
      const brokers = o.lineItems.find((l) => l.code.endsWith('BROKER_HOURS') && !l.code.startsWith('REPLICA_'))!;
      expect(line(o, `REPLICA_${brokers.code}`)).toMatchObject({
        quantity: brokers.quantity,
        monthlyCostUsd: brokers.monthlyCostUsd,
      });
      expect(o.sizing.replicationVia).toBe('MSK_REPLICATOR');
      for (const l of o.lineItems) expect(card.rates[l.rateKey]).toBeDefined();
    }
  });

  it('prices the Kinesis custom replicator as a labelled assumption, and keeps Kinesis disqualified for replication', () => {
    for (const code of KDS) {
      const o = option(e, code);
      expect(o.eligible).toBe(false);
      expect(o.disqualifiedBy.map((d) => d.code)).toContain('LIMIT_CROSS_REGION_REPLICATION');
      expect(line(o, 'INTER_REGION_TRANSFER')?.monthlyCostUsd).toBe(cents(MONTHLY_GB * 0.02));
      expect(o.lineItems.some((l) => l.code.startsWith('REPLICA_'))).toBe(true);
      expect(o.sizing.replicationVia).toBe('CUSTOM_CONSUMER');
      expect(o.assumptions).toContainEqual(
        expect.stringMatching(/^ASSUMPTION: Kinesis has no managed cross-region replication/),
      );
    }
    expect(line(option(e, 'KDS_PROVISIONED'), 'REPLICA_KDS_PROV_SHARD_HOURS')).toEqual({
      ...line(option(e, 'KDS_PROVISIONED'), 'KDS_PROV_SHARD_HOURS'),
      code: 'REPLICA_KDS_PROV_SHARD_HOURS',
      description: `Target-region copy: ${line(option(e, 'KDS_PROVISIONED'), 'KDS_PROV_SHARD_HOURS')!.description}`,
    });
  });

  it('says in the decision trace which pipeline each option implies', () => {
    const entry = e.decisionTrace.find((t) => t.ruleId === 'PIPELINE_IMPLIED')!;
    expect(entry.fired).toBe(true);
    expect(entry.outcome).toContain(
      'KDS_PROVISIONED: Kinesis Data Streams → Amazon Data Firehose → S3; replicating consumer → Kinesis stream in us-west-2',
    );
    expect(entry.outcome).toContain('MSK_EXPRESS: Amazon MSK → MSK Connect → S3; MSK Replicator → MSK in us-west-2');
    expect(e.warnings.find((w) => w.code === 'LIMIT_CROSS_REGION_REPLICATION')?.message).toMatch(
      /priced per replicator-hour/,
    );
  });
});

describe('pipeline legs: billing rules and choices', () => {
  it('rounds each record up to 5 KB for Firehose with a stream as source (12 KB → 15 KB), but not with MSK as source', () => {
    const w = aWorkload().withIngestGbPerDay(120).withRecordSizeKB(12).withDeliverTo({ sink: 'REDSHIFT' }).build();
    const e = evaluate(w, card, { rateOverrides: { 'msk.connect.mcuHour': 100 } });
    const monthlyGb = (120 * 730) / 24;
    expect(line(option(e, 'KDS_ON_DEMAND'), 'FIREHOSE_INGEST_REDSHIFT')!.quantity).toBeCloseTo(
      (monthlyGb * 15) / 12,
      5,
    );
    const msk = line(option(e, 'MSK_PROVISIONED'), 'FIREHOSE_MSK_INGEST_REDSHIFT')!;
    expect(msk).toMatchObject({ rateKey: 'firehose.ingest.mskSourceGb', unitPriceUsd: 0.055 });
    expect(msk.quantity).toBeCloseTo(monthlyGb, 5);
    expect(option(e, 'MSK_PROVISIONED').sizing.deliveryVia).toBe('FIREHOSE');
    expect(option(e, 'MSK_PROVISIONED').assumptions).toContainEqual(
      expect.stringMatching(/via Amazon Data Firehose with Amazon MSK as source/),
    );
  });

  it('prices Parquet conversion and dynamic partitioning per sink share, one delivery stream per sink', () => {
    const w = aWorkload()
      .withIngestGbPerDay(100)
      .withRecordSizeKB(10)
      .withDeliverTo({ sink: 'S3', sharePercent: 50, convertToParquet: true, dynamicPartitioning: true }, 'OPENSEARCH')
      .build();
    const o = option(evaluate(w, card), 'KDS_PROVISIONED');
    const monthlyGb = (100 * 730) / 24;
    expect(line(o, 'FIREHOSE_INGEST_S3')!.quantity).toBeCloseTo((monthlyGb * 0.5 * 10) / 10, 5);
    expect(line(o, 'FIREHOSE_FORMAT_CONVERSION_S3')).toMatchObject({
      rateKey: 'firehose.formatConversionGb',
      unitPriceUsd: 0.018,
    });
    expect(line(o, 'FIREHOSE_DYNAMIC_PARTITIONING_S3')).toMatchObject({
      rateKey: 'firehose.dynamicPartitioningGb',
      unitPriceUsd: 0.02,
    });
    expect(line(o, 'FIREHOSE_DYNAMIC_PARTITIONING_S3')!.quantity).toBeCloseTo(monthlyGb * 0.5, 5);
    expect(line(o, 'FIREHOSE_INGEST_OPENSEARCH')!.quantity).toBeCloseTo(monthlyGb, 5);
    expect(line(o, 'FIREHOSE_FORMAT_CONVERSION_OPENSEARCH')).toBeUndefined();
  });

  it('sizes MSK Connect in workers × 1/2/4/8 MCUs, at least 1 MCU per connector', () => {
    expect(sizeMskConnect(0)).toEqual({ mcus: 1, workers: 1, mcuPerWorker: 1, connectors: 1 });
    expect(sizeMskConnect(40)).toEqual({ mcus: 10, workers: 10, mcuPerWorker: 1, connectors: 1 }); // 48 MB/s ÷ 5 = 9.6 → 10
    expect(sizeMskConnect(50)).toEqual({ mcus: 12, workers: 6, mcuPerWorker: 2, connectors: 1 }); // 60 ÷ 5 = 12 → 6 × 2
    expect(sizeMskConnect(1000)).toEqual({ mcus: 240, workers: 30, mcuPerWorker: 8, connectors: 3 });
  });

  it('names a missing rate: the option is unpriced (never a silent zero), and MSK falls back to the priced alternative', () => {
    const noFirehose = usEast1RateCard({ without: ['firehose.ingest.streamSourceGb', 'firehose.ingest.mskSourceGb'] });
    const e = evaluate(aWorkload().withDeliverTo('S3').build(), noFirehose);
    for (const code of KDS) {
      expect(option(e, code)).toMatchObject({
        priced: false,
        monthlyCostUsd: null,
        missingRates: ['firehose.ingest.streamSourceGb'],
      });
    }
    for (const code of MSK)
      expect(option(e, code)).toMatchObject({
        priced: true,
        sizing: expect.objectContaining({ deliveryVia: 'MSK_CONNECT' }),
      });
    expect(e.warnings).toContainEqual({
      code: 'RATES_MISSING',
      message: expect.stringContaining('firehose.ingest.streamSourceGb'),
    });
    const neither = usEast1RateCard({ without: ['firehose.ingest.mskSourceGb', 'msk.connect.mcuHour'] });
    expect(option(evaluate(aWorkload().withDeliverTo('S3').build(), neither), 'MSK_SERVERLESS')).toMatchObject({
      priced: false,
      missingRates: ['firehose.ingest.mskSourceGb'],
    });
    const noReplicator = usEast1RateCard({ without: ['msk.replicator.hour'] });
    expect(
      option(evaluate(aWorkload().withCrossRegionReplication().build(), noReplicator), 'MSK_EXPRESS'),
    ).toMatchObject({ priced: false, missingRates: ['msk.replicator.hour'] });
  });

  it('adds no pipeline lines, sizing or trace outcome when nothing is asked', () => {
    const plain: WorkloadInput = aWorkload().withIngestGbPerDay(200).build();
    const a = evaluate(plain, card);
    const b = evaluate({ ...plain, deliverTo: [] }, card);
    expect(b).toEqual(a);
    for (const o of a.options) {
      expect(
        o.lineItems.filter((l) => /FIREHOSE|MSK_CONNECT|REPLICA|INTER_REGION|DELIVERY_|REPLICATION_/.test(l.code)),
      ).toEqual([]);
      expect(o.sizing.pipeline).toBeUndefined();
    }
    expect(a.decisionTrace.find((t) => t.ruleId === 'PIPELINE_IMPLIED')).toMatchObject({
      fired: false,
      outcome: 'No pipeline legs priced.',
    });
  });
});
