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
});
