/**
 * The scenario content DTOs run by the DtoValidationPipe, without a database: class-validator fields and field
 * checks merged into one error; an edit's workload values reported alongside its other bad fields, else left to
 * the merged check; the typed requests the service takes; the pipe bound to create and update.
 */
import 'reflect-metadata';
import { PIPES_METADATA } from '@nestjs/common/constants';
import { DtoValidationPipe } from '../../src/common/validation/dto-validation.pipe';
import { ValidationError } from '../../src/domain';
import {
  CreateScenarioDto,
  scenarioContentOf,
  ScenarioPatchDto,
  scenarioPatchOf,
} from '../../src/scenarios/http/dto/scenario-content.dto';
import { ScenariosController } from '../../src/scenarios/http/scenarios.controller';
import { applyPatch } from '../../src/scenarios/scenario-patch';

const pipe = new DtoValidationPipe();
const run = <T>(metatype: new () => T, value: unknown) =>
  pipe.transform(value, { type: 'body', metatype }) as Promise<T>;
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
    expect(dto).toBeInstanceOf(CreateScenarioDto);
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

  it('the pipe is bound to create and update', () => {
    const pipesOf = (handler: unknown) => Reflect.getMetadata(PIPES_METADATA, handler as object) as unknown[];
    for (const handler of ['create', 'update'] as const)
      expect(pipesOf(ScenariosController.prototype[handler])).toEqual([DtoValidationPipe]);
  });
});
