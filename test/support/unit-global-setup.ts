/** The unit project: no database, no Redis; only the process settings every run shares. */
export default async function unitGlobalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
}
