import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

/** The schema exactly as committed in schema.gql: printed from the running code, sorted. */
export function printSortedSchema(app: INestApplication): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return `# Generated from the code-first GraphQL schema by \`npm run schema:write\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
