// Run TypeScript directly (scripts, benchmarks, the test that starts src/main.ts): @swc-node/register,
// plus resolving the generated Prisma client's './x.js' imports to their './x.ts' sources.
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  try {
    return resolve.call(this, request, parent, ...rest);
  } catch (error) {
    if (request.startsWith('.') && request.endsWith('.js'))
      return resolve.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
    throw error;
  }
};
require('@swc-node/register');
