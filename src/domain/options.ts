/** The six options streamfit compares (spec section 1). Order is the tie-break order everywhere. */
export const OPTION_CODES = [
  'KDS_ON_DEMAND',
  'KDS_ON_DEMAND_ADVANTAGE',
  'KDS_PROVISIONED',
  'MSK_PROVISIONED',
  'MSK_EXPRESS',
  'MSK_SERVERLESS',
] as const;

export type OptionCode = (typeof OPTION_CODES)[number];
export type ServiceCode = 'KINESIS' | 'MSK';

export const OPTION_SERVICE: Readonly<Record<OptionCode, ServiceCode>> = {
  KDS_ON_DEMAND: 'KINESIS',
  KDS_ON_DEMAND_ADVANTAGE: 'KINESIS',
  KDS_PROVISIONED: 'KINESIS',
  MSK_PROVISIONED: 'MSK',
  MSK_EXPRESS: 'MSK',
  MSK_SERVERLESS: 'MSK',
};

export const OPTION_LABELS: Readonly<Record<OptionCode, string>> = {
  KDS_ON_DEMAND: 'Kinesis Data Streams, on-demand',
  KDS_ON_DEMAND_ADVANTAGE: 'Kinesis Data Streams, on-demand Advantage',
  KDS_PROVISIONED: 'Kinesis Data Streams, provisioned shards',
  MSK_PROVISIONED: 'Amazon MSK, provisioned Standard brokers',
  MSK_EXPRESS: 'Amazon MSK, provisioned Express brokers',
  MSK_SERVERLESS: 'Amazon MSK Serverless',
};

export const KINESIS_OPTIONS: readonly OptionCode[] = ['KDS_ON_DEMAND', 'KDS_ON_DEMAND_ADVANTAGE', 'KDS_PROVISIONED'];
export const MSK_OPTIONS: readonly OptionCode[] = ['MSK_PROVISIONED', 'MSK_EXPRESS', 'MSK_SERVERLESS'];

export const isOptionCode = (value: unknown): value is OptionCode =>
  typeof value === 'string' && (OPTION_CODES as readonly string[]).includes(value);
