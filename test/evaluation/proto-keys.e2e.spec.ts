/**
 * `constructor`, `prototype` (and `__proto__`) in a request body are fields streamfit does not know, refused like
 * any other: Nest's pipe used to delete them before the check, so such a body was answered as if they were absent.
 */
import { useViewerApp } from '../support/viewer-app';

const workload = '"ingestGbPerDay":10,"avgRecordSizeKB":1';

describe('prototype keys in request bodies', () => {
  const suite = useViewerApp('portal');
  /** A body sent as this JSON text, byte for byte. */
  const post = (path: string, json: string) => suite.post(path, json).set('content-type', 'application/json');

  it.each([
    [
      '/v1/evaluations',
      `{"workload":{${workload},"constructor":1}}`,
      'workload.constructor',
      'constructor is not a known workload field',
    ],
    [
      '/v1/evaluations',
      `{"workload":{${workload},"prototype":{"x":1}}}`,
      'workload.prototype',
      'prototype is not a known workload field',
    ],
    [
      '/v1/evaluations',
      `{"constructor":{"name":"x"},"workload":{${workload}}}`,
      'constructor',
      'constructor is not a known field',
    ],
    [
      '/v1/evaluations',
      `{"workload":{${workload}},"rateOverrides":{"constructor":1}}`,
      'rateOverrides.constructor',
      'constructor is not a known rate key',
    ],
    [
      '/v1/evaluations',
      `{"workload":{${workload}},"volumeRange":{"low":0.5,"prototype":2}}`,
      'volumeRange.prototype',
      'prototype is not a known field of volumeRange',
    ],
    [
      '/v1/estimates',
      `{"workload":{${workload},"constructor":"Object"}}`,
      'workload.constructor',
      'constructor is not a known workload field',
    ],
    [
      '/v1/break-even',
      `{"workload":{${workload}},"vary":"ingest","from":1,"to":10,"steps":2,"prototype":1}`,
      'prototype',
      'prototype is not a known field',
    ],
  ])('POST %s %s → 400 naming the key', async (path, json, field, message) => {
    const res = await post(path, json);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fields).toEqual([{ field, message }]);
  });

  it('a body with __proto__ is refused by the JSON parser, before any check', async () => {
    const res = await post('/v1/evaluations', `{"workload":{${workload},"__proto__":{"x":1}}}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain('"x"');
  });

  it('the same workload without the key is answered, and its cached answer is never given to the body with it', async () => {
    for (let i = 0; i < 2; i++) expect((await post('/v1/evaluations', `{"workload":{${workload}}}`)).status).toBe(200);
    const res = await post('/v1/evaluations', `{"workload":{${workload},"constructor":1}}`);
    expect(res.status).toBe(400);
  });
});
