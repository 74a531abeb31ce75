import { ObjectType } from '@nestjs/graphql';
import { ViewProperty as P } from '../common/view-property';
import { OptionCodeEnum, ScenarioWorkloadView } from '../workload';

@ObjectType('ArchitecturePreset', {
  description:
    'An architecture pattern of the decision guide as a preset: an example workload that asks for its pipeline',
})
export class ArchitecturePresetView {
  @P(String, { example: 'KINESIS_FIREHOSE_S3' }) id: string;
  @P(String, { example: 'Serverless ingestion to a data lake' }) title: string;
  @P(String, { example: 'Kinesis Data Streams → Amazon Data Firehose → Amazon S3 (Parquet)' }) pattern: string;
  @P(String) description: string;
  @P([OptionCodeEnum], { enum: OptionCodeEnum, description: 'The options the pattern is built on' })
  impliedOptions: OptionCodeEnum[];
  @P([String], { description: 'The workload fields the pattern sets', example: ['deliverTo'] }) patternFields: string[];
  @P(ScenarioWorkloadView, {
    description: 'Example workload (200 GB/day of 1 KB records): evaluate it as is, or change the volume fields',
  })
  workload: ScenarioWorkloadView;
  @P(String) source: string;
  @P(String) sourceUrl: string;
}
