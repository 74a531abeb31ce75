import { graphqlCodeFor, httpStatusFor } from '../../src/common/error-mapping';
import { DOMAIN_ERROR_CODES } from '../../src/domain/errors';

describe('domain error codes', () => {
  // The switches end in assertNever, so an unmapped code does not compile; this pins what each code means to a caller.
  it.each(DOMAIN_ERROR_CODES.map((code) => [code]))(
    '%s maps to a caller-facing HTTP status and GraphQL code',
    (code) => {
      const status = httpStatusFor(code);
      expect(status === 503 || (status >= 400 && status < 500)).toBe(true);
      expect(graphqlCodeFor(code)).toMatch(/^[A-Z_]+$/);
      expect(graphqlCodeFor(code)).not.toBe('INTERNAL_SERVER_ERROR');
    },
  );

  it('keeps the documented meanings', () => {
    expect([httpStatusFor('VALIDATION_FAILED'), graphqlCodeFor('VALIDATION_FAILED')]).toEqual([400, 'BAD_USER_INPUT']);
    expect([httpStatusFor('VERSION_CONFLICT'), graphqlCodeFor('VERSION_CONFLICT')]).toEqual([412, 'CONFLICT']);
    expect([httpStatusFor('NOT_FOUND'), graphqlCodeFor('NOT_FOUND')]).toEqual([404, 'NOT_FOUND']);
    expect([httpStatusFor('DEPENDENCY_UNAVAILABLE'), graphqlCodeFor('DEPENDENCY_UNAVAILABLE')]).toEqual([
      503,
      'SERVICE_UNAVAILABLE',
    ]);
  });
});
