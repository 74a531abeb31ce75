import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';

/** GraphiQL 3 + React 18 UMD bundles, served from node_modules so the IDE works with no internet. */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'application/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'application/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'application/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};
export const IDE_ASSET_PREFIX = '/graphql-ide/';

function assetPath(pkg: string, file: string): string {
  // The UMD files are not in the packages' `exports`: resolve package.json and join the path.
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/**
 * Starts GraphiQL on the page's #ide element, with the endpoint from its data-endpoint attribute. A file, not an
 * inline script, so the Content-Security-Policy can stay `script-src 'self'`.
 */
const START_SCRIPT = `(function () {
  var el = document.getElementById('ide');
  var fetcher = GraphiQL.createFetcher({ url: el.getAttribute('data-endpoint') });
  ReactDOM.createRoot(el).render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultHeaders: '{ "Authorization": "Bearer <your API key>" }',
    defaultQuery: '# streamfit: paste your API key in the headers below, then run\\nquery { decisionRules { id question outcome } }\\n'
  }));
})();
`;

export function registerIdeAssets(fastify: FastifyInstance): void {
  fastify.get(`${IDE_ASSET_PREFIX}start.js`, async (_request, reply) =>
    reply
      .header('content-type', 'application/javascript')
      .header('cache-control', 'public, max-age=86400')
      .send(START_SCRIPT),
  );
  const cache = new Map<string, Buffer>();
  for (const [name, asset] of Object.entries(ASSETS)) {
    fastify.get(`${IDE_ASSET_PREFIX}${name}`, async (_request, reply) => {
      let body = cache.get(name);
      if (!body) {
        body = readFileSync(assetPath(asset.pkg, asset.file));
        cache.set(name, body);
      }
      return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=86400').send(body);
    });
  }
}

export function ideHtml(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><title>streamfit GraphQL</title>
<link rel="stylesheet" href="${IDE_ASSET_PREFIX}graphiql.css">
<style>html,body,#ide{height:100%;margin:0}</style>
</head>
<body>
<div id="ide" data-endpoint="${endpoint.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"></div>
<script src="${IDE_ASSET_PREFIX}react.js"></script>
<script src="${IDE_ASSET_PREFIX}react-dom.js"></script>
<script src="${IDE_ASSET_PREFIX}graphiql.js"></script>
<script src="${IDE_ASSET_PREFIX}start.js"></script>
</body>
</html>`;
}

/** Apollo landing page: the offline GraphiQL page above (GET /graphql from a browser). */
export function offlineIdePlugin(endpoint: string): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: ideHtml(endpoint) };
        },
      };
    },
  };
}
