import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { printSortedSchema } from '../../src/graphql-support/schema-printer';
import { startTestApp } from '../support/test-app';

describe('schema.gql', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it('is exactly the schema the code builds (run `npm run schema:write` after changing the GraphQL code)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8');
    expect(printSortedSchema(app)).toBe(committed);
  });
});
