/**
 * Public sources the rules, limits and assumptions rest on, with a confidence label
 * (the labels rates/README.md gives the bundled prices):
 *  - PL: seen in a real Price List document or a price-list-backed tool
 *  - AWS: AWS-authored source (docs, pricing page, decision guide)
 *  - 3P: third-party sources only
 *  - ASSUMPTION: unverified or a modelling choice of this project; treat as an assumption
 */
export type Confidence = 'PL' | 'AWS' | '3P' | 'ASSUMPTION';

export interface SourceRef {
  title: string;
  url: string;
}

export const SOURCES = {
  decisionGuide: {
    title: 'AWS decision guide: Choosing between Amazon Kinesis Data Streams and Amazon MSK',
    url: 'https://docs.aws.amazon.com/decision-guides/latest/streaming-on-aws-how-to-choose/streaming-on-aws-how-to-choose.html',
  },
  kdsQuotas: {
    title: 'Amazon Kinesis Data Streams Developer Guide: Quotas and limits',
    url: 'https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html',
  },
  kdsOnDemand: {
    title: 'Amazon Kinesis Data Streams Developer Guide: Choose the data stream capacity mode (on-demand)',
    url: 'https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html',
  },
  kdsLargeRecords: {
    title: 'Amazon Kinesis Data Streams Developer Guide: Handle large records',
    url: 'https://docs.aws.amazon.com/streams/latest/dev/large-records.html',
  },
  kdsEfo: {
    title: 'Amazon Kinesis Data Streams Developer Guide: Develop enhanced fan-out consumers',
    url: 'https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html',
  },
  kdsPricing: {
    title: 'Amazon Kinesis Data Streams pricing',
    url: 'https://aws.amazon.com/kinesis/data-streams/pricing/',
  },
  mskBestPractices: {
    title: 'Amazon MSK Developer Guide: Best practices for Standard brokers (right-size your cluster)',
    url: 'https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html',
  },
  mskExpress: {
    title: 'Amazon MSK Developer Guide: Express brokers (best practices and quotas)',
    url: 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-broker-types-express.html',
  },
  mskPricingFeed: {
    title: "AWS's MSK pricing feed (publication 2025-04-04; rates/sources/SOURCES.md): the rates AWS offers per region",
    url: 'https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/msk/USD/current/msk.json',
  },
  mskServerlessQuotas: {
    title: 'Amazon MSK Developer Guide: MSK Serverless quotas',
    url: 'https://docs.aws.amazon.com/msk/latest/developerguide/limits.html#serverless-quota',
  },
  mskReplicator: {
    title: 'Amazon MSK Developer Guide: What is Amazon MSK Replicator?',
    url: 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-replicator.html',
  },
  mskPricing: {
    title: 'Amazon MSK pricing',
    url: 'https://aws.amazon.com/msk/pricing/',
  },
  mskSizingScript: {
    title:
      "AWS's MSK sizing script: aws/agent-toolkit-for-aws, skills/specialized-skills/analytics-skills/managing-amazon-msk/scripts/msk_sizing.py (commit d6ad2e44d5e3, 2026-08-20) and references/size-and-choose-cluster.md",
    url: 'https://github.com/aws/agent-toolkit-for-aws/tree/main/skills/specialized-skills/analytics-skills/managing-amazon-msk',
  },
  mskTieredStorage: {
    title: 'Amazon MSK Developer Guide: Tiered storage (Standard brokers)',
    url: 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-tiered-storage.html',
  },
  kdsAdvantageCommitment: {
    title:
      'Amazon Kinesis Data Streams API Reference: MinimumThroughputBillingCommitmentInput (24-hour minimum commitment)',
    url: 'https://docs.aws.amazon.com/kinesis/latest/APIReference/API_MinimumThroughputBillingCommitmentInput.html',
  },
  ec2InstanceSpecs: {
    title: 'Amazon EC2 instance types: general purpose specifications (baseline network and EBS bandwidth)',
    url: 'https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html',
  },
  lambdaEventSources: {
    title: 'AWS Lambda Developer Guide: Using Lambda with Kinesis / with Amazon MSK',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html',
  },
  firehoseMskSource: {
    title: 'Amazon Data Firehose Developer Guide: Amazon MSK as a source (available since 2023)',
    url: 'https://docs.aws.amazon.com/firehose/latest/dev/writing-with-msk.html',
  },
  firehosePricing: {
    title: 'Amazon Data Firehose pricing',
    url: 'https://aws.amazon.com/firehose/pricing/',
  },
  mskConnectCapacity: {
    title: 'Amazon MSK Developer Guide: MSK Connect capacity (workers and MCUs)',
    url: 'https://docs.aws.amazon.com/msk/latest/developerguide/msk-connect-capacity.html',
  },
  streamfit: {
    title: 'streamfit modelling choice (documented in src/domain)',
    url: 'https://internal/streamfit/docs/decision-guide-example.md',
  },
} as const satisfies Record<string, SourceRef>;
