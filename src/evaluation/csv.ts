import {
  type BreakEvenResult,
  type BreakEvenSegment,
  type Estimate,
  type LineItem,
  OPTION_CODES,
  type OptionCode,
  type OptionResult,
  type Rate,
  type RateProvenance,
  AWS_REGIONS,
} from '../domain';

/** The UTF-8 byte order mark every CSV answer starts with, so spreadsheets read it as UTF-8 ("×", "’"). */
export const CSV_BOM = '\uFEFF';
/** Every amount streamfit gives is in US dollars (AWS prices these services in USD). */
export const CURRENCY = 'USD';

/** What a CSV answer says about where it comes from: a saved scenario's id and version, blank for ad-hoc requests. */
export interface CsvContext {
  scenario?: string | null;
  version?: number | null;
}

/** The columns every CSV answer ends with (after its own), in this order. */
export const CONTEXT_COLUMNS = ['rowType', 'region', 'scenario', 'version', 'currency'] as const;
/** rowType: LINE a row of its own; TOTAL a row that adds up other rows (leave it out when summing a column). */
export type CsvRowType = 'LINE' | 'TOTAL' | 'UNPRICED' | 'SWITCH' | 'ERROR';

/** The context cells of one row. */
export const contextCells = (
  rowType: CsvRowType,
  region: string | null,
  ctx: CsvContext,
): (string | number | null)[] => [rowType, region, ctx.scenario ?? null, ctx.version ?? null, CURRENCY];

/** Rows (cells) → the CSV text: a BOM, CRLF line ends, RFC 4180 quoting. */
export const csvText = (rows: (string | number | null | undefined)[][]): string =>
  `${CSV_BOM}${rows.map((r) => r.map((v) => csvField(v)).join(',')).join('\r\n')}\r\n`;

export const CSV_COLUMNS = [
  'option',
  'lineCode',
  'description',
  'quantity',
  'unit',
  'unitPriceUsd',
  'monthlyCostUsd',
  'usageType',
  'rateKey',
  'rateSource',
  'rateCardId',
  'rateCardDate',
  'bandLowUsd',
  'bandHighUsd',
  'rateProvenance',
  ...CONTEXT_COLUMNS,
] as const;

/** One line of provenance: `AWS_DOCUMENT V-feed: <citation> (published <date>)`. */
export function provenanceText(provenance: RateProvenance | undefined): string {
  if (!provenance) return '';
  const published = provenance.publicationDate ? ` (published ${provenance.publicationDate})` : '';
  return `${provenance.kind} ${provenance.label}: ${provenance.citation}${published}`;
}

/** RFC 4180: quote a field holding a comma, a quote, CR or LF; double the quotes inside. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? numberText(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Plain decimal notation (no exponent), so spreadsheets and finance tools read unit prices like 0.000000014 exactly. */
function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * One row per line item (rowType LINE), a TOTAL row per option (with the option's cost band across the volume range
 * in bandLowUsd / bandHighUsd, its expected value being the TOTAL) (an UNPRICED row naming missing rates where the
 * option could not be priced), a header row, CRLF line ends, a BOM. `rateProvenance` says where each line's rate
 * comes from (the card's rates, by key: a live Price List document, an AWS document in the snapshot, or a cited
 * source). region, scenario, version and currency close every row.
 */
export function estimateToCsv(
  estimate: Estimate,
  rates: Readonly<Record<string, Rate>> = {},
  ctx: CsvContext = {},
): string {
  const card = estimate.rateCard;
  const cardDate = card.publicationDate;
  const tail = (type: CsvRowType) => contextCells(type, card.region, ctx);
  const rows: (string | number | null | undefined)[][] = [[...CSV_COLUMNS]];
  for (const option of estimate.options) {
    for (const item of option.lineItems) {
      rows.push([
        option.option,
        item.code,
        item.description,
        item.quantity,
        item.unit,
        item.unitPriceUsd,
        item.monthlyCostUsd,
        item.usageType,
        item.rateKey,
        item.rateSource,
        card.id,
        cardDate,
        '',
        '',
        item.rateSource === 'OVERRIDE'
          ? 'OVERRIDE: rateOverrides or discount of this request'
          : provenanceText(rates[item.rateKey]?.provenance),
        ...tail('LINE'),
      ]);
    }
    const priced = option.priced && option.monthlyCostUsd !== null;
    const band = option.monthlyCostBandUsd;
    rows.push([
      option.option,
      priced ? 'TOTAL' : 'UNPRICED',
      priced ? `Total per month: ${option.label}` : `Not priced: missing rates ${option.missingRates.join(', ')}`,
      '',
      '',
      '',
      priced ? option.monthlyCostUsd : '',
      '',
      '',
      '',
      card.id,
      cardDate,
      priced ? band?.low : '',
      priced ? band?.high : '',
      '',
      ...tail(priced ? 'TOTAL' : 'UNPRICED'),
    ]);
  }
  return csvText(rows);
}

