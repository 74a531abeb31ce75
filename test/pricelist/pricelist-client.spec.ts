import { PRICE_LIST_SERVICE_CODES } from '../../src/domain/pricelist/price-list-document';
import { buildRateCard, expectedRateKeys } from '../../src/domain/pricelist/build-rate-card';
import { PriceListClient } from '../../src/infrastructure/aws/pricelist.client';
import { bundledRateCard } from '../../src/infrastructure/aws/bundled-rates';
import { PriceListServer, GET_PRODUCTS_TARGET } from '../support/pricelist-server';
import {
  allRaw,
  bundledSnapshotDocuments,
  countServed,
  realisticPriceList,
  serveAll,
  toRawElements,
} from '../support/pricelist-fixtures';

const CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' };

describe('PriceListClient (real @aws-sdk/client-pricing) against the local Price List server', () => {
  const server = new PriceListServer();
  const list = realisticPriceList();
  const served = countServed(list, 'us-east-1');
  let client: PriceListClient;

  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    serveAll(server, list);
    client = new PriceListClient({
      endpoint: server.endpoint,
      credentials: CREDENTIALS,
      maxAttempts: 3,
      retryBaseDelayMs: 1,
    });
  });
  afterEach(() => client.destroy());

  it('fetches every document of a region across many pages', async () => {
    expect(served.AmazonKinesis + served.AmazonMSK).toBeGreaterThanOrEqual(2_000);
    const result = await client.fetchProducts('AmazonKinesis', 'us-east-1');
    expect(result.pages).toBe(Math.ceil(served.AmazonKinesis / 100));
    expect(result.documents).toHaveLength(served.AmazonKinesis);
    const expected = list.AmazonKinesis.filter(
      (d) => d.product.attributes.regionCode === 'us-east-1' && d.product.productFamily === 'Kinesis Streams',
    ).map((d) => d.product.sku);
    expect(result.documents.map((raw) => JSON.parse(raw).product.sku)).toEqual(expected);
  });

  it('sends the filters, format and page size, and follows the opaque NextToken', async () => {
    await client.fetchProducts('AmazonMSK', 'us-east-1');
    const calls = server.requests;
    expect(calls.every((c) => c.target === GET_PRODUCTS_TARGET && c.status === 200 && c.maxResults === 100)).toBe(true);
    expect(calls[0].filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Managed Streaming for Apache Kafka (MSK)' },
    ]);
    expect(calls.map((c) => c.offset)).toEqual(calls.map((_, i) => i * 100));
    expect(calls[0].nextToken).toBeUndefined();
    expect(calls[1].nextToken).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(calls[1].nextToken).not.toContain('100');
  });

  it('fetches both services of a region and builds the same rates as the bundled snapshot', async () => {
    const region = await client.fetchRegion('us-east-1');
    expect(region.documents).toHaveLength(served.total);
    expect(region.pages).toBe(
      PRICE_LIST_SERVICE_CODES.reduce((pages, code) => pages + Math.max(1, Math.ceil(served[code] / 100)), 0),
    );
    const { card, missing } = buildRateCard({
      region: 'us-east-1',
      documents: region.documents,
      fetchedAt: 'now',
      source: 'AWS_PRICE_LIST',
    });
    expect(missing).toEqual([]);
    const bundled = bundledRateCard('us-east-1')!;
    for (const key of expectedRateKeys()) expect(card.rates[key].usdPerUnit).toBe(bundled.rates[key].usdPerUnit);
  });

  it('retries a throttled page and succeeds: the server saw 3 calls for that page', async () => {
    server.setDocuments('AmazonKinesis', bundledSnapshotDocuments().AmazonKinesis);
    server.throttleNext(2);
    const result = await client.fetchProducts('AmazonKinesis', 'us-east-1');
    expect(result).toEqual({ documents: toRawElements(bundledSnapshotDocuments().AmazonKinesis), pages: 1 });
    const calls = server.callsForPage('AmazonKinesis', 0);
    expect(calls.map((c) => [c.status, c.errorType])).toEqual([
      [400, 'ThrottlingException'],
      [400, 'ThrottlingException'],
      [200, undefined],
    ]);
  });

  it('retries a throttled page in the middle of a multi-page fetch without losing or repeating documents', async () => {
    const first = await client.fetchProducts('AmazonMSK', 'us-east-1');
    server.reset();
    server.throttlePage('AmazonMSK', 500, 1);
    const second = await client.fetchProducts('AmazonMSK', 'us-east-1');
    expect(second).toEqual(first);
    expect(server.callsForPage('AmazonMSK', 500).map((c) => c.status)).toEqual([400, 200]);
    expect(server.requests).toHaveLength(first.pages + 1);
  });

  it('surfaces a persistent failure after maxAttempts calls', async () => {
    server.failNext(100, 503);
    await expect(client.fetchProducts('AmazonKinesis', 'us-east-1')).rejects.toMatchObject({
      name: 'ServiceUnavailableException',
      $metadata: expect.objectContaining({ httpStatusCode: 503, attempts: 3 }),
    });
    expect(server.requests).toHaveLength(3);
  });

  it('surfaces persistent throttling as ThrottlingException after maxAttempts', async () => {
    server.throttleNext(100);
    await expect(client.fetchProducts('AmazonMSK', 'us-east-1')).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(server.callsForPage('AmazonMSK', 0)).toHaveLength(3);
  });

  it('delivers garbage elements raw; buildRateCard skips exactly those', async () => {
    const docs = bundledSnapshotDocuments();
    serveAll(server, docs);
    server.injectGarbage('AmazonMSK', ['{"product":{"sku":"PARTIAL', 'not json at all']);
    const region = await client.fetchRegion('us-east-1');
    expect(region.documents).toHaveLength(allRaw(docs).length + 2);
    expect(region.byService.AmazonMSK.documents.slice(-2)).toEqual(['{"product":{"sku":"PARTIAL', 'not json at all']);
    const { card, skipped, missing } = buildRateCard({
      region: 'us-east-1',
      documents: region.documents,
      fetchedAt: 'now',
      source: 'AWS_PRICE_LIST',
    });
    expect(skipped.map((s) => s.reason)).toEqual(['INVALID_JSON', 'INVALID_JSON']);
    expect(missing).toEqual([]);
    expect(card.contentHash).toBe(
      buildRateCard({ region: 'us-east-1', documents: allRaw(docs), fetchedAt: 'x', source: 'AWS_PRICE_LIST' }).card
        .contentHash,
    );
  });

  it('filters by regionCode: a region with prefixed usage types only returns its own documents', async () => {
    const result = await client.fetchProducts('AmazonKinesis', 'us-east-2');
    const skus = result.documents.map((raw) => JSON.parse(raw).product.attributes.regionCode);
    expect(new Set(skus)).toEqual(new Set(['us-east-2']));
    expect(
      result.documents.some((raw) => JSON.parse(raw).product.attributes.usagetype === 'USE2-Storage-ShardHour'),
    ).toBe(true);
  });
});

