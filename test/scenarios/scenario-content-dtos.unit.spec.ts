/**
 * The scenario content parses (Standard Schema, run by the schema pipe), without a database: the text fields and
 * the workload check in one error; an edit's workload values reported alongside its other bad fields, else left
 * to the merged check; the typed requests the service takes; the schemas bound to create and update.
 */
import 'reflect-metadata';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { PIPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { schemaValidationPipe } from '../../src/common/validation/schema-validation.pipe';
import { ValidationError } from '../../src/domain';
import {
  ScenarioContentSchema as CreateScenarioDto,
  ScenarioPatchSchema as ScenarioPatchDto,
} from '../../src/scenarios/http/dto/scenario-content.dto';
import type { ScenarioContent } from '../../src/scenarios/scenario.types';
import type { ScenarioPatch } from '../../src/scenarios/scenario-patch';
import { ScenariosController } from '../../src/scenarios/http/scenarios.controller';
import { applyPatch } from '../../src/scenarios/scenario-patch';

const run = <T>(schema: StandardSchemaV1<unknown, T>, value: unknown) =>
  schemaValidationPipe.transform(value, { type: 'body', schema }) as Promise<T>;
// The parses return the typed values the service takes.
const scenarioContentOf = (content: ScenarioContent) => content;
const scenarioPatchOf = (patch: ScenarioPatch) => patch;
async function fieldsOf(promise: Promise<unknown>): Promise<Array<{ field: string; message: string }>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).details.fields ?? [];
}
const W = { ingestGbPerDay: 100, avgRecordSizeKB: 1 };

describe('scenario content DTOs (CreateScenarioDto, ScenarioPatchDto)', () => {
  it('create: class-validator fields and the workload check in one error, in declaration order', async () => {
    expect(
      await fieldsOf(run(CreateScenarioDto, { workload: { ...W, avgRecordSizeKB: 0 }, name: '', extra: true })),
    ).toEqual([
      { field: 'extra', message: 'extra is not a known field' },
      { field: 'name', message: 'name must be 1 to 200 characters, not blank' },
      { field: 'workload.avgRecordSizeKB', message: 'avgRecordSizeKB must be greater than 0' },
    ]);
    expect(await fieldsOf(run(CreateScenarioDto, {}))).toEqual([
      { field: 'name', message: 'name is required' },
      { field: 'workload', message: 'workload is required' },
    ]);
    expect(await fieldsOf(run(CreateScenarioDto, { name: null, workload: null }))).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'workload', message: 'workload is required' },
    ]);
  });

  it('create: the typed content the service takes (defaults applied, deliverTo in stored form, workload as sent)', async () => {
    const workload = { ...W, deliverTo: ['S3'] };
    const dto = await run(CreateScenarioDto, { name: 'n', workload });
    expect(scenarioContentOf(dto)).toEqual({
      name: 'n',
      description: null,
      tags: [],
      workload: { ...W, deliverTo: [{ sink: 'S3' }] },
      volumeRange: { low: 0.8, high: 1.25 },
    });
  });

  it('edit: workload values are reported alongside the other bad fields, else left to the merged check', async () => {
    expect(await fieldsOf(run(ScenarioPatchDto, { name: '', workload: { retentionHours: 0 } }))).toEqual([
      { field: 'name', message: 'name must be 1 to 200 characters, not blank' },
      { field: 'workload.retentionHours', message: 'retentionHours must be greater than or equal to 1' },
    ]);
    const dto = await run(ScenarioPatchDto, { workload: { retentionHours: 0, ingestGbPerDay: null } });
    const patch = scenarioPatchOf(dto);
    expect(patch).toEqual({ workload: { retentionHours: 0, ingestGbPerDay: null } });
    const current = { name: 'n', description: null, tags: [], workload: W, volumeRange: { low: 0.8, high: 1.25 } };
    expect(() => applyPatch(current, patch)).toThrow(
      expect.objectContaining({
        details: {
          fields: [
            { field: 'workload.retentionHours', message: 'retentionHours must be greater than or equal to 1' },
            ...['ingestGbPerDay', 'avgWriteMBps', 'hourlyWriteMBps'].map((f) => ({
              field: `workload.${f}`,
              message: 'give exactly one of ingestGbPerDay, avgWriteMBps or hourlyWriteMBps',
            })),
          ],
        },
      }),
    );
    expect(await fieldsOf(run(ScenarioPatchDto, { name: null, workload: null, volumeRange: 3 }))).toEqual([
      { field: 'name', message: 'name cannot be removed' },
      { field: 'workload', message: 'workload cannot be removed' },
      {
        field: 'volumeRange',
        message: 'volumeRange must be an object { low, high } of multipliers of the expected volume',
      },
    ]);
    expect(scenarioPatchOf(await run(ScenarioPatchDto, { description: null, tags: null, volumeRange: null }))).toEqual({
      description: null,
      tags: null,
      volumeRange: null,
    });
  });

  it('the schema pipe is bound to create and update, with their schemas on the body', () => {
    const pipesOf = (handler: unknown) => Reflect.getMetadata(PIPES_METADATA, handler as object) as unknown[];
    for (const handler of ['create', 'update'] as const)
      expect(pipesOf(ScenariosController.prototype[handler])).toEqual([schemaValidationPipe]);
    const schemas = (handler: string) =>
      Object.values(
        Reflect.getMetadata(ROUTE_ARGS_METADATA, ScenariosController, handler) as Record<string, { schema?: unknown }>,
      )
        .map((a) => a.schema)
        .filter(Boolean);
    expect(schemas('create')).toEqual([CreateScenarioDto]);
    expect(schemas('update')).toEqual([ScenarioPatchDto]);
  });
});
