// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**', 'web/src/generated/**', 'coverage/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'No focused tests.' },
        { object: 'describe', property: 'only', message: 'No focused tests.' },
        { object: 'it', property: 'skip', message: 'A skipped test is a failing promise.' },
        { object: 'describe', property: 'skip', message: 'A skipped test is a failing promise.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fit', message: 'No focused tests.' },
        { name: 'fdescribe', message: 'No focused tests.' },
        { name: 'xit', message: 'No skipped tests.' },
        { name: 'xdescribe', message: 'No skipped tests.' },
      ],
    },
  },
  {
    // The domain is pure: no framework, no database, no cache, no validation library, no I/O.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                '@prisma/*',
                'prisma',
                'redis',
                'class-validator',
                'class-transformer',
                'fastify',
                '@aws-sdk/*',
                'pg',
                'pino',
                'graphql',
                'ajv',
              ],
              message: 'src/domain is pure TypeScript: no framework, database, cache or I/O imports.',
            },
            {
              group: ['node:fs', 'node:http', 'node:net', 'fs', 'http', 'net', 'node:child_process', 'child_process'],
              message: 'src/domain does no I/O.',
            },
            {
              group: ['../infrastructure/*', '../../infrastructure/*', '**/generated/*'],
              message: 'src/domain must not depend on infrastructure.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/domain must not read the environment.' },
        { name: 'fetch', message: 'src/domain does no I/O.' },
      ],
    },
  },
  {
    // One validated config: process.env is read in config.ts (and by tooling), nowhere else.
    files: ['src/**/*.ts'],
    ignores: ['src/infrastructure/config/config.ts', 'src/domain/**', 'src/infrastructure/database/migrate.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through AppConfig (src/infrastructure/config/config.ts).',
        },
      ],
    },
  },
  {
    // One door into the domain: application code outside src/domain imports it only through src/domain/index.ts.
    // (Tests, benches and scripts may import a domain module directly: they test or feed that module itself. The
    // web console imports the pure modules it needs, src/domain/workload.ts and options.ts, to keep its bundle small.)
    files: ['src/**/*.ts'],
    ignores: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\.?/)+(.*/)?domain/.+',
              message: 'Import the domain through its barrel (src/domain/index.ts), e.g. `from "../domain"`.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', 'jest.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
