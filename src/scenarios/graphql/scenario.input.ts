import { Field, InputType, PartialType } from '@nestjs/graphql';
import { VolumeRangeInputGql, WorkloadInputGql } from '../../workload';

@InputType('CreateScenarioInput')
export class CreateScenarioInput {
  @Field({ description: '1 to 200 characters' }) name: string;
  @Field({ nullable: true, description: 'At most 2,000 characters' }) description?: string;
  @Field(() => [String], { nullable: true, description: 'At most 20; each 1-40 of a-z 0-9 . _ : -' }) tags?: string[];
  @Field(() => WorkloadInputGql) workload: WorkloadInputGql;
  @Field(() => VolumeRangeInputGql, {
    nullable: true,
    description: 'Cost bands and robustness range (default 0.8 to 1.25)',
  })
  volumeRange?: VolumeRangeInputGql;
}

/** Every workload field optional: the fields given replace the saved ones; the others stay as saved. */
@InputType('ScenarioWorkloadPatchInput')
export class ScenarioWorkloadPatchInput extends PartialType(WorkloadInputGql, InputType) {}

@InputType('ScenarioPatchInput', {
  description:
    'Only the fields given change. A null or missing workload field leaves the saved value (use REST merge patch to remove one); description: null clears it',
})
export class ScenarioPatchInput {
  @Field({ nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [String], { nullable: true }) tags?: string[];
  @Field(() => ScenarioWorkloadPatchInput, { nullable: true }) workload?: ScenarioWorkloadPatchInput;
  @Field(() => VolumeRangeInputGql, { nullable: true, description: 'The ends given replace the saved ones' })
  volumeRange?: VolumeRangeInputGql;
}

const present = (o: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries({ ...o }).filter(([, v]) => v !== null && v !== undefined));

/** GraphQL create input → the REST body shape (nulls dropped), so both transports run the same validation. */
export function createBody(input: CreateScenarioInput): Record<string, unknown> {
  const body: Record<string, unknown> = { ...present(input), workload: present(input.workload ?? {}) };
  if (input.volumeRange) body.volumeRange = present(input.volumeRange);
  return body;
}

/** GraphQL patch → the REST body shape: nulls dropped except description, which null clears. */
export function patchBody(patch: ScenarioPatchInput): Record<string, unknown> {
  const body = present(patch);
  if (patch.description === null) body.description = null;
  if (body.workload) body.workload = present(body.workload as object);
  if (body.volumeRange) body.volumeRange = present(body.volumeRange as object);
  return body;
}
