/**
 * Driver adapter used ONLY by the Prisma CLI (migrate deploy/diff/status) so that Prisma 6.19's
 * bundled WASM schema engine works against a real PostgreSQL server with no engine download.
 * See ../../shared/reference/prisma-notes.md for the four problems it fixes:
 *  1. pg_catalog `name` (OID 19) and `"char"` (OID 18) columns: reported as Text and Character.
 *  2. the shadow database must be reached with discrete connection fields, not a URL.
 *  3. shadow clean-up: close the pool first, then drop the database.
 *  4. no lingering: the pool exits on idle.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { randomUUID } from 'node:crypto';

const OID_CHAR = 18;
const OID_NAME = 19;
const OID_TEXT = 25;

interface PgField {
  name: string;
  dataTypeID: number;
}
interface PgResult {
  fields: PgField[];
  rows: unknown[][];
}
type Queryable = {
  performIO(query: unknown): Promise<PgResult>;
  queryRaw(query: unknown): Promise<{ columnTypes: number[]; rows: unknown[][] }>;
};

const charColumns = new WeakMap<unknown[][], number[]>();
const patched = new WeakSet<object>();

/** Patch the shared PgQueryable prototype (adapter and its transactions) once. */
function patchQueryable(instance: object): void {
  let proto = Object.getPrototypeOf(instance) as object | null;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'performIO')) proto = Object.getPrototypeOf(proto);
  if (!proto || patched.has(proto)) return;
  patched.add(proto);
  const q = proto as Queryable;
  const performIO = q.performIO;
  const queryRaw = q.queryRaw;
  q.performIO = async function (this: Queryable, query: unknown) {
    const result = await performIO.call(this, query);
    // A multi-statement script yields an array of results and no field list.
    if (!Array.isArray(result.fields)) return result;
    const chars: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === OID_CHAR) chars.push(i);
      if (field.dataTypeID === OID_CHAR || field.dataTypeID === OID_NAME) field.dataTypeID = OID_TEXT;
    });
    if (chars.length > 0) charColumns.set(result.rows, chars);
    return result;
  };
  q.queryRaw = async function (this: Queryable, query: unknown) {
    const result = await queryRaw.call(this, query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}

interface PgConfig {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  allowExitOnIdle: true;
}

export function pgConfigFromUrl(url: string): PgConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || '127.0.0.1',
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || 'postgres',
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    allowExitOnIdle: true,
  };
}

export function cliAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const config = pgConfigFromUrl(url);
  const base = new PrismaPg(config);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await base.connect();
      patchQueryable(adapter);
      return adapter;
    },
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const main = await factory.connect();
      const database = `prisma_shadow_${randomUUID().replace(/-/g, '')}`;
      await main.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = await new PrismaPg({ ...config, database }).connect();
      patchQueryable(shadow);
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await main.dispose();
      };
      return shadow;
    },
  };
  return factory;
}
