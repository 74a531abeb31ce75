/** The console explains each error the API can answer in words a person can act on (web/src/api.ts). */
import { ApiError, explain, KEY_HINT } from '../../web/src/api';

describe('console error messages', () => {
  const cases: [string, ApiError, RegExp][] = [
    ['401', new ApiError('Missing or invalid API key', 'UNAUTHENTICATED', 200), /401.*missing, mistyped or revoked/],
    [
      '403',
      new ApiError('This needs the editor role; your key has viewer', 'FORBIDDEN', 200),
      /403.*editor role; your key has viewer.*viewer key can evaluate/,
    ],
    [
      '412',
      new ApiError('Scenario s1 is at version 3, not 2', 'CONFLICT', 200),
      /412 conflict.*version 3, not 2.*Reload the scenario.*nothing was overwritten/,
    ],
    [
      '503 database',
      new ApiError('Scenarios are unavailable', 'SERVICE_UNAVAILABLE', 200, [], 'DEPENDENCY_UNAVAILABLE'),
      /saved scenarios are unavailable right now \(503.*Evaluations still work.*nothing saved is lost/,
    ],
    [
      '503 rates',
      new ApiError('No rate card for eu-west-9', 'SERVICE_UNAVAILABLE', 200, [], 'RATES_UNAVAILABLE'),
      /no rates are available.*\(503\)\. No rate card for eu-west-9/,
    ],
    ['404', new ApiError('Scenario s9 not found', 'NOT_FOUND', 200), /not found \(404\).*another team/],
    ['429', new ApiError('Rate limit', 'RATE_LIMITED', 200), /too many requests \(429\)/],
    [
      '400 with fields',
      new ApiError('Invalid', 'BAD_USER_INPUT', 200, [
        { field: 'input.a', message: 'a' },
        { field: 'input.b', message: 'b' },
      ]),
      /2 fields need attention \(shown next to them\)/,
    ],
    [
      'network',
      new ApiError('The streamfit service cannot be reached from this page.', 'NETWORK', 0),
      /cannot be reached.*still running/,
    ],
    ['500', new ApiError('Internal error', 'INTERNAL_SERVER_ERROR', 500), /service failed \(500\)/],
  ];

  it.each(cases)('%s', (_name, error, words) => {
    const text = explain(error, 'save the scenario');
    expect(text.startsWith('Could not save the scenario: ')).toBe(true);
    expect(text).toMatch(words);
  });

  it('a 401 says how to get a key', () => {
    expect(explain(new ApiError('x', 'UNAUTHENTICATED', 200), 'evaluate')).toContain(KEY_HINT);
  });
});
