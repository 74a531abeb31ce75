/**
 * The rate-card snapshot that ships with the service (rates/pricelist/<region>/<ServiceCode>.json), used when
 * no live rates can be had. It goes through the same buildRateCard as live documents, with source
 * BUNDLED_SNAPSHOT and fetchedAt = the snapshot's newest publicationDate.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  buildRateCard,
  type BuildRateCardResult,
  PRICE_LIST_SERVICE_CODES,
  type RateCard,
  type RateProvenance,
} from '../../domain';

/**
 * Walks up from this file until a `rates/pricelist` directory is found, so the same code works from `src/`
 * (ts-node / swc / jest) and from `dist/src/` after tsc.
 */
export function findBundledRatesDir(startDir: string = __dirname): string | undefined {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, 'rates', 'pricelist');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Regions that have a bundled snapshot, sorted. */
export function bundledRegions(ratesDir: string | undefined = findBundledRatesDir()): string[] {
  if (!ratesDir) return [];
  return readdirSync(ratesDir, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() &&
        PRICE_LIST_SERVICE_CODES.some((code) => existsSync(join(ratesDir, entry.name, `${code}.json`))),
    )
    .map((entry) => entry.name)
    .sort();
}

/** The bundled documents of a region, re-stringified as the API would deliver them. */
export function bundledDocuments(
  region: string,
  ratesDir: string | undefined = findBundledRatesDir(),
): string[] | undefined {
  if (!ratesDir || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return undefined;
  const documents: string[] = [];
  let found = false;
  for (const serviceCode of PRICE_LIST_SERVICE_CODES) {
    const file = join(ratesDir, region, `${serviceCode}.json`);
    if (!existsSync(file)) continue;
    found = true;
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error(`${file} must hold an array of Price List documents`);
    for (const doc of parsed) documents.push(JSON.stringify(doc));
  }
  return found ? documents : undefined;
}

/** rates/pricelist/<region>/provenance.json: SKU → where its price comes from (written by scripts/generate-pricelist.ts). */
export function bundledProvenance(
  region: string,
  ratesDir: string | undefined = findBundledRatesDir(),
): Record<string, RateProvenance> {
  if (!ratesDir || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return {};
  const file = join(ratesDir, region, 'provenance.json');
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, RateProvenance>;
}

function newestPublicationDate(documents: readonly string[]): string {
  let newest = '';
  for (const raw of documents) {
    const date = (JSON.parse(raw) as { publicationDate?: unknown }).publicationDate;
    if (typeof date === 'string' && date > newest) newest = date;
  }
  return newest;
}

const cache = new Map<string, BuildRateCardResult | null>();

/** The full build result (card, skipped, missing) for the bundled snapshot of a region; cached per process. */
export function bundledRateCardResult(region: string, ratesDir?: string): BuildRateCardResult | undefined {
  const cacheKey = `${ratesDir ?? ''}|${region}`;
  if (!cache.has(cacheKey)) {
    const dir = ratesDir ?? findBundledRatesDir();
    const documents = bundledDocuments(region, dir);
    const provenance = bundledProvenance(region, dir);
    cache.set(
      cacheKey,
      documents
        ? buildRateCard({
            region,
            documents,
            fetchedAt: newestPublicationDate(documents),
            source: 'BUNDLED_SNAPSHOT',
            provenance: (product) => provenance[product.sku],
          })
        : null,
    );
  }
  return cache.get(cacheKey) ?? undefined;
}

/** The bundled rate card of a region (a fresh copy each call), or undefined when none ships. */
export function bundledRateCard(region: string, ratesDir?: string): RateCard | undefined {
  const result = bundledRateCardResult(region, ratesDir);
  return result ? structuredClone(result.card) : undefined;
}
