/**
 * What runs today and what it costs a month at today's rates: the option streamfit priced for the observed
 * workload, with its capacity lines (shards, brokers, broker storage) re-priced at the running capacity.
 * Usage-billed lines (data in and out, PUT units, retention) keep the observed usage.
 */
import type { LineItem } from '../model.types';
import type { OptionResult } from '../output.types';
import { OPTION_LABELS, type OptionCode } from '../options';
import { D, lineCents } from '../pricing/money';
import { count } from '../words';
import { mskBrokerHourKey, mskExpressBrokerHourKey, type RateCard } from '../rate-card';
import { HOURS_PER_MONTH } from '../units';

/** The running configuration, as DescribeStreamSummary / DescribeClusterV2 give it (or the caller states it). */
export interface RunningConfiguration {
  option: OptionCode;
  /** Stream or cluster name and ARN, when read. */
  name?: string;
  arn?: string;
  status?: string;
  /** Kinesis provisioned: open shards. */
  shards?: number;
  /** MSK provisioned (Standard or Express): brokers, broker type, EBS GB per broker (Standard). */
  brokers?: number;
  brokerType?: string;
  storageGbPerBroker?: number;
  retentionHours?: number;
  /** Kinesis: enhanced fan-out consumers registered. */
  efoConsumers?: number;
  kafkaVersion?: string;
}

export interface CurrentCost {
  configuration: RunningConfiguration;
  label: string;
  /** Null when a rate it needs is missing from the card. */
  monthlyCostUsd: number | null;
  lineItems: LineItem[];
  how: string;
}

const money = (cents: number) => cents / 100;

function repriced(line: LineItem, quantity: number, unitPriceUsd: string | number, describe: string): LineItem {
  const price = new D(unitPriceUsd);
  return {
    ...line,
    description: describe,
    quantity,
    unitPriceUsd: price.toNumber(),
    monthlyCostUsd: money(lineCents(quantity, price)),
  };
}

/** The running configuration priced: `priced` is streamfit's pricing of the same option for the observed workload. */
export function currentCost(configuration: RunningConfiguration, priced: OptionResult, card: RateCard): CurrentCost {
  const label = OPTION_LABELS[configuration.option];
  const notes: string[] = [];
  let missing = !priced.priced;
  const lines = priced.lineItems.map((line): LineItem => {
    const { shards, brokers, brokerType, storageGbPerBroker } = configuration;
    const sizedShards = priced.sizing.shards;
    if (configuration.option === 'KDS_PROVISIONED' && shards !== undefined && sizedShards) {
      if (line.code === 'KDS_PROV_SHARD_HOURS')
        return repriced(
          line,
          shards * HOURS_PER_MONTH,
          line.unitPriceUsd,
          `Shard-hours: ${count(shards, 'open shard')} × 730 h`,
        );
      if (line.code === 'KDS_PROV_EXTENDED_RETENTION' || line.code === 'KDS_PROV_EFO_CONSUMER_SHARD_HOURS') {
        const quantity = Math.round(((line.quantity * shards) / sizedShards) * 1e6) / 1e6;
        const describe = line.description.replace(count(sizedShards, 'shard'), count(shards, 'open shard'));
        return repriced(line, quantity, line.unitPriceUsd, describe);
      }
    }
    const express = configuration.option === 'MSK_EXPRESS';
    if ((configuration.option === 'MSK_PROVISIONED' || express) && brokers !== undefined) {
      if (line.code === 'MSK_BROKER_HOURS' || line.code === 'MSK_EXPRESS_BROKER_HOURS') {
        const type = brokerType ?? priced.sizing.brokerType ?? '';
        const key = express ? mskExpressBrokerHourKey(type) : mskBrokerHourKey(type);
        const rate = card.rates[key];
        if (!rate) {
          missing = true;
          notes.push(`the rate card has no broker-hour rate for ${type} (${key})`);
          return line;
        }
        return repriced(
          { ...line, rateKey: key, usageType: rate.usageType },
          brokers * HOURS_PER_MONTH,
          rate.usdPerUnit,
          `Broker-hours: ${brokers} × ${type} × 730 h`,
        );
      }
      if (line.code === 'MSK_STORAGE' && storageGbPerBroker !== undefined)
        return repriced(
          line,
          brokers * storageGbPerBroker,
          line.unitPriceUsd,
          `Broker storage (EBS): ${count(brokers, 'broker')} × ${storageGbPerBroker} GB provisioned`,
        );
    }
    return line;
  });
  const capacity =
    configuration.option === 'KDS_PROVISIONED'
      ? configuration.shards !== undefined
        ? `shard lines at the ${configuration.shards} open shards`
        : 'shards as streamfit sizes them (the open shard count was not given)'
      : configuration.option === 'MSK_PROVISIONED' || configuration.option === 'MSK_EXPRESS'
        ? configuration.brokers !== undefined
          ? `broker lines at the running ${configuration.brokers} × ${configuration.brokerType ?? 'broker'}`
          : 'brokers as streamfit sizes them (the broker count was not given)'
        : 'billed by use: the observed usage';
  const how = `${label}: the observed workload priced at today's rates (${card.id}), ${capacity}.${
    notes.length ? ` Not priced: ${notes.join('; ')}.` : ''
  }`;
  const cents = lines.reduce((sum, l) => sum + Math.round(l.monthlyCostUsd * 100), 0);
  return { configuration, label, monthlyCostUsd: missing ? null : money(cents), lineItems: lines, how };
}
