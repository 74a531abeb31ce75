import { DomainError } from '../../domain';

/** Errors that mean "the database is not there", as opposed to a bad query. */
const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database|the database system is (starting up|shutting down)|terminating connection|server closed the connection|DatabaseNotReachable|Client has encountered a connection error/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const anyE = e as { message?: unknown; code?: unknown; cause?: unknown; meta?: unknown; kind?: unknown };
    const text = `${String(anyE.message ?? '')} ${String(anyE.code ?? '')} ${String(anyE.kind ?? '')} ${JSON.stringify(anyE.meta ?? '')}`;
    if (UNAVAILABLE.test(text) || anyE.code === 'P1001' || anyE.code === 'P1017' || anyE.code === 'P2024') return true;
    e = anyE.cause;
  }
  return false;
}

/** Run a database call; "database unreachable" becomes a DEPENDENCY_UNAVAILABLE domain error (503). */
export async function guardDatabase<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      throw new DomainError(
        'DEPENDENCY_UNAVAILABLE',
        'The scenario store (PostgreSQL) is unavailable right now; try again shortly. Evaluations and estimates keep working.',
        { dependency: 'postgresql' },
      );
    }
    throw error;
  }
}
