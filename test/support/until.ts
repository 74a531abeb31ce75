/** Polls `probe` every 100 ms until `ok` holds or the deadline passes; returns the last answer (the test asserts on it). */
export async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}
