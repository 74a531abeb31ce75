/**
 * Normalizes raw Price List elements (from AmazonKinesis and AmazonMSK) into a RateCard for one region.
 * Pure and total: bad or unknown elements are reported in `skipped`, never thrown.
 */
import { BROKER_HOUR_KEYS, RATE_KEYS, type Rate, type RateCard, type RateProvenance } from '../rate-card';
import { canonicalJson, sha256Hex } from './content-hash';
import { parsePriceListElement, type ParseFailureReason, type ParsedPriceListProduct } from './price-list-document';
import { mapProductToRateKey } from './rate-mapping';
import { builtInSupplementalRates } from './supplemental-rates';

export type RateCardBuildSource = RateCard['source'];

export interface BuildRateCardInput {
  region: string;
  /** Raw PriceList elements (JSON strings) from both services, in any order. */
  documents: readonly string[];
  /** ISO timestamp of the fetch (for the bundled snapshot: its publication date). Not part of the hash. */
  fetchedAt: string;
  source: RateCardBuildSource;
  /**
   * Extra rates not in the price lists. They fill keys the documents did not provide; for the same key they
   * take precedence over the built-in static rates (see supplemental-rates.ts), which are always merged.
   */
  supplementalRates?: readonly Rate[];
  /**
   * The provenance of a document's price. Default: a live Price List document (LIVE_PRICE_LIST) for
   * AWS_PRICE_LIST cards; the bundled snapshot passes what its sources say (rates/pricelist/<region>/provenance.json).
   */
  provenance?: (product: ParsedPriceListProduct) => RateProvenance | undefined;
}

/** A document the Price List Query API returned: provenance LIVE_PRICE_LIST, with its publication date and SKU. */
export function livePriceListProvenance(product: ParsedPriceListProduct): RateProvenance {
  return {
    kind: 'LIVE_PRICE_LIST',
    label: 'V-PL',
    citation: `AWS Price List Query API, GetProducts ${product.serviceCode} ${product.regionCode}, version ${product.version}, SKU ${product.sku}`,
    publicationDate: product.publicationDate,
  };
}

export type SkipReason = ParseFailureReason | 'WRONG_REGION' | 'UNRELATED_PRODUCT_FAMILY' | 'UNMAPPED' | 'DUPLICATE';

export interface SkippedElement {
  reason: SkipReason;
  sku?: string;
  usageType?: string;
  /** For DUPLICATE: the key both SKUs mapped to. */
  key?: string;
  detail?: string;
}

export interface BuildRateCardResult {
  card: RateCard;
  skipped: SkippedElement[];
  /** Expected keys (every RATE_KEYS value and every catalogued broker type) the card does not have. */
  missing: string[];
  /**
   * Documents of real AWS dimensions streamfit does not price (rate-mapping.ts NOT_PRICED_DIMENSIONS, e.g. MSK
   * data channels, same-region Replicator): recognised, so neither skipped as UNMAPPED nor on the card.
   */
  notPriced: Array<{ sku: string; usageType: string }>;
}

