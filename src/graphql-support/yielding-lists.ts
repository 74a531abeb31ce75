import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';

/** List fields that can hold thousands of objects (a break-even series holds one point per step, up to 1,000). */
export const LARGE_LIST_FIELDS: ReadonlyArray<readonly [type: string, field: string]> = [['BreakEvenSeries', 'points']];
/** Items completed per turn of the event loop. */
export const LIST_CHUNK = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** One chain per operation (keyed on its context), so the chunks of all its large lists take turns one by one. */
const chains = new WeakMap<object, Promise<void>>();

/**
 * graphql-js completes a list of plain objects in one synchronous pass: 6 series × 1,000 points stalled the event
 * loop for hundreds of ms. Here the items of large lists are handed over in chunks of LIST_CHUNK, each on its own
 * turn of the event loop, so health checks and other requests are served in between. Answers are unchanged.
 */
export function yieldInLargeLists(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, fieldName] of LARGE_LIST_FIELDS) {
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) continue;
    const resolve: GraphQLFieldResolver<unknown, object> = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: object, info) => {
      const value: unknown = resolve(source, args, context, info);
      if (!Array.isArray(value) || value.length <= LIST_CHUNK) return value;
      const items: unknown[] = value;
      let chain = chains.get(context) ?? Promise.resolve();
      const out: Promise<unknown>[] = new Array(items.length);
      for (let start = 0; start < items.length; start += LIST_CHUNK) {
        chain = chain.then(nextTurn);
        const turn = chain;
        for (let i = start; i < Math.min(start + LIST_CHUNK, items.length); i++) out[i] = turn.then(() => items[i]);
      }
      chains.set(context, chain);
      return out;
    };
  }
  return schema;
}
