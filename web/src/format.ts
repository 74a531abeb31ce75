import type { OptionCode } from './generated/graphql';

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const usdPrecise = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 10,
});
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

export function money(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : usd.format(value);
}

/** A unit price as the API gives it (no rounding to cents). */
export function unitPrice(value: number): string {
  return usdPrecise.format(value);
}

export function signedMoney(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value > 0 ? `+${usd.format(value)}` : usd.format(value);
}

export function num(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : plain.format(value);
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value > 0 ? '+' : ''}${value.toFixed(2)} %`;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** One colour and one dash pattern per option, so lines differ without colour too. */
export const OPTION_STYLE: Record<OptionCode, { colour: string; dash: string; short: string }> = {
  KDS_ON_DEMAND: { colour: '#1f77b4', dash: '', short: 'KDS on-demand' },
  KDS_ON_DEMAND_ADVANTAGE: { colour: '#17becf', dash: '8 3', short: 'KDS on-demand Advantage' },
  KDS_PROVISIONED: { colour: '#2ca02c', dash: '2 3', short: 'KDS provisioned' },
  MSK_PROVISIONED: { colour: '#d62728', dash: '10 3 2 3', short: 'MSK provisioned' },
  MSK_EXPRESS: { colour: '#9467bd', dash: '4 4', short: 'MSK Express' },
  MSK_SERVERLESS: { colour: '#b5651d', dash: '12 4', short: 'MSK Serverless' },
};

export function optionName(code: OptionCode | null | undefined): string {
  return code ? (OPTION_STYLE[code]?.short ?? code) : 'none';
}
