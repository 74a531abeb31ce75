/**
 * "What runs costs $X; the best fit is Y at $Z; the saving and the risks of moving": an evaluation read
 * against the option that runs today (`currentOption` beside the workload).
 */
import type { CurrentComparison, Evaluation, OptionResult } from './output.types';
import { ValidationError } from './errors';
import { isOptionCode, OPTION_CODES, OPTION_LABELS, OPTION_SERVICE, type OptionCode } from './options';
import { usd } from './words';

/** The request fields, checked: currentOption an option code, currentMonthlyCostUsd ≥ 0 and only with it. */
export function validateCurrentOption(currentOption: unknown, currentMonthlyCostUsd: unknown): void {
  const errors = [];
  if (currentOption !== undefined && !isOptionCode(currentOption))
    errors.push({ field: 'currentOption', message: `currentOption must be one of ${OPTION_CODES.join(', ')}` });
  if (currentMonthlyCostUsd !== undefined) {
    if (
      typeof currentMonthlyCostUsd !== 'number' ||
      !Number.isFinite(currentMonthlyCostUsd) ||
      currentMonthlyCostUsd < 0
    )
      errors.push({
        field: 'currentMonthlyCostUsd',
        message: 'currentMonthlyCostUsd must be a number ≥ 0 (USD per month)',
      });
    else if (currentOption === undefined)
      errors.push({ field: 'currentMonthlyCostUsd', message: 'currentMonthlyCostUsd needs currentOption (what runs)' });
  }
  if (errors.length) throw new ValidationError(errors);
}

const cents = (n: number) => Math.round(n * 100) / 100;

function risksOfMoving(from: OptionResult, to: OptionResult, e: Evaluation): string[] {
  const risks: string[] = [];
  if (!from.eligible)
    risks.push(
      `What runs does not fit this workload: ${from.disqualifiedBy.map((d) => d.message).join(' ')} Staying has its own risk.`,
    );
  if (from.option === to.option) return risks;
  const retention = e.workload.retentionHours;
  if (OPTION_SERVICE[from.option] !== OPTION_SERVICE[to.option]) {
    risks.push(
      OPTION_SERVICE[to.option] === 'MSK'
        ? 'Producers and consumers move from the Kinesis API (SDK, KPL/KCL, Lambda event source) to Kafka clients: code changes in every application.'
        : 'Producers and consumers move from Kafka clients to the Kinesis API (SDK, KPL/KCL): code changes in every application; Kafka Connect and Kafka Streams do not carry over.',
      `The data does not move with it: run both side by side for at least the retention period (${retention} h) while consumers drain the old ${OPTION_SERVICE[from.option] === 'MSK' ? 'cluster' : 'stream'}.`,
    );
  } else if (OPTION_SERVICE[to.option] === 'KINESIS') {
    risks.push(
      'A capacity-mode switch on the same stream (UpdateStreamMode, or the account-level Advantage setting): no client changes; a stream can switch modes twice in 24 hours.',
    );
  } else {
    risks.push(
      'MSK Standard, Express and Serverless are different clusters: the move needs a new cluster and a migration (MSK Replicator or MirrorMaker 2), and clients change bootstrap servers (and, for Serverless, IAM authentication).',
    );
  }
  if (to.option === 'KDS_PROVISIONED' || to.option === 'MSK_PROVISIONED' || to.option === 'MSK_EXPRESS')
    risks.push(
      `Provisioned capacity is sized for the peak (${to.sizing.peakWriteMBps ?? e.workload.peakWriteMBps} MB/s with headroom): growth or bursts above it need a resize before they arrive.`,
    );
  if (to.option === 'KDS_ON_DEMAND' || to.option === 'KDS_ON_DEMAND_ADVANTAGE' || to.option === 'MSK_SERVERLESS')
    risks.push('Billed by use: the cost follows the volume, up and down; there is no capacity to resize.');
  for (const risk of to.risks)
    risks.push(`${risk.message} (${risk.peakUtilizationPercent} % of the threshold at peak)`);
  return risks;
}

/** The comparison of an evaluation with what runs. */
export function compareWithCurrent(
  e: Evaluation,
  currentOption: OptionCode,
  measuredCostUsd?: number,
): CurrentComparison {
  const current = e.options.find((o) => o.option === currentOption)!;
  const best = e.recommendation.option ? e.options.find((o) => o.option === e.recommendation.option)! : null;
  const costBasis = measuredCostUsd !== undefined ? 'MEASURED' : 'PRICED';
  const currentCost = measuredCostUsd ?? current.monthlyCostUsd;
  const bestCost = best?.monthlyCostUsd ?? null;
  const saving = currentCost !== null && bestCost !== null ? cents(currentCost - bestCost) : null;
  const percent = saving !== null && currentCost ? Math.round((1000 * saving) / currentCost) / 10 : null;
  const risks = best ? risksOfMoving(current, best, e) : [];
  const costWords = currentCost === null ? 'an unpriced amount' : `${usd(currentCost)}/month`;
  let summary = `What runs (${current.label}) costs ${costWords}${costBasis === 'MEASURED' ? ' (measured)' : ''}`;
  if (!best) summary += '; no option fits this workload.';
  else if (best.option === current.option) {
    summary += `; it is already the best fit (${usd(bestCost ?? 0)}/month as streamfit sizes it)`;
    summary += saving !== null && saving > 0 ? `: right-sizing saves ${usd(saving)}/month.` : '.';
  } else {
    summary += `; the best fit is ${best.label} at ${bestCost === null ? 'an unpriced amount' : `${usd(bestCost)}/month`}`;
    if (saving === null) summary += '.';
    else if (saving >= 0) summary += `: a saving of ${usd(saving)}/month (${usd(saving * 12)}/year, ${percent} %).`;
    else
      summary += `: it costs ${usd(-saving)}/month more, chosen for ${(e.recommendation.reasons[0] ?? 'the decision rules').replace(/\.$/, '')}.`;
    summary += ` Risks of moving: ${risks.length}.`;
  }
  return {
    option: current.option,
    label: OPTION_LABELS[current.option],
    eligible: current.eligible,
    monthlyCostUsd: currentCost,
    costBasis,
    bestOption: best?.option ?? null,
    bestMonthlyCostUsd: bestCost,
    monthlySavingUsd: saving,
    annualSavingUsd: saving === null ? null : cents(saving * 12),
    savingPercent: percent,
    risksOfMoving: risks,
    summary,
  };
}
