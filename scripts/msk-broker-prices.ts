/**
 * us-east-1 on-demand broker-hour list prices of Amazon MSK by compute family, the one table the bundled
 * snapshot (generate-pricelist.ts) and the domain tests' rate card (test/domain/support/us-east-1.rate-card.ts)
 * are built from. Source: https://aws.amazon.com/msk/pricing/ (Standard and Express brokers, US East (N. Virginia));
 * confidence per row in rates/README.md. test/pricelist/expected-us-east-1-prices.ts derives the same prices
 * independently (from the `large` price and the per-vCPU scaling), so a typo here fails bundled-rates.spec.ts.
 */

/** Standard brokers: computeFamily (`m5.large`; the broker type is `kafka.` + family) → USD per broker-hour. */
export const MSK_STANDARD_BROKER_PRICES: Readonly<Record<string, string>> = Object.freeze({
  't3.small': '0.0456',
  'm5.large': '0.21',
  'm5.xlarge': '0.42',
  'm5.2xlarge': '0.84',
  'm5.4xlarge': '1.68',
  'm5.8xlarge': '3.36',
  'm5.12xlarge': '5.04',
  'm5.16xlarge': '6.73',
  'm5.24xlarge': '10.08',
  'm7g.large': '0.204',
  'm7g.xlarge': '0.408',
  'm7g.2xlarge': '0.816',
  'm7g.4xlarge': '1.632',
  'm7g.8xlarge': '3.264',
  'm7g.12xlarge': '4.896',
  'm7g.16xlarge': '6.528',
});

/** Express brokers: computeFamily (the broker type is `express.` + family) → USD per broker-hour. */
export const MSK_EXPRESS_BROKER_PRICES: Readonly<Record<string, string>> = Object.freeze({
  'm7g.large': '0.408',
  'm7g.xlarge': '0.816',
  'm7g.2xlarge': '1.632',
  'm7g.4xlarge': '3.264',
  'm7g.8xlarge': '6.528',
  'm7g.12xlarge': '9.792',
  'm7g.16xlarge': '13.056',
});

export interface MskBrokerPrice {
  kind: 'standard' | 'express';
  /** Price List computeFamily, e.g. `m7g.large`. */
  family: string;
  /** The broker type as the cost model names it: `kafka.m7g.large`, `express.m7g.large`. */
  brokerType: string;
  usd: string;
}

/** Every broker-hour price of the table, Standard then Express, in table order. */
export function mskBrokerPrices(): MskBrokerPrice[] {
  return [
    ...Object.entries(MSK_STANDARD_BROKER_PRICES).map(([family, usd]) => ({
      kind: 'standard' as const,
      family,
      brokerType: `kafka.${family}`,
      usd,
    })),
    ...Object.entries(MSK_EXPRESS_BROKER_PRICES).map(([family, usd]) => ({
      kind: 'express' as const,
      family,
      brokerType: `express.${family}`,
      usd,
    })),
  ];
}
