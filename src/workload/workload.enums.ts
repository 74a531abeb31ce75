/** The GraphQL enums of the workload's edge: the workload's own, the break-even axis and the six options. */
import { registerEnumType } from '@nestjs/graphql';

export enum TrafficPatternEnum {
  STEADY = 'STEADY',
  VARIABLE = 'VARIABLE',
  UNPREDICTABLE = 'UNPREDICTABLE',
}
registerEnumType(TrafficPatternEnum, { name: 'TrafficPattern' });

export enum MskBrokerFamilyEnum {
  M5 = 'm5',
  M7G = 'm7g',
}
registerEnumType(MskBrokerFamilyEnum, { name: 'MskBrokerFamily' });

export enum DeliverySinkEnum {
  S3 = 'S3',
  REDSHIFT = 'REDSHIFT',
  OPENSEARCH = 'OPENSEARCH',
  HTTP = 'HTTP',
}
registerEnumType(DeliverySinkEnum, { name: 'DeliverySink' });

export enum BreakEvenVariableEnum {
  INGEST = 'ingest',
  CONSUMERS = 'consumers',
  RETENTION = 'retention',
}
registerEnumType(BreakEvenVariableEnum, { name: 'BreakEvenVariable' });

export enum OptionCodeEnum {
  KDS_ON_DEMAND = 'KDS_ON_DEMAND',
  KDS_ON_DEMAND_ADVANTAGE = 'KDS_ON_DEMAND_ADVANTAGE',
  KDS_PROVISIONED = 'KDS_PROVISIONED',
  MSK_PROVISIONED = 'MSK_PROVISIONED',
  MSK_EXPRESS = 'MSK_EXPRESS',
  MSK_SERVERLESS = 'MSK_SERVERLESS',
}
registerEnumType(OptionCodeEnum, { name: 'OptionCode', description: 'The six options streamfit compares' });

/** The GraphQL enums the workload's string properties with an `enum` map to (by their values): SchemaFields. */
export const WORKLOAD_ENUMS: readonly object[] = [TrafficPatternEnum, MskBrokerFamilyEnum, DeliverySinkEnum];
