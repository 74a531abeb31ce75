/**
 * API keys from the command line:
 *   npm run keys -- create --team my-team --role admin [--name "ci bot"]
 *   npm run keys -- list [--team my-team]
 *   npm run keys -- revoke --prefix <prefix>
 * Uses DATABASE_URL, or the embedded PostgreSQL (the running one of `npm start`, or starts it).
 */
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { Client } from 'pg';
import pino from 'pino';
import { ApiKeyRepository } from '../auth/api-key.repository';
import { AuthService } from '../auth/auth.service';
import { CreateKeyCommand } from '../auth/http/dto/create-api-key.dto';
import { escapeForTerminal } from '../common/text-input';
import { checkDto } from '../common/validation/dto-validation.pipe';
import { DomainError } from '../domain';
import { InfrastructureModule } from '../infrastructure/infrastructure.module';
import { ConfigError, loadConfig } from '../infrastructure/config/config';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../infrastructure/database/embedded-postgres';
import { migrateIfPending } from '../infrastructure/database/migrate';
import { Metrics } from '../infrastructure/metrics/metrics';

const USAGE = `usage:
  npm run keys -- create --team <team> --role <viewer|editor|admin> [--name <label>]
  npm run keys -- list [--team <team>]
  npm run keys -- revoke --prefix <prefix>`;

/** The command and its flags (node:util's parseArgs: an unknown flag or a flag without its value is refused). */
function commandLine(argv: string[]): {
  command?: string;
  flags: { team?: string; role?: string; name?: string; prefix?: string };
} {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      team: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      prefix: { type: 'string' },
    },
  });
  if (positionals.length > 1) throw new Error(`unexpected argument "${positionals[1]}"`);
  return { command: positionals[0], flags: values };
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const { command, flags } = commandLine(process.argv.slice(2));
  if (!command || !['create', 'list', 'revoke'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  // The check of POST /v1/api-keys and GraphQL createApiKey, plus the team; before any database is reached.
  const input =
    command === 'create'
      ? await checkDto(CreateKeyCommand, { team: flags.team, role: flags.role, name: flags.name })
      : undefined;
  const config = loadConfig();
  const logger = pino({ level: 'warn' });
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const runningUrl = `postgresql://streamfit:streamfit@127.0.0.1:${config.EMBEDDED_PG_PORT}/streamfit`;
    if (await reachable(runningUrl)) databaseUrl = runningUrl;
    else {
      embedded = await startEmbeddedPostgres(config.EMBEDDED_PG_DIR, config.EMBEDDED_PG_PORT, (m) => logger.warn(m));
      databaseUrl = embedded.url;
    }
  }
  await migrateIfPending(databaseUrl);

  @Module({
    imports: [InfrastructureModule.forRoot({ config, databaseUrl, logger, metrics: new Metrics(false) })],
    providers: [ApiKeyRepository, AuthService],
  })
  class KeysCliModule {}
  const app = await NestFactory.createApplicationContext(KeysCliModule, { logger: false });
  const auth = app.get(AuthService);
  try {
    if (command === 'create') {
      const created = await auth.createKey(input!);
      process.stdout.write(
        `Created ${created.role === 'admin' ? 'an' : 'a'} ${created.role} key for team "${created.team}" (prefix ${created.prefix}).\n` +
          `It is shown once; store it now:\n\n  ${created.key}\n\n` +
          `Use it as:  curl -H "Authorization: Bearer ${created.key}" http://localhost:${config.PORT}/v1/decision-rules\n`,
      );
    } else if (command === 'list') {
      for (const k of await auth.listKeys(flags.team)) {
        process.stdout.write(
          `${k.prefix}\t${k.team}\t${k.role}\t${k.revokedAt ? 'revoked' : 'active'}\t${k.createdAt.toISOString()}\t${escapeForTerminal(k.name ?? '')}\n`,
        );
      }
    } else {
      if (!flags.prefix) throw new Error('revoke needs --prefix');
      const revoked = await auth.revokeKey(flags.prefix);
      process.stdout.write(
        revoked
          ? `Revoked ${escapeForTerminal(flags.prefix)}\n`
          : `No active key with prefix ${escapeForTerminal(flags.prefix)}\n`,
      );
      if (!revoked) return 1;
    }
    return 0;
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // Messages can carry what was typed or configured (a flag, an environment value): printed escaped too.
    const say = (text: string) => process.stderr.write(`keys: ${text.split('\n').map(escapeForTerminal).join('\n')}\n`);
    if (e instanceof DomainError)
      say(
        `${e.message}${e.details.fields ? `: ${(e.details.fields as { message: string }[]).map((f) => f.message).join('; ')}` : ''}`,
      );
    else if (e instanceof ConfigError) say(e.message);
    else {
      say(e instanceof Error ? e.message : String(e));
      process.stderr.write(`${USAGE}\n`);
    }
    process.exit(1);
  },
);
