import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fastJsonStringify from 'fast-json-stringify';
import { compileJsonWriter, type JsonWriter } from './json-writer';

type Schema = Record<string, unknown>;

/**
 * A serialization schema for Fastify (fast-json-stringify) from an OpenAPI component, so JSON answers
 * are written from the same response views that document them (and GraphQL serves). References are
 * inlined. `required` is dropped and integers are written as numbers, so the serializer never rejects
 * or truncates a value the domain produced; it only writes faster than JSON.stringify.
 */
export function serializationSchema(components: Record<string, unknown>, name: string): Schema {
  const resolve = (node: unknown, depth: number): unknown => {
    if (depth > 32) throw new Error(`response schema ${name} nests too deeply`);
    if (Array.isArray(node)) return node.map((n) => resolve(n, depth + 1));
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Schema;
    if (typeof obj.$ref === 'string') {
      const target = components[obj.$ref.replace('#/components/schemas/', '')];
      if (!target) throw new Error(`unresolved ${obj.$ref}`);
      return resolve(target, depth + 1);
    }
    if (Array.isArray(obj.allOf) && obj.allOf.length === 1) {
      const inner = resolve(obj.allOf[0], depth + 1) as Schema;
      return obj.nullable ? { ...inner, nullable: true } : inner;
    }
    const out: Schema = {};
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'required' || key === 'example' || key === 'description') continue;
      if (key === 'type' && value === 'integer') out.type = 'number';
      else if (key === 'properties')
        out.properties = Object.fromEntries(
          Object.entries(value as Schema).map(([p, s]) => [p, resolve(s, depth + 1)]),
        );
      else out[key] = resolve(value, depth + 1);
    }
    return out;
  };
  return resolve({ $ref: `#/components/schemas/${name}` }, 0) as Schema;
}

/**
 * The serializer of one response schema: the compiled JSON writer (json-writer.ts: remembers the escaped
 * static strings of an answer), falling back to fast-json-stringify — Fastify's own serializer — for any
 * value or schema it does not take, so the bytes are fast-json-stringify's either way.
 */
export function responseWriter(schema: Schema): JsonWriter {
  const general = fastJsonStringify(schema) as (value: unknown) => string;
  try {
    return compileJsonWriter(schema, general).write;
  } catch {
    return general;
  }
}

/**
 * Route metadata on the handler (Fastify route config through Nest's @RouteConfig): the 200 answer is written
 * by the compiled JSON writer (responseWriter) from this OpenAPI component (the view class the handler documents).
 */
export const SerializeWith = (view: string) => RouteConfig({ responseView: view });

/** Attach the serialization schemas the handlers ask for (@SerializeWith) as Nest registers the routes (before app.init()). */
export function useResponseSchemas(
  fastify: FastifyInstance,
  components: Record<string, unknown>,
  { compiledWriter = true }: { compiledWriter?: boolean } = {},
): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const view = (route.config as { responseView?: unknown } | undefined)?.responseView;
    if (typeof view === 'string') {
      route.schema = { ...(route.schema ?? {}), response: { 200: serializationSchema(components, view) } };
      // Fastify sends what a serializer returns as it is: a Buffer (the writer's) or a string (the fallback's).
      // PERF_JSON_WRITER=false: fast-json-stringify alone (the same bytes; npm run bench measures the writer on and off).
      route.serializerCompiler = ({ schema }) =>
        (compiledWriter ? responseWriter(schema as Schema) : fastJsonStringify(schema as Schema)) as (
          data: unknown,
        ) => string;
    }
  });
}