describe('local Price List server protocol', () => {
  const server = new PriceListServer();
  beforeAll(async () => {
    await server.start();
    server.setDocuments('AmazonKinesis', bundledSnapshotDocuments().AmazonKinesis);
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (target: string, body: unknown) =>
    fetch(`${server.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body: JSON.stringify(body),
    });

  it('answers an unknown target with 400 UnknownOperationException', async () => {
    const response = await post('AWSPriceListService.DescribeServices', {});
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('rejects a forged NextToken', async () => {
    const forged = Buffer.from('AmazonKinesis:5:abc').toString('base64url');
    const response = await post(GET_PRODUCTS_TARGET, { ServiceCode: 'AmazonKinesis', NextToken: forged });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'InvalidNextTokenException' });
  });

  it('answers throttling with the AWS error shape and header', async () => {
    server.throttleNext(1);
    const response = await post(GET_PRODUCTS_TARGET, { ServiceCode: 'AmazonKinesis' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toEqual({ __type: 'ThrottlingException', message: 'Rate exceeded' });
  });

  it('pages with MaxResults and applies TERM_MATCH filters', async () => {
    const first = await post(GET_PRODUCTS_TARGET, {
      ServiceCode: 'AmazonKinesis',
      FormatVersion: 'aws_v1',
      MaxResults: 5,
      Filters: [{ Type: 'TERM_MATCH', Field: 'operation', Value: 'shardHourStorage' }],
    });
    const body = (await first.json()) as { FormatVersion: string; PriceList: string[]; NextToken?: string };
    expect(body.FormatVersion).toBe('aws_v1');
    expect(body.PriceList.map((raw) => JSON.parse(raw).product.attributes.usagetype).sort()).toEqual([
      'Extended-ShardHour',
      'Storage-ShardHour',
    ]);
    expect(body.NextToken).toBeUndefined();
  });

  it('applies a response delay', async () => {
    server.delayMs = 50;
    const started = Date.now();
    await post(GET_PRODUCTS_TARGET, { ServiceCode: 'AmazonKinesis', MaxResults: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    server.delayMs = 0;
  });
});
