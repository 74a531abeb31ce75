/** One streamfit replica for the price-watch benchmark and the replica-kill test: the whole app, listening on port 0. */
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/infrastructure/config/config';
import { JobQueue } from '../../src/price-watch/job-queue';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp({ config, databaseUrl: config.DATABASE_URL!, logger: pino({ level: config.LOG_LEVEL }) });
  await app.listen(0, '127.0.0.1');
  if (!(await app.get(JobQueue).ready(60000))) throw new Error('job queue did not start');
  process.stdout.write(`ready ${(app.getHttpServer().address() as { port: number }).port}\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
