import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export const OPTION_FIELDS = `option service label eligible rank priced missingRates monthlyCostUsd assumptions
  disqualifiedBy { code message }
  lineItems { code description quantity unit unitPriceUsd monthlyCostUsd usageType rateKey rateSource }
  sizing { boundBy shards brokers brokerType storageGbPerBroker totalStorageGb partitions onDemandWriteCapacityMBps efoConsumers }
  monthlyCostBandUsd { low expected high }
  risks { code message threshold unit peakUtilizationPercent }`;
export const ROBUSTNESS_FIELDS = `volumeRange { low high } holds holdsFromMultiplier holdsToMultiplier summary
  changes { direction atMultiplier ingestGbPerDay peakWriteMBps from to }`;
export const RATE_CARD_REF_FIELDS =
  'id region source priceListVersion publicationDate fetchedAt contentHash stale sourceLabel discountPercent overriddenRateKeys';

export async function gql(
  app: INestApplication,
  authorization: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
) {
  const req = request(app.getHttpServer()).post('/graphql');
  if (authorization) req.set('authorization', authorization);
  return req.send({ query, variables });
}
