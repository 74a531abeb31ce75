import { ApiProperty } from '@nestjs/swagger';
import { Field, Float, GraphQLISODateTime, ID, Int } from '@nestjs/graphql';

type Scalar = typeof Float | typeof Int | typeof String | typeof Boolean | typeof ID | typeof GraphQLISODateTime;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Target = Scalar | (new (...args: any[]) => unknown) | object;

export interface ViewPropertyOptions {
  nullable?: boolean;
  /** Absent (rather than null) when there is nothing: nullable in GraphQL, not required (and not nullable) in OpenAPI. */
  optional?: boolean;
  description?: string;
  example?: unknown;
  /** For an enum registered with registerEnumType: the enum object. */
  enum?: object;
}

function openApiType(target: Target): Record<string, unknown> {
  if (target === Float) return { type: 'number' };
  if (target === Int) return { type: 'integer' };
  if (target === String || target === ID || target === GraphQLISODateTime) return { type: 'string' };
  if (target === Boolean) return { type: 'boolean' };
  return { type: target };
}

/**
 * One decorator for a field of a response view: the GraphQL field and the OpenAPI property,
 * so the two transports describe one shape from one declaration.
 */
export function ViewProperty(target: Target | [Target], options: ViewPropertyOptions = {}): PropertyDecorator {
  const isArray = Array.isArray(target);
  const inner = isArray ? target[0] : target;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const gqlType = () => (isArray ? [inner] : inner) as any;
  const field = Field(gqlType, {
    nullable: options.nullable || options.optional,
    description: options.description,
  });
  const api = ApiProperty({
    ...(options.enum ? { enum: options.enum } : openApiType(inner)),
    isArray,
    required: !(options.nullable || options.optional),
    nullable: options.nullable || undefined,
    description: options.description,
    example: options.example,
  } as never);
  return (proto, key) => {
    field(proto, key);
    api(proto, key);
  };
}
