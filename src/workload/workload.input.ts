import { Field, Float, InputType } from '@nestjs/graphql';
import {
  type DeliveryInput,
  VOLUME_RANGE_JSON_SCHEMA,
  type VolumeRange,
  WORKLOAD_JSON_SCHEMA,
  type WorkloadInput,
} from '../domain';
import type { RecordSizeBucket } from '../domain';
import { SchemaFields, typed } from './schema-field.decorator';
import { WORKLOAD_ENUMS } from './workload.enums';

const { recordSizeDistribution, deliverTo } = WORKLOAD_JSON_SCHEMA.properties;
@InputType('RecordSizeBucketInput', { description: 'One bucket of a record-size histogram' })
@SchemaFields(recordSizeDistribution.items)
export class RecordSizeBucketInput extends typed<RecordSizeBucket>() {}

@InputType('DeliveryInput', { description: 'One delivery sink (deliverTo)' })
@SchemaFields(deliverTo.items.anyOf[1], { enums: WORKLOAD_ENUMS })
export class DeliveryInputGql extends typed<DeliveryInput>() {}

/**
 * The workload, as over REST: every field, its type, nullability and description derived from
 * WORKLOAD_JSON_SCHEMA (SchemaFields); bounds and cross-field rules are checked by the same parse as REST.
 */
@InputType('WorkloadInput')
@SchemaFields(WORKLOAD_JSON_SCHEMA, {
  enums: WORKLOAD_ENUMS,
  items: { recordSizeDistribution: () => RecordSizeBucketInput, deliverTo: () => DeliveryInputGql },
})
export class WorkloadInputGql extends typed<Omit<WorkloadInput, 'deliverTo'> & { deliverTo?: DeliveryInputGql[] }>() {}

@InputType('RateOverrideInput')
export class RateOverrideInput {
  @Field({ description: 'Rate key as listed by rateCard(region)' }) key: string;
  @Field(() => Float, { description: 'USD per unit replacing the card rate' }) usdPerUnit: number;
}

@InputType('PricingInput', { description: 'Negotiated discount and per-rate overrides' })
export class PricingInputGql {
  @Field(() => Float, { nullable: true, description: 'Discount on every rate, percent (0..100)' })
  discountPercent?: number;
  @Field(() => [RateOverrideInput], { nullable: true }) rateOverrides?: RateOverrideInput[];
}

@InputType('VolumeRangeInput', {
  description: 'Multipliers of the expected volume for cost bands and robustness (default 0.8 to 1.25)',
})
@SchemaFields(VOLUME_RANGE_JSON_SCHEMA)
export class VolumeRangeInputGql extends typed<Partial<VolumeRange>>() {}

/** GraphQL input → the REST body shape (nulls dropped), so both transports run the same validation. */
export function toRequestBody(
  input: WorkloadInputGql,
  pricing?: PricingInputGql | null,
  volumeRange?: VolumeRangeInputGql | null,
): Record<string, unknown> {
  const workload = Object.fromEntries(Object.entries({ ...input }).filter(([, v]) => v !== null && v !== undefined));
  const body: Record<string, unknown> = { workload };
  if (pricing?.discountPercent !== null && pricing?.discountPercent !== undefined)
    body.discountPercent = pricing.discountPercent;
  if (pricing?.rateOverrides)
    body.rateOverrides = Object.fromEntries(pricing.rateOverrides.map((o) => [o.key, o.usdPerUnit]));
  if (volumeRange)
    body.volumeRange = Object.fromEntries(
      Object.entries({ ...volumeRange }).filter(([, v]) => v !== null && v !== undefined),
    );
  return body;
}
