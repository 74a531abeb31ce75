# streamfit — multi-stage image: build with dev dependencies, run with production ones, as a non-root user.
# Build:  docker build -t streamfit .
# Run:    docker run -p 3000:3000 -e DATABASE_URL=postgresql://... -e REDIS_URL=redis://... streamfit
# Migrations are applied on start (prisma migrate deploy through the bundled WASM engine, no download);
# to apply them on their own: docker run --rm -e DATABASE_URL=... streamfit node node_modules/prisma/build/index.js migrate deploy
# First API key:  docker run --rm -e DATABASE_URL=... streamfit node dist/src/cli/keys.js create --team my-team --role admin

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
# The web console (vite + codegen from schema.gql) is built into dist/web by npm run build.
COPY web ./web
COPY schema.gql ./
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# The app files belong to root and are read-only for the user the service runs as.
COPY --from=build /app/package.json /app/package-lock.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY rates ./rates
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# In a container, set DATABASE_URL: the embedded PostgreSQL is for a developer's machine.
CMD ["node", "--max-semi-space-size=16", "--max-old-space-size=1024", "dist/src/main.js"]
