/**
 * Decoding of one AWS Price List `GetProducts` element (a JSON string, FormatVersion aws_v1).
 * Pure: never throws, never does I/O. Only `terms.OnDemand` is read; Kinesis and MSK have no Reserved terms.
 */
import { isObject } from '../field-checks';

export type PriceListServiceCode =
  'AmazonKinesis' | 'AmazonMSK' | 'AmazonKinesisFirehose' | 'AWSDataTransfer' | 'AmazonDynamoDB' | 'AWSLambda';

/** The raw, decoded shape of one PriceList element (only the fields streamfit reads are typed). */
export interface PriceListDocument {
  product: {
    productFamily?: string;
    sku: string;
    attributes: Record<string, string>;
  };
  serviceCode: string;
  terms: {
    OnDemand?: Record<string, PriceListOnDemandTerm>;
    [termType: string]: unknown;
  };
  version: string;
  publicationDate: string;
}

export interface PriceListOnDemandTerm {
  offerTermCode: string;
  sku: string;
  effectiveDate: string;
  termAttributes: Record<string, string>;
  priceDimensions: Record<string, PriceListPriceDimension>;
}

export interface PriceListPriceDimension {
  rateCode: string;
  unit: string;
  beginRange: string;
  endRange: string;
  description: string;
  appliesTo: string[];
  pricePerUnit: Record<string, string>;
}

/** A decoded element reduced to what the rate mapping needs: the product and its single on-demand USD price. */
export interface ParsedPriceListProduct {
  sku: string;
  serviceCode: string;
  productFamily: string;
  attributes: Readonly<Record<string, string>>;
  usageType: string;
  operation: string;
  regionCode: string;
  price: {
    rateCode: string;
    unit: string;
    /** Decimal string exactly as published, e.g. "0.0150000000". */
    usd: string;
    description: string;
    effectiveDate: string;
    /** Set when the published price is tiered and the first tier was taken: where that tier ends (e.g. "512000"). */
    firstTierEndRange?: string;
  };
  version: string;
  publicationDate: string;
}

export const PARSE_FAILURE_REASONS = [
  'INVALID_JSON',
  'NOT_AN_OBJECT',
  'MISSING_PRODUCT',
  'MISSING_SKU',
  'MISSING_ATTRIBUTES',
  'MISSING_TERMS',
  'NO_ON_DEMAND_TERM',
  'MULTIPLE_ON_DEMAND_TERMS',
  'NO_PRICE_DIMENSION',
  'TIERED_PRICE',
  'NON_USD_PRICE',
  'INVALID_PRICE',
] as const;

export type ParseFailureReason = (typeof PARSE_FAILURE_REASONS)[number];

export type ParseResult =
  | { ok: true; product: ParsedPriceListProduct }
  | { ok: false; reason: ParseFailureReason; detail: string; sku?: string; usageType?: string };

export interface ParseOptions {
  /**
   * Accept a tiered price (several dimensions) by taking the tier that begins at 0; `price.firstTierEndRange`
   * then says where it ends. Only mapping rules that declare `firstTier` use it (Firehose ingestion is tiered).
   */
  firstTier?: boolean;
}

/** A non-negative decimal as the Price List writes it ("0.0150000000", "10.08", "0"). */
const DECIMAL = /^\d+(\.\d+)?$/;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function stringAttributes(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
  }
  return out;
}

/**
 * Decodes one PriceList element. Accepts the JSON string the API returns (or an already-decoded object,
 * which is what a bundled snapshot file holds). Returns a typed failure instead of throwing.
 */
export function parsePriceListElement(raw: unknown, options: ParseOptions = {}): ParseResult {
  let decoded: unknown = raw;
  if (typeof raw === 'string') {
    try {
      decoded = JSON.parse(raw);
    } catch (error) {
      return { ok: false, reason: 'INVALID_JSON', detail: `not JSON: ${(error as Error).message}` };
    }
  }
  if (!isObject(decoded)) return { ok: false, reason: 'NOT_AN_OBJECT', detail: 'element is not a JSON object' };

  const product = decoded.product;
  if (!isObject(product)) return { ok: false, reason: 'MISSING_PRODUCT', detail: 'no product object' };
  const sku = str(product.sku);
  if (!sku) return { ok: false, reason: 'MISSING_SKU', detail: 'product has no sku' };
  if (!isObject(product.attributes)) {
    return { ok: false, reason: 'MISSING_ATTRIBUTES', detail: 'product has no attributes', sku };
  }
  const attributes = stringAttributes(product.attributes);
  const usageType = attributes.usagetype ?? '';
  const fail = (reason: ParseFailureReason, detail: string): ParseResult => ({
    ok: false,
    reason,
    detail,
    sku,
    ...(usageType ? { usageType } : {}),
  });

  const terms = decoded.terms;
  if (!isObject(terms)) return fail('MISSING_TERMS', 'document has no terms');
  const onDemand = terms.OnDemand;
  if (!isObject(onDemand) || Object.keys(onDemand).length === 0) {
    return fail('NO_ON_DEMAND_TERM', 'document has no terms.OnDemand');
  }
  const termEntries = Object.values(onDemand).filter(isObject);
  if (termEntries.length === 0) return fail('NO_ON_DEMAND_TERM', 'terms.OnDemand holds no term');
  if (termEntries.length > 1) return fail('MULTIPLE_ON_DEMAND_TERMS', `${termEntries.length} on-demand terms`);
  const term = termEntries[0];

  const dimensions = isObject(term.priceDimensions) ? Object.values(term.priceDimensions).filter(isObject) : [];
  if (dimensions.length === 0) return fail('NO_PRICE_DIMENSION', 'on-demand term has no price dimension');
  if (dimensions.length > 1 && !options.firstTier) {
    return fail('TIERED_PRICE', `${dimensions.length} price dimensions; only single-tier prices are used`);
  }
  const dimension = options.firstTier
    ? (dimensions.find((d) => Number(str(d.beginRange) || '0') === 0) ?? dimensions[0])
    : dimensions[0];
  const beginRange = str(dimension.beginRange) || '0';
  if (Number(beginRange) !== 0) return fail('TIERED_PRICE', `price dimension begins at ${beginRange}, not 0`);

  const pricePerUnit = isObject(dimension.pricePerUnit) ? dimension.pricePerUnit : {};
  const usd = pricePerUnit.USD;
  if (usd === undefined) {
    const currencies = Object.keys(pricePerUnit).join(', ') || 'none';
    return fail('NON_USD_PRICE', `no USD price (currencies: ${currencies})`);
  }
  if (typeof usd !== 'string' || !DECIMAL.test(usd)) {
    return fail('INVALID_PRICE', `USD price ${JSON.stringify(usd)} is not a decimal string`);
  }

  return {
    ok: true,
    product: {
      sku,
      serviceCode: str(decoded.serviceCode) || attributes.servicecode || '',
      productFamily: str(product.productFamily),
      attributes,
      usageType,
      operation: attributes.operation ?? '',
      // AWSDataTransfer products carry fromRegionCode / toRegionCode instead of regionCode.
      regionCode: attributes.regionCode ?? attributes.fromRegionCode ?? '',
      price: {
        rateCode: str(dimension.rateCode),
        unit: str(dimension.unit),
        usd,
        description: str(dimension.description),
        effectiveDate: str(term.effectiveDate),
        ...(dimensions.length > 1 ? { firstTierEndRange: str(dimension.endRange) } : {}),
      },
      version: str(decoded.version),
      publicationDate: str(decoded.publicationDate),
    },
  };
}
