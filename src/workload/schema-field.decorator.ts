import { Field, Float, Int } from '@nestjs/graphql';
import { ViewProperty, type ViewPropertyOptions } from '../common/view-property';

/** The part of a JSON Schema property (as the domain declares the workload's) a GraphQL field is derived from. */
export interface JsonProperty {
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly items?: JsonProperty | { readonly anyOf: readonly JsonProperty[] };
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly default?: unknown;
  readonly description?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type GraphQLTarget = any;

interface SchemaFieldOptions {
  /** Required in the schema: a non-null GraphQL field. */
  required?: boolean;
  /** The GraphQL enums a string property with `enum` may map to: the one with exactly those values is used. */
  enums?: readonly object[];
  /** For an array of objects: the input type of one item (its fields derived by SchemaFields too). */
  item?: () => GraphQLTarget;
}

/**
 * The schema's bounds and default in words, for a description: `Range: 1..87600. Default: 24.` (empty when it
 * declares none; the default is left out when the schema's description already states it).
 */
export function boundsText(schema: JsonProperty): string {
  const parts: string[] = [];
  const { minimum: min, exclusiveMinimum: above, maximum: max } = schema;
  const said = schema.description ?? '';
  if (min !== undefined && max !== undefined) {
    if (!said.includes(`${min}..${max}`)) parts.push(`Range: ${min}..${max}.`);
  } else if (above !== undefined && max !== undefined) parts.push(`Range: > ${above}, ≤ ${max}.`);
  else if (min !== undefined) parts.push(`Range: ≥ ${min}.`);
  else if (above !== undefined) parts.push(`Range: > ${above}.`);
  if (schema.minItems !== undefined && schema.minItems === schema.maxItems) parts.push(`${schema.minItems} items.`);
  else if (schema.maxItems !== undefined) parts.push(`At most ${schema.maxItems} items.`);
  if (schema.default !== undefined && !/\bDefault\b/.test(said)) parts.push(`Default: ${String(schema.default)}.`);
  return parts.join(' ');
}

function scalarOf(schema: JsonProperty, enums: readonly object[]): GraphQLTarget {
  if (schema.enum) {
    const values = [...schema.enum].sort().join();
    const match = enums.find((e) => Object.values(e).sort().join() === values);
    if (!match) throw new Error(`no GraphQL enum registered with the values ${values}`);
    return match;
  }
  if (schema.type === 'integer') return Int;
  if (schema.type === 'number') return Float;
  if (schema.type === 'boolean') return Boolean;
  return String;
}

/**
 * One GraphQL input field derived from a JSON Schema property: its type (integer → Int, number → Float, enum →
 * the registered enum with those values, array → a list), its nullability (not required → nullable) and its
 * description (the schema's, with its bounds and default in words). The text and bounds stay declared once, in
 * the schema; the style of common/view-property.ts, for inputs.
 */
export function SchemaField(schema: JsonProperty, options: SchemaFieldOptions = {}): PropertyDecorator {
  const enums = options.enums ?? [];
  const items = schema.items && 'anyOf' in schema.items ? undefined : schema.items;
  const type =
    schema.type === 'array'
      ? () => [options.item ? options.item() : scalarOf(items ?? {}, enums)]
      : () => scalarOf(schema, enums);
  const description = [
    schema.description,
    boundsText(schema.type === 'array' ? { ...(items ?? {}), ...schema } : schema),
  ]
    .filter(Boolean)
    .join(' ');
  return Field(type, { nullable: !options.required, description: description || undefined });
}

/**
 * Every property of an object schema as a field of the decorated class, in the schema's order: adding a property to
 * the schema adds the GraphQL field. `items` names the input type of a property that is an array of objects.
 */
export function SchemaFields(
  schema: { readonly properties: Readonly<Record<string, JsonProperty>>; readonly required?: readonly string[] },
  options: { enums?: readonly object[]; items?: Readonly<Record<string, () => GraphQLTarget>> } = {},
): ClassDecorator {
  return (target) => {
    for (const [name, property] of Object.entries(schema.properties)) {
      SchemaField(property, {
        required: schema.required?.includes(name),
        enums: options.enums,
        item: options.items?.[name],
      })(target.prototype as object, name);
    }
  };
}

/**
 * A base class typed as `T`, for a class whose fields SchemaFields declares at run time (the type comes from the
 * domain's interface, the fields from its schema: neither is written again).
 */
export function typed<T extends object>(): new () => T {
  return class {} as new () => T;
}

/**
 * The view of a workload as saved (the fields the caller gave, nothing filled in): one ViewProperty per schema
 * property, in the schema's order, nullable unless required, with the GraphQL type SchemaField would give it.
 * `items` names the view of an array of objects; `options` adds a property's example or description.
 */
export function SchemaViewFields(
  schema: { readonly properties: Readonly<Record<string, JsonProperty>>; readonly required?: readonly string[] },
  config: {
    enums?: readonly object[];
    items?: Readonly<Record<string, () => GraphQLTarget>>;
    options?: Readonly<Record<string, ViewPropertyOptions>>;
  } = {},
): ClassDecorator {
  const enums = config.enums ?? [];
  return (target) => {
    for (const [name, property] of Object.entries(schema.properties)) {
      const items = property.items && 'anyOf' in property.items ? {} : (property.items ?? {});
      const item = config.items?.[name];
      const type = property.type === 'array' ? [item ? item() : scalarOf(items, enums)] : scalarOf(property, enums);
      const nullable = !schema.required?.includes(name);
      ViewProperty(type, {
        ...(nullable ? { nullable } : {}),
        ...(property.enum ? { enum: scalarOf(property, enums) as object } : {}),
        ...config.options?.[name],
      })(target.prototype as object, name);
    }
  };
}
