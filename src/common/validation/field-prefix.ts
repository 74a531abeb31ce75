import { DomainError, type FieldError, ValidationError } from '../../domain';

/**
 * Runs a check or a service call and places its field errors under the transport's argument: `name` →
 * `input.name`, `(body)` → `input` (GraphQL's `createScenario(input)`, `updateScenario(patch)`). Messages
 * are kept as they are; any other error passes through.
 */
export async function underArgument<T>(argument: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'VALIDATION_FAILED') throw e;
    const place = (f: FieldError): FieldError => ({
      field: f.field === '(body)' ? argument : `${argument}.${f.field}`,
      message: f.message,
    });
    throw new ValidationError((e.details.fields ?? []).map(place), e.message);
  }
}