/** Every key the cost model can ask for: RATE_KEYS plus a broker-hour key per catalogued broker type. */
export function expectedRateKeys(): string[] {
  return [...Object.values(RATE_KEYS), ...BROKER_HOUR_KEYS].sort();
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Which of two products mapped to the same key is kept: the later effectiveDate, then the smaller SKU,
 * rate code and price. A total order, so the choice does not depend on document order.
 */
function preferFirst(a: ParsedPriceListProduct, b: ParsedPriceListProduct): boolean {
  return (
    (compareText(b.price.effectiveDate, a.price.effectiveDate) ||
      compareText(a.sku, b.sku) ||
      compareText(a.price.rateCode, b.price.rateCode) ||
      compareText(a.price.usd, b.price.usd)) <= 0
  );
}

function toRate(
  key: string,
  product: ParsedPriceListProduct,
  source: RateCardBuildSource,
  provenance: RateProvenance | undefined,
): Rate {
  return {
    key,
    usdPerUnit: product.price.usd,
    unit: product.price.unit,
    usageType: product.usageType,
    operation: product.operation,
    sku: product.sku,
    rateCode: product.price.rateCode,
    effectiveDate: product.price.effectiveDate,
    description:
      product.price.firstTierEndRange !== undefined
        ? `${product.price.description} (first tier, up to ${product.price.firstTierEndRange} ${product.price.unit} a month)`
        : product.price.description,
    source,
    ...(provenance ? { provenance } : {}),
  };
}

/** sha256 over the canonical JSON of the rates (fetchedAt is not part of the rates, so it never changes the hash). */
export function rateCardContentHash(rates: Record<string, Rate>): string {
  return sha256Hex(canonicalJson(rates));
}

export function buildRateCard(input: BuildRateCardInput): BuildRateCardResult {
  const { region, documents, fetchedAt, source } = input;
  const skipped: SkippedElement[] = [];
  const notPriced: BuildRateCardResult['notPriced'] = [];
  const chosen = new Map<string, ParsedPriceListProduct>();

  for (const raw of documents) {
    let parsed = parsePriceListElement(raw);
    if (!parsed.ok && parsed.reason === 'TIERED_PRICE') {
      // Only rules that declare a tiered price (Firehose ingestion) take the first tier; the rest stay skipped.
      const firstTier = parsePriceListElement(raw, { firstTier: true });
      if (firstTier.ok) {
        const mapping = mapProductToRateKey(firstTier.product);
        if (mapping.matched && mapping.rule.firstTier) parsed = firstTier;
      }
    }
    if (!parsed.ok) {
      const { reason, detail, sku, usageType } = parsed;
      skipped.push({ reason, detail, ...(sku ? { sku } : {}), ...(usageType ? { usageType } : {}) });
      continue;
    }
    const product = parsed.product;
    const ref = { sku: product.sku, usageType: product.usageType };
    if (product.regionCode !== region) {
      skipped.push({
        reason: 'WRONG_REGION',
        ...ref,
        detail: `regionCode ${product.regionCode || '(none)'}, wanted ${region}`,
      });
      continue;
    }
    const mapping = mapProductToRateKey(product);
    if (!mapping.matched) {
      if (mapping.reason === 'NOT_PRICED') {
        notPriced.push(ref);
        continue;
      }
      skipped.push({
        reason: mapping.reason,
        ...ref,
        detail: `${product.serviceCode} / ${product.productFamily || '(no family)'} / operation ${product.operation || '(none)'}`,
      });
      continue;
    }
    const current = chosen.get(mapping.key);
    if (current === undefined) {
      chosen.set(mapping.key, product);
      continue;
    }
    const [kept, dropped] = preferFirst(current, product) ? [current, product] : [product, current];
    chosen.set(mapping.key, kept);
    skipped.push({
      reason: 'DUPLICATE',
      sku: dropped.sku,
      usageType: dropped.usageType,
      key: mapping.key,
      detail: `also maps to ${mapping.key}; kept SKU ${kept.sku}`,
    });
  }

  const rates: Record<string, Rate> = {};
  const keys = [...chosen.keys()];
  const supplemental = [...(input.supplementalRates ?? []), ...builtInSupplementalRates(region)];
  const supplementalByKey = new Map<string, Rate>();
  for (const rate of supplemental)
    if (!chosen.has(rate.key) && !supplementalByKey.has(rate.key)) supplementalByKey.set(rate.key, rate);
  for (const key of [...keys, ...supplementalByKey.keys()].sort(compareText)) {
    const product = chosen.get(key);
    const provenanceOf = input.provenance ?? (source === 'AWS_PRICE_LIST' ? livePriceListProvenance : () => undefined);
    rates[key] = product
      ? toRate(key, product, source, provenanceOf(product))
      : { ...(supplementalByKey.get(key) as Rate) };
  }

  let priceListVersion = '';
  let publicationDate = '';
  for (const product of chosen.values()) {
    if (compareText(product.version, priceListVersion) > 0) priceListVersion = product.version;
    if (compareText(product.publicationDate, publicationDate) > 0) publicationDate = product.publicationDate;
  }

  const contentHash = rateCardContentHash(rates);
  const card: RateCard = {
    id: `${region}:${contentHash.slice(0, 12)}`,
    region,
    currency: 'USD',
    source,
    priceListVersion,
    publicationDate,
    fetchedAt,
    contentHash,
    stale: false,
    rates,
  };
  const missing = expectedRateKeys().filter((key) => !(key in rates));
  return { card, skipped, missing, notPriced };
}