/**
 * `?format=focus`: FOCUS 1.x column names (FinOps Open Cost and Usage Specification), one row per line item, no
 * total rows. Each option's rows are an alternative for the same month (filter on x_Option before summing).
 * README "CSV answers" gives the mapping and the columns left out.
 */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ServiceCategory',
  'ServiceName',
  'SkuId',
  'SkuPriceId',
  'x_Option',
  'x_LineCode',
  'x_RateKey',
  'x_RateSource',
  'x_RateCardId',
  'x_RateProvenance',
  'x_Scenario',
  'x_Version',
] as const;

const AWS = 'Amazon Web Services';

/** FOCUS ServiceName and ServiceCategory of a line, by its rate key's service. */
export function focusService(rateKey: string, option: OptionResult): { name: string; category: string } {
  if (rateKey.startsWith('kds.')) return { name: 'Amazon Kinesis Data Streams', category: 'Analytics' };
  if (rateKey.startsWith('msk.')) return { name: 'Amazon Managed Streaming for Apache Kafka', category: 'Analytics' };
  if (rateKey.startsWith('firehose.')) return { name: 'Amazon Data Firehose', category: 'Analytics' };
  if (rateKey.startsWith('dynamodb.')) return { name: 'Amazon DynamoDB', category: 'Databases' };
  if (rateKey.startsWith('lambda.')) return { name: 'AWS Lambda', category: 'Compute' };
  if (rateKey.startsWith('aws.dataTransfer.')) return { name: 'AWS Data Transfer', category: 'Networking' };
  return option.service === 'KINESIS'
    ? { name: 'Amazon Kinesis Data Streams', category: 'Analytics' }
    : { name: 'Amazon Managed Streaming for Apache Kafka', category: 'Analytics' };
}

/** The calendar month (UTC) an estimate is given for: the month of `now`, start inclusive, end exclusive. */
export function billingMonth(now: Date): { start: string; end: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start: start.toISOString().replace('.000Z', 'Z'), end: end.toISOString().replace('.000Z', 'Z') };
}

/**
 * List price and cost: the card's own unit price (before any override or discount of the request) × quantity, to
 * the cent; the line's own price where the card does not hold the rate.
 */
function listOf(item: LineItem, rate: Rate | undefined): { unit: number; cost: number } {
  const unit = rate ? Number(rate.usdPerUnit) : Number.NaN;
  if (!Number.isFinite(unit)) return { unit: item.unitPriceUsd, cost: item.monthlyCostUsd };
  return { unit, cost: Math.round(item.quantity * unit * 100) / 100 };
}

export function estimateToFocusCsv(
  estimate: Estimate,
  rates: Readonly<Record<string, Rate>> = {},
  ctx: CsvContext = {},
  now: Date = new Date(),
): string {
  const card = estimate.rateCard;
  const month = billingMonth(now);
  const regionName = AWS_REGIONS[card.region]?.location ?? null;
  const rows: (string | number | null | undefined)[][] = [[...FOCUS_COLUMNS]];
  for (const option of estimate.options) {
    for (const item of option.lineItems) {
      const rate = rates[item.rateKey];
      const list = listOf(item, rate);
      const service = focusService(item.rateKey, option);
      rows.push([
        item.monthlyCostUsd,
        CURRENCY,
        month.start,
        month.end,
        'Usage',
        null,
        item.description,
        'Usage-Based',
        month.start,
        month.end,
        item.quantity,
        item.unit,
        item.monthlyCostUsd,
        item.unitPriceUsd,
        item.monthlyCostUsd,
        AWS,
        list.cost,
        list.unit,
        item.quantity,
        item.unit,
        AWS,
        AWS,
        card.region,
        regionName,
        service.category,
        service.name,
        rate?.sku,
        rate?.rateCode,
        option.option,
        item.code,
        item.rateKey,
        item.rateSource,
        card.id,
        item.rateSource === 'OVERRIDE'
          ? 'OVERRIDE: rateOverrides or discount of this request'
          : provenanceText(rate?.provenance),
        ctx.scenario ?? null,
        ctx.version ?? null,
      ]);
    }
  }
  return csvText(rows);
}

