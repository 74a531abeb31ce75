/** README "The decision guide's own example" as a REST workload: 100 GB/day, two consumers, steady, 24 h, MSK on m5. */
export const GUIDE_WORKLOAD = {
  ingestGbPerDay: 100,
  avgRecordSizeKB: 1,
  sharedConsumers: 2,
  retentionHours: 24,
  trafficPattern: 'STEADY',
  activeHoursPerDay: 24,
  mskBrokerFamily: 'm5',
} as const;
