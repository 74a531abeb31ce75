/**
 * Typed edges: the evaluation endpoints validate with a Standard Schema object on the parameter
 * (`@Body({ schema })`, Nest's StandardSchemaValidationPipe), and the pipe's exception factory gives back
 * exactly the `{ field, message }` list the check produces. No database: the pipe runs on its own.
 */
import 'reflect-metadata';
import { PIPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { fieldErrorsFromIssues, pathOf } from '../../src/common/validation/standard-schema';
import { schemaValidationPipe } from '../../src/common/validation/schema-validation.pipe';
import { normalizeWorkload, ValidationError } from '../../src/domain';
import {
  BreakEvenRequestSchema,
  EvaluationRequestSchema,
  parseBreakEvenRequest,
  parseEvaluationRequest,
} from '../../src/workload';
import { EvaluationController } from '../../src/evaluation/http/evaluation.controller';
import { EvaluationAskSchema } from '../../src/evaluation/evaluation-totals';

function thrownFields(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).details.fields;
  }
  throw new Error('expected a ValidationError');
}

describe('typed edges: Standard Schema on the evaluation bodies', () => {
  const bad = {
    workload: { ingestGbPerDay: -1, avgRecordSizeKB: 0, colour: 'red' },
    discountPercent: 150,
    rateOverrides: { 'kds.provisioned.shardHour': -1 },
    extra: true,
  };

  it('field paths survive the round trip through Standard Schema issues', () => {
    for (const field of [
      '(body)',
      'vary',
      'workload.avgRecordSizeKB',
      'rateOverrides.kds.provisioned.shardHour',
      'tags[3]',
      'input.workload.items[0][1].x',
    ]) {
      expect(fieldErrorsFromIssues([{ message: 'm', path: pathOf(field) }])).toEqual([{ field, message: 'm' }]);
    }
    expect(pathOf('tags[3]')).toEqual(['tags', 3]);
  });

  it('the schema reports every bad field, as issues the exception factory turns back into the same list', async () => {
    const expected = thrownFields(() => parseEvaluationRequest(bad));
    expect(expected!.length).toBeGreaterThanOrEqual(5);
    const result = await EvaluationRequestSchema['~standard'].validate(bad);
    expect('issues' in result && result.issues).toBeTruthy();
    expect(fieldErrorsFromIssues((result as { issues: [] }).issues)).toEqual(expected);

    const error = await schemaValidationPipe.transform(bad, { type: 'body', schema: EvaluationRequestSchema }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details.fields).toEqual(expected);
  });

  it('a valid body comes out typed and unchanged, with its workload normalized; break-even requires its own fields', async () => {
    const body = { workload: { ingestGbPerDay: 10, avgRecordSizeKB: 1 }, discountPercent: 5 };
    const checked = await schemaValidationPipe.transform(body, { type: 'body', schema: EvaluationRequestSchema });
    // The parse returns the body as sent and its normalized workload: nothing is handed on beside the value.
    expect(checked).toEqual({ request: body, workload: normalizeWorkload(body.workload) });
    expect((checked as unknown as { request: unknown }).request).toBe(body);
    expect(thrownFields(() => parseBreakEvenRequest(body))!.map((f) => f.field)).toEqual([
      'vary',
      'from',
      'to',
      'steps',
    ]);
    const result = await BreakEvenRequestSchema['~standard'].validate(body);
    expect(fieldErrorsFromIssues((result as { issues: [] }).issues).map((f) => f.field)).toEqual([
      'vary',
      'from',
      'to',
      'steps',
    ]);
  });

  it('GraphQL names the workload `input`', () => {
    const fields = thrownFields(() =>
      parseEvaluationRequest({ workload: { avgRecordSizeKB: 1 } }, { workload: 'input' }),
    )!;
    expect(fields.map((f) => f.field)).toEqual(['input.ingestGbPerDay', 'input.avgWriteMBps', 'input.hourlyWriteMBps']);
  });

  it('the controller declares the schemas on its body parameters and the pipe on the class', () => {
    const schemas = (handler: string) =>
      Object.values(
        Reflect.getMetadata(ROUTE_ARGS_METADATA, EvaluationController, handler) as Record<string, { schema?: unknown }>,
      )
        .map((a) => a.schema)
        .filter(Boolean);
    expect(schemas('evaluate')).toEqual([EvaluationAskSchema]);
    expect(schemas('estimate')).toEqual([EvaluationRequestSchema]);
    expect(schemas('breakEven')).toEqual([BreakEvenRequestSchema]);
    expect(Reflect.getMetadata(PIPES_METADATA, EvaluationController)).toContain(schemaValidationPipe);
  });
});