/** Break-even CSV: one LINE per sample (every option's cost there), one SWITCH line per switch point. */
export const BREAK_EVEN_CSV_COLUMNS = [
  'vary',
  'field',
  'unit',
  'x',
  ...OPTION_CODES,
  'cheapestOption',
  'recommendedOption',
  'switchKind',
  'switchBefore',
  'switchAfter',
  'beforeMonthlyCostUsd',
  'afterMonthlyCostUsd',
  'rateCardId',
  ...CONTEXT_COLUMNS,
] as const;

const segmentAt = (segments: BreakEvenSegment[], x: number): OptionCode | null =>
  (segments.find((s) => x >= s.from && x < s.to) ?? segments[segments.length - 1])?.option ?? null;

export function breakEvenToCsv(result: BreakEvenResult, ctx: CsvContext = {}): string {
  const head = [result.vary, result.field, result.unit];
  const region = result.rateCard.region;
  const lines: { x: number; order: number; cells: (string | number | null)[] }[] = [];
  result.series[0]?.points.forEach((point, i) => {
    lines.push({
      x: point.x,
      order: 0,
      cells: [
        ...head,
        point.x,
        ...OPTION_CODES.map((code) => result.series.find((s) => s.option === code)?.points[i].monthlyCostUsd ?? null),
        segmentAt(result.segments, point.x),
        segmentAt(result.recommendedSegments, point.x),
        '',
        '',
        '',
        '',
        '',
        result.rateCard.id,
        ...contextCells('LINE', region, ctx),
      ],
    });
  });
  for (const p of result.switchPoints) {
    lines.push({
      x: p.at,
      order: 1,
      cells: [
        ...head,
        p.at,
        ...OPTION_CODES.map(() => ''),
        '',
        '',
        p.kind,
        p.before,
        p.after,
        p.beforeMonthlyCostUsd,
        p.afterMonthlyCostUsd,
        result.rateCard.id,
        ...contextCells('SWITCH', region, ctx),
      ],
    });
  }
  lines.sort((a, b) => a.x - b.x || a.order - b.order);
  return csvText([[...BREAK_EVEN_CSV_COLUMNS], ...lines.map((l) => l.cells)]);
}

/** What the compare CSV needs of a comparison (ScenariosService.compare's answer). */
export interface ComparisonForCsv {
  baselineId: string;
  scenarios: Array<{
    id: string;
    name: string;
    version: number;
    rateCardId: string;
    recommendation: { option: OptionCode | null };
    options: Array<{ option: OptionCode; eligible: boolean; monthlyCostUsd: number | null; recommended: boolean }>;
  }>;
  deltas: Array<{
    scenarioId: string;
    options: Array<{ option: OptionCode; absoluteUsd: number | null; percent: number | null }>;
    workloadChanges: Array<{ field: string }>;
    recommendationChanged: boolean;
  }>;
}

/** Compare CSV: one LINE per scenario and option; deltas against the first scenario (the baseline). */
export const COMPARE_CSV_COLUMNS = [
  'scenarioName',
  'option',
  'eligible',
  'recommended',
  'monthlyCostUsd',
  'baselineScenario',
  'baselineMonthlyCostUsd',
  'deltaUsd',
  'deltaPercent',
  'recommendationChanged',
  'changedFields',
  'rateCardId',
  ...CONTEXT_COLUMNS,
] as const;

export function comparisonToCsv(c: ComparisonForCsv): string {
  const baseline = c.scenarios[0];
  const rows: (string | number | null | undefined)[][] = [[...COMPARE_CSV_COLUMNS]];
  for (const s of c.scenarios) {
    const delta = c.deltas.find((d) => d.scenarioId === s.id);
    for (const o of s.options) {
      const d = delta?.options.find((x) => x.option === o.option);
      rows.push([
        s.name,
        o.option,
        String(o.eligible),
        String(o.recommended),
        o.monthlyCostUsd,
        baseline.id,
        baseline.options.find((x) => x.option === o.option)?.monthlyCostUsd,
        s.id === baseline.id ? 0 : d?.absoluteUsd,
        s.id === baseline.id ? 0 : d?.percent,
        s.id === baseline.id ? 'false' : String(delta?.recommendationChanged ?? false),
        delta ? delta.workloadChanges.map((w) => w.field).join(' ') : '',
        s.rateCardId,
        ...contextCells('LINE', s.rateCardId.split(':')[0], { scenario: s.id, version: s.version }),
      ]);
    }
  }
  return csvText(rows);
}
