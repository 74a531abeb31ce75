/** Route metadata on the handler: @SerializeWith(view) → Fastify route config → a fast-json-stringify schema from the OpenAPI view. */
import 'reflect-metadata';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import Fastify from 'fastify';
import { useResponseSchemas } from '../../src/common/response-schemas';
import { EvaluationController } from '../../src/evaluation/http/evaluation.controller';

describe('@SerializeWith route metadata', () => {
  it('the evaluation handlers name their response views', () => {
    const config = (handler: keyof EvaluationController) =>
      Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, EvaluationController.prototype[handler]);
    expect(config('evaluate')).toEqual({ responseView: 'EvaluationView' });
    expect(config('estimate')).toEqual({ responseView: 'EstimateView' });
    expect(config('breakEven')).toEqual({ responseView: 'BreakEvenView' });
  });

  it('a route whose config names a view answers through that view (fields outside it are not written)', async () => {
    const fastify = Fastify();
    useResponseSchemas(fastify, {
      ThingView: { type: 'object', properties: { id: { type: 'string' }, size: { type: 'integer' } } },
    });
    fastify.get('/with', { config: { responseView: 'ThingView' } }, async () => ({ id: 'a', size: 2, secret: 'x' }));
    fastify.get('/without', async () => ({ id: 'a', size: 2, secret: 'x' }));
    await fastify.ready();
    expect((await fastify.inject({ url: '/with' })).json()).toEqual({ id: 'a', size: 2 });
    expect((await fastify.inject({ url: '/without' })).json()).toEqual({ id: 'a', size: 2, secret: 'x' });
    await fastify.close();
  });
  it('without the compiled writer (PERF_JSON_WRITER=false) the route writes the same bytes through fast-json-stringify', async () => {
    const components = {
      ThingView: {
        type: 'object',
        properties: { id: { type: 'string' }, label: { type: 'string' }, size: { type: 'integer' } },
      },
    };
    const answer = async () => ({ size: 2, id: 'a', label: 'é "q"', secret: 'x' });
    const bodies: string[] = [];
    for (const compiledWriter of [true, false]) {
      const fastify = Fastify();
      useResponseSchemas(fastify, components, { compiledWriter });
      fastify.get('/with', { config: { responseView: 'ThingView' } }, answer);
      await fastify.ready();
      bodies.push((await fastify.inject({ url: '/with' })).body);
      await fastify.close();
    }
    expect(bodies[0]).toBe('{"id":"a","label":"é \\"q\\"","size":2}');
    expect(bodies[1]).toBe(bodies[0]);
  });
});
