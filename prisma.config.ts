/**
 * Prisma CLI configuration: migrations run through the bundled WASM schema engine and a
 * driver adapter (prisma/cli-adapter.ts), so no native engine is ever downloaded.
 */
import { defineConfig } from 'prisma/config';
import { cliAdapterFactory } from './prisma/cli-adapter';

// `prisma generate` without a reachable database would fall back to downloading the library
// engine; pointing these at any existing file stops that (the client is Rust-free anyway).
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= process.execPath;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
// The WASM engine arms timers it never clears; let the CLI exit when its work is done.
const arm = globalThis.setTimeout;
globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
  const timer = arm(...args);
  timer.unref?.();
  return timer;
}) as typeof setTimeout;

const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/streamfit';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => cliAdapterFactory(databaseUrl),
});
