import type { OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, unknown>;

const COMPONENT = '#/components/schemas/';

/**
 * Request bodies inline, as the evaluation routes already write theirs: a request DTO (@ApiDtoBody) is written into
 * the operation and leaves `components` when nothing else names it. A generator reads `components` as answers:
 * openapi-typescript makes every property with a `default` required there (the server fills it in an answer), so a
 * scenario's workload would have demanded region, retentionHours and the rest that the server defaults.
 */
export function inlineRequestBodies(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
  const inlined = new Set<string>();
  for (const methods of Object.values(document.paths))
    for (const op of Object.values(methods as Record<string, Json>)) {
      const content = (op?.requestBody as { content?: Record<string, { schema?: Json }> } | undefined)?.content;
      for (const media of Object.values(content ?? {})) {
        const schema = media.schema;
        const allOf = schema?.allOf as Json[] | undefined;
        const ref = (allOf?.length === 1 ? allOf[0].$ref : schema?.$ref) as string | undefined;
        if (!schema || typeof ref !== 'string' || !ref.startsWith(COMPONENT)) continue;
        const name = ref.slice(COMPONENT.length);
        const { allOf: _allOf, $ref: _ref, ...rest } = schema;
        media.schema = { ...structuredClone(schemas[name]), ...rest };
        inlined.add(name);
      }
    }
  const text = JSON.stringify({ paths: document.paths, schemas });
  for (const name of inlined) if (!text.includes(`"${COMPONENT}${name}"`)) delete schemas[name];
}
