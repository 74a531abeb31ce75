/**
 * The benchmark's inventories: `count` distinct workloads from `seed` (the ingest carries the row's number, so no
 * two rows and no two seeds repeat), mixing record sizes, consumers, retention, traffic patterns and Kafka needs
 * as an estate does. The same rows feed the batch endpoint (as CSV) and the in-process domain measurement.
 */
export function inventoryWorkloads(count: number, seed: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const n = seed + i;
    rows.push({
      id: `stream-${n}`,
      ingestGbPerDay: Number((1 + (n % 997) * 2.5 + (n % 1000) / 1000).toFixed(3)),
      avgRecordSizeKB: [0.5, 1, 2, 4, 8][n % 5],
      sharedConsumers: 1 + (n % 4),
      retentionHours: [24, 48, 168][n % 3],
      trafficPattern: ['STEADY', 'VARIABLE', 'UNPREDICTABLE'][n % 3],
      existingKafkaClients: n % 7 === 0,
      currentOption: ['KDS_ON_DEMAND', 'KDS_PROVISIONED', 'MSK_PROVISIONED'][n % 3],
    });
  }
  return rows;
}

const COLUMNS = [
  'id',
  'ingestGbPerDay',
  'avgRecordSizeKB',
  'sharedConsumers',
  'retentionHours',
  'trafficPattern',
  'existingKafkaClients',
  'currentOption',
];

/** The rows as an inventory CSV (header, CRLF). */
export function inventoryCsv(rows: Record<string, unknown>[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => String(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
