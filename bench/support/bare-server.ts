/**
 * The baseline: a bare Fastify route that validates the same request body with the same JSON schema
 * (Fastify's compiled Ajv) and answers with the same response bytes streamfit gives for it.
 * Prints one JSON line {port, pid} when ready.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { EVALUATION_REQUEST_SCHEMA } from '../../src/workload';

async function main(): Promise<void> {
  const responseBytes = readFileSync(process.env.BENCH_RESPONSE_FILE!, 'utf8');
  // strict: false — the request schema puts `default`s inside `anyOf` branches (deliverTo), which Ajv's strict mode
  // refuses to compile; streamfit itself checks bodies with its own compiled check, not Ajv.
  const app = Fastify({ logger: false, ajv: { customOptions: { strict: false } } });
  const { examples: _examples, title: _title, ...schema } = EVALUATION_REQUEST_SCHEMA;
  app.post('/v1/evaluations', { schema: { body: schema } }, async (_request, reply) => {
    return reply.header('content-type', 'application/json; charset=utf-8').send(responseBytes);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, pid: process.pid })}\n`,
  );
}
void main();
