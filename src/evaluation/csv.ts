import type { Estimate } from '../domain';
import type { Rate, RateProvenance } from '../domain/rate-card';

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
 * One row per line item, a TOTAL row per option (with the option's cost band across the volume range in
 * bandLowUsd / bandHighUsd, its expected value being the TOTAL) (an UNPRICED row naming missing rates where the
 * option could not be priced), a header row, CRLF line ends. `rateProvenance` says where each line's rate comes from
 * (the card's rates, by key: a live Price List document, an AWS document in the snapshot, or a cited source).
 */
export function estimateToCsv(estimate: Estimate, rates: Readonly<Record<string, Rate>> = {}): string {
  const card = estimate.rateCard;
  const cardDate = card.publicationDate;
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const option of estimate.options) {
    for (const item of option.lineItems) {
      rows.push(
        [
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
        ].map((v) => csvField(v)),
      );
    }
    if (option.priced && option.monthlyCostUsd !== null) {
      const band = option.monthlyCostBandUsd;
      rows.push(
        [
          option.option,
          'TOTAL',
          `Total per month: ${option.label}`,
          '',
          '',
          '',
          option.monthlyCostUsd,
          '',
          '',
          '',
          card.id,
          cardDate,
          band?.low,
          band?.high,
          '',
        ].map((v) => csvField(v)),
      );
    } else {
      rows.push(
        [
          option.option,
          'UNPRICED',
          `Not priced: missing rates ${option.missingRates.join(', ')}`,
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          card.id,
          cardDate,
          '',
          '',
          '',
        ].map((v) => csvField(v)),
      );
    }
  }
  return `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
}
