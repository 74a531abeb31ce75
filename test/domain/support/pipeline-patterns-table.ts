/** Renders the README's pipeline-patterns table from the presets and the bundled us-east-1 rates. */
import { ARCHITECTURE_PRESETS, OPTION_CODES, evaluate } from '../../../src/domain';
import { bundledRateCard } from '../../../src/infrastructure/aws/bundled-rates';

const PIPELINE_LINE = /^(FIREHOSE_|MSK_CONNECT_|MSK_REPLICATOR_|INTER_REGION_|REPLICA_|DELIVERY_|REPLICATION_)/;
const usd = (n: number): string =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function pipelinePatternsTable(): string {
  const card = bundledRateCard('us-east-1')!;
  const evaluations = ARCHITECTURE_PRESETS.map((p) => evaluate(p.workload, card));
  const header = `| option | ${ARCHITECTURE_PRESETS.map((p) => p.pattern).join(' | ')} |`;
  const rule = `|---|${ARCHITECTURE_PRESETS.map(() => '---:').join('|')}|`;
  const rows = OPTION_CODES.map((code) => {
    const cells = evaluations.map((e) => {
      const o = e.options.find((x) => x.option === code)!;
      const pipeline =
        o.lineItems
          .filter((l) => PIPELINE_LINE.test(l.code))
          .reduce((s, l) => s + Math.round(l.monthlyCostUsd * 100), 0) / 100;
      const total = o.monthlyCostUsd === null ? 'unpriced' : usd(o.monthlyCostUsd);
      const shown = e.recommendation.option === code ? `**${total}**` : total;
      const legs =
        pipeline > 0
          ? ` (pipeline ${usd(pipeline)}${o.sizing.deliveryVia === 'MSK_CONNECT' ? ', MSK Connect' : ''})`
          : '';
      return `${o.eligible ? '' : 'not eligible: '}${shown}${legs}`;
    });
    return `| ${code} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
