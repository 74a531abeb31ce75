/**
 * Thin wrapper over the AWS Price List Query API (GetProducts). No Nest: the lead wraps it in a provider.
 * Throttling and 5xx are retried by the SDK's own retry middleware (standard mode, bounded attempts);
 * whatever is left surfaces as the SDK's error.
 */
import { GetProductsCommand, PricingClient, type Filter } from '@aws-sdk/client-pricing';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import {
  DATA_TRANSFER_PRODUCT_FAMILY,
  DYNAMODB_ON_DEMAND_PRODUCT_FAMILY,
  FIREHOSE_PRODUCT_FAMILY,
  LAMBDA_PRODUCT_FAMILY,
  KINESIS_PRODUCT_FAMILY,
  MSK_PRODUCT_FAMILY,
  interRegionReferenceTarget,
  PRICE_LIST_SERVICE_CODES,
  type PriceListServiceCode,
} from '../../domain';

export interface PriceListClientOptions {
  /** e.g. `http://127.0.0.1:4566` for a local server; default: the AWS endpoint of `region`. */
  endpoint?: string;
  /** API region (where the Price List API is served), not the priced region. Default us-east-1. */
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Total attempts per GetProducts call, first one included. Default 5. */
  maxAttempts?: number;
  /** Base delay of the exponential retry backoff in ms (attempt n waits base × 2^(n-1), capped at 20 s). Default 100. */
  retryBaseDelayMs?: number;
  /** Socket / request timeout per attempt in ms. Default 10,000. */
  requestTimeoutMs?: number;
  /** Page size (GetProducts MaxResults, at most 100). Default 100. */
  pageSize?: number;
}

export interface FetchProductsResult {
  /** Raw PriceList elements (JSON strings) exactly as returned. */
  documents: string[];
  pages: number;
}

export interface FetchRegionResult {
  regionCode: string;
  documents: string[];
  pages: number;
  byService: Record<PriceListServiceCode, FetchProductsResult>;
}

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

/**
 * GetProducts filters per service. AWSDataTransfer has no regionCode (fromRegionCode / toRegionCode) and
 * thousands of products: only the inter-region outbound rate to the reference target is asked for.
 */
export function priceListFilters(serviceCode: PriceListServiceCode, regionCode: string): Filter[] {
  switch (serviceCode) {
    case 'AmazonKinesis':
      return [term('regionCode', regionCode), term('productFamily', KINESIS_PRODUCT_FAMILY)];
    case 'AmazonMSK':
      return [term('regionCode', regionCode), term('productFamily', MSK_PRODUCT_FAMILY)];
    case 'AmazonKinesisFirehose':
      return [term('regionCode', regionCode), term('productFamily', FIREHOSE_PRODUCT_FAMILY)];
    case 'AmazonDynamoDB':
      return [term('regionCode', regionCode), term('productFamily', DYNAMODB_ON_DEMAND_PRODUCT_FAMILY)];
    case 'AWSLambda':
      return [term('regionCode', regionCode), term('productFamily', LAMBDA_PRODUCT_FAMILY)];
    case 'AWSDataTransfer':
      return [
        term('fromRegionCode', regionCode),
        term('toRegionCode', interRegionReferenceTarget(regionCode)),
        term('transferType', 'InterRegion Outbound'),
        term('productFamily', DATA_TRANSFER_PRODUCT_FAMILY),
      ];
  }
}

const MAX_BACKOFF_MS = 20_000;

/**
 * The SDK hands PriceList elements back as boxed strings (`LazyJsonString`, a String subclass) — never decode
 * them here: the raw text goes to the pure parser, which reports garbage instead of throwing.
 */
function priceListElements(priceList: unknown): string[] {
  if (!Array.isArray(priceList)) return [];
  return priceList.map((element: unknown) =>
    typeof element === 'string' || element instanceof String ? String(element) : JSON.stringify(element),
  );
}

export class PriceListClient {
  private readonly client: PricingClient;
  private readonly pageSize: number;

  constructor(options: PriceListClientOptions = {}) {
    const maxAttempts = options.maxAttempts ?? 5;
    const base = options.retryBaseDelayMs ?? 100;
    const timeout = options.requestTimeoutMs ?? 10_000;
    this.pageSize = Math.min(Math.max(options.pageSize ?? 100, 1), 100);
    this.client = new PricingClient({
      region: options.region ?? 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      maxAttempts,
      retryMode: 'standard',
      retryStrategy: new ConfiguredRetryStrategy(maxAttempts, (attempt: number) =>
        Math.min(base * 2 ** Math.max(attempt - 1, 0), MAX_BACKOFF_MS),
      ),
      requestHandler: { connectionTimeout: timeout, requestTimeout: timeout },
    });
  }

  /** Every product of a service in one priced region, following NextToken through all pages. */
  async fetchProducts(serviceCode: PriceListServiceCode, regionCode: string): Promise<FetchProductsResult> {
    const filters = priceListFilters(serviceCode, regionCode);
    const documents: string[] = [];
    let pages = 0;
    let nextToken: string | undefined;
    do {
      const output = await this.client.send(
        new GetProductsCommand({
          ServiceCode: serviceCode,
          Filters: filters,
          FormatVersion: 'aws_v1',
          MaxResults: this.pageSize,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      pages += 1;
      for (const element of priceListElements(output.PriceList)) documents.push(element);
      nextToken = output.NextToken || undefined;
    } while (nextToken);
    return { documents, pages };
  }

  /** Every service's documents for one priced region (fetched concurrently). */
  async fetchRegion(regionCode: string): Promise<FetchRegionResult> {
    // allSettled, not all: a failed refresh returns only when no sibling request is still running or retrying.
    const settled = await Promise.allSettled(
      PRICE_LIST_SERVICE_CODES.map((code) => this.fetchProducts(code, regionCode)),
    );
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const results = (settled as Array<PromiseFulfilledResult<FetchProductsResult>>).map((r) => r.value);
    const byService = Object.fromEntries(PRICE_LIST_SERVICE_CODES.map((code, i) => [code, results[i]])) as Record<
      PriceListServiceCode,
      FetchProductsResult
    >;
    return {
      regionCode,
      documents: results.flatMap((r) => r.documents),
      pages: results.reduce((sum, r) => sum + r.pages, 0),
      byService,
    };
  }

  destroy(): void {
    this.client.destroy();
  }
}
