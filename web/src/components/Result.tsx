import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { estimateCsv, explain, type RateProvenance, rateProvenance } from '../api';
import { money, num, signedMoney, unitPrice } from '../format';
import type { Evaluation } from '../evaluation';
import type { OptionFieldsFragment } from '../generated/graphql';
import { BreakEvenChart } from './BreakEvenChart';
import { CostBars } from './CostBars';
import { SaveScenario } from './SaveScenario';

interface Props {
  apiKey: string;
  evaluation: Evaluation;
  workload: Record<string, unknown>;
  readOnly: boolean;
  onError: (e: unknown) => void;
}

/** The constraint that set the size, with the size it set. */
function sizingText(o: OptionFieldsFragment): string {
  const s = o.sizing;
  const size = [
    s.shards !== null && s.shards !== undefined ? `${s.shards} shards` : '',
    s.brokers !== null && s.brokers !== undefined ? `${s.brokers} × ${s.brokerType ?? 'broker'}` : '',
    s.partitions !== null && s.partitions !== undefined ? `${s.partitions} partitions` : '',
    s.totalStorageGb !== null && s.totalStorageGb !== undefined ? `${num(s.totalStorageGb)} GB storage` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const text = size ? `${s.boundBy} (${size})` : s.boundBy;
  // MSK Standard with tiered storage: the all-EBS cluster AWS's tools size, side by side with the tiered one.
  if (s.tieredStorage && s.untieredBrokers !== null && s.untieredBrokers !== undefined)
    return `${text}; tiered ${money(s.tieredMonthlyCostUsd)}, all-EBS ${s.untieredBrokers} × ${s.untieredBrokerType ?? 'broker'} ${money(s.untieredMonthlyCostUsd)}`;
  return text;
}

/** `AWS_DOCUMENT V-feed, 2025-04-04`: where a line's price comes from, the citation in full as its title. */
function ProvenanceNote({ provenance, overridden }: { provenance?: RateProvenance; overridden: boolean }) {
  if (overridden) return <span class="source">your override</span>;
  if (!provenance) return null;
  const date = provenance.publicationDate ? `, ${provenance.publicationDate.slice(0, 10)}` : '';
  return (
    <span class="source" title={provenance.citation}>
      {provenance.kind} {provenance.label}
      {date}
    </span>
  );
}

function LineItems({
  option,
  provenance,
}: {
  option: OptionFieldsFragment;
  provenance: Record<string, RateProvenance>;
}) {
  return (
    <table class="lines">
      <caption>Line items of {option.label}: quantity × unit price, rounded to cents</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col" class="num">
            Quantity
          </th>
          <th scope="col">Unit</th>
          <th scope="col" class="num">
            Unit price
          </th>
          <th scope="col" class="num">
            Monthly
          </th>
          <th scope="col">Rate (provenance)</th>
        </tr>
      </thead>
      <tbody>
        {option.lineItems.map((l) => (
          <tr key={l.code}>
            <td>{l.description}</td>
            <td class="num">{num(l.quantity)}</td>
            <td>{l.unit}</td>
            <td class="num">{unitPrice(l.unitPriceUsd)}</td>
            <td class="num">{money(l.monthlyCostUsd)}</td>
            <td>
              <code>{l.rateKey}</code> · {l.usageType} · {l.rateSource} ·{' '}
              <ProvenanceNote provenance={provenance[l.rateKey]} overridden={l.rateSource === 'OVERRIDE'} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The columns of the six options' table; on a phone each cell is shown under its column's name (a card). */
const OPTION_COLUMNS = ['Option', 'Eligible', 'Why not · risks', 'Monthly cost (range)', 'Sized by', 'Line items'];

/** `$1,480.20 – $2,210.85`: the lowest and highest monthly cost across the volume range (the traffic's shape). */
function bandText(band: OptionFieldsFragment['monthlyCostBandUsd']): string {
  return band ? `${money(band.low)} – ${money(band.high)}` : '';
}

/** The next eligible priced option after the recommendation, in the API's ranking (rank 2), and what it costs more. */
function RunnerUp({ options, recommended }: { options: OptionFieldsFragment[]; recommended: OptionFieldsFragment }) {
  const next = options.find((o) => o.rank === 2 && o.eligible && o.priced);
  if (!next || next.monthlyCostUsd === null || next.monthlyCostUsd === undefined) return null;
  const more =
    recommended.monthlyCostUsd !== null && recommended.monthlyCostUsd !== undefined
      ? ` (${signedMoney(Math.round((next.monthlyCostUsd - recommended.monthlyCostUsd) * 100) / 100)} per month)`
      : '';
  return (
    <p class="runner-up" data-option={next.option}>
      Runner-up: <strong>{next.label}</strong> at {money(next.monthlyCostUsd)}
      {more}
    </p>
  );
}

export function Result({ apiKey, evaluation, workload, readOnly, onError }: Props) {
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [csvMessage, setCsvMessage] = useState('');
  const [csvError, setCsvError] = useState('');
  const options = [...evaluation.options].sort((a, b) => a.rank - b.rank);
  const rec = evaluation.recommendation;
  const recommended = options.find((o) => o.option === rec.option);
  const card = evaluation.rateCard;
  const [provenance, setProvenance] = useState<Record<string, RateProvenance>>({});

  // Where each rate of the card comes from (the rate card view's provenance), for the line items.
  useEffect(() => {
    let current = true;
    rateProvenance(apiKey, card.region)
      .then((byKey) => current && setProvenance(byKey))
      .catch(() => current && setProvenance({}));
    return () => {
      current = false;
    };
  }, [apiKey, card.id, card.region]);

  const downloadCsv = async () => {
    setCsvError('');
    setCsvMessage('');
    try {
      const csv = await estimateCsv(apiKey, workload);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'streamfit-estimate.csv';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      setCsvMessage(`Estimate downloaded: ${csv.trim().split(/\r?\n/).length - 1} rows (line items and totals).`);
    } catch (e) {
      onError(e);
      setCsvError(explain(e, 'download the CSV'));
    }
  };

  return (
    <div class="result">
      <section class="recommendation" aria-labelledby="rec-title">
        <h2 id="rec-title" tabIndex={-1}>
          Recommendation: {rec.option ? (options.find((o) => o.option === rec.option)?.label ?? rec.option) : 'none'}
        </h2>
        <p class="headline">{rec.headline}</p>
        {rec.monthlyCostUsd !== null && rec.monthlyCostUsd !== undefined && (
          <p class="big">
            {money(rec.monthlyCostUsd)} <span class="unit">per month</span>
          </p>
        )}
        {rec.robustness && (
          <p class={`robustness ${rec.robustness.holds ? 'holds' : 'changes'}`}>
            <strong>{rec.robustness.holds ? 'Robust' : 'Not robust'}:</strong> {rec.robustness.summary}
          </p>
        )}
        {recommended && <RunnerUp options={options} recommended={recommended} />}
        <h3>Why</h3>
        <ul class="reasons">
          {rec.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
        <details class="trace">
          <summary>Decision trace ({evaluation.decisionTrace.length} rules consulted, in order)</summary>
          <div class="scroll">
            <table>
              <caption>Every rule the decision consulted: the question, this workload's answer and the outcome</caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Question</th>
                  <th scope="col">Answer</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {evaluation.decisionTrace.map((t) => (
                  <tr key={t.ruleId} class={t.fired ? 'fired' : undefined}>
                    <th scope="row">
                      <code>{t.ruleId}</code>
                    </th>
                    <td>{t.question}</td>
                    <td>{t.answer}</td>
                    <td>
                      {t.fired ? <strong>{t.outcome}</strong> : t.outcome}
                      <span class="sr-only">{t.fired ? ' (fired)' : ' (did not fire)'}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
        <p class="provenance">
          Rates: {card.region}, {card.sourceLabel ?? card.source}
          {card.priceListVersion ? `, price list ${card.priceListVersion}` : ''}
          {card.stale && <strong class="stale"> — stale</strong>}
        </p>
        <div class="actions">
          <button type="button" onClick={downloadCsv}>
            Download CSV
          </button>
          <SaveScenario apiKey={apiKey} workload={workload} readOnly={readOnly} onError={onError} />
        </div>
        {csvMessage && (
          <p class="ok" role="status">
            {csvMessage}
          </p>
        )}
        {csvError && (
          <p class="error" role="alert">
            {csvError}
          </p>
        )}
      </section>

      {evaluation.warnings.length > 0 && (
        <section class="warnings" aria-labelledby="warn-title">
          <h2 id="warn-title">Warnings</h2>
          <ul>
            {evaluation.warnings.map((w) => (
              <li key={w.code + w.message}>
                <code>{w.code}</code> {w.message}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="options-title">
        <h2 id="options-title">The six options</h2>
        <div class="scroll">
          <table class="options cards" role="table">
            <caption>Eligibility, monthly cost and the constraint that set each option's size (ranked)</caption>
            <thead role="rowgroup">
              <tr role="row">
                {OPTION_COLUMNS.map((c, n) => (
                  <th key={c} role="columnheader" scope="col" class={n === 3 ? 'num' : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody role="rowgroup">
              {options.map((o) => {
                const expanded = open[o.option] === true;
                return (
                  <Fragment key={o.option}>
                    <tr role="row" data-option={o.option} class={o.option === rec.option ? 'recommended' : undefined}>
                      <th role="rowheader" scope="row">
                        {o.label}
                        <br />
                        <code>{o.option}</code>
                        {o.option === rec.option && <span class="tag">recommended</span>}
                      </th>
                      <td role="cell" data-label={OPTION_COLUMNS[1]}>
                        {o.eligible ? 'Yes' : 'No'}
                      </td>
                      <td role="cell" data-label={OPTION_COLUMNS[2]}>
                        {o.disqualifiedBy.length ? (
                          <ul class="plain">
                            {o.disqualifiedBy.map((d) => (
                              <li key={d.code}>{d.message}</li>
                            ))}
                          </ul>
                        ) : o.priced ? (
                          o.risks.length ? null : (
                            '—'
                          )
                        ) : (
                          `Not priced: missing ${o.missingRates.join(', ')}`
                        )}
                        {o.risks.length > 0 && (
                          <ul class="plain risks" aria-label={`Risks of ${o.label}`}>
                            {o.risks.map((r) => (
                              <li key={r.code} data-code={r.code}>
                                <strong>{r.code}</strong> {r.message}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td role="cell" class="num" data-label={OPTION_COLUMNS[3]}>
                        <span class="cost">{money(o.monthlyCostUsd)}</span>
                        {o.monthlyCostBandUsd && (
                          <span class="band" title="Lowest and highest monthly cost across the volume range">
                            {bandText(o.monthlyCostBandUsd)}
                          </span>
                        )}
                      </td>
                      <td role="cell" data-label={OPTION_COLUMNS[4]}>
                        {sizingText(o)}
                      </td>
                      <td role="cell" data-label={OPTION_COLUMNS[5]}>
                        {o.lineItems.length ? (
                          <button
                            type="button"
                            class="link"
                            aria-expanded={expanded}
                            aria-controls={`lines-${o.option}`}
                            onClick={() => setOpen({ ...open, [o.option]: !expanded })}
                          >
                            {expanded ? 'Hide' : 'Show'} {o.lineItems.length} line items
                            <span class="sr-only"> of {o.label}</span>
                          </button>
                        ) : (
                          'none'
                        )}
                      </td>
                    </tr>
                    {expanded && (
                      <tr role="row" id={`lines-${o.option}`} class="detail">
                        <td role="cell" colSpan={6}>
                          {/* Scrolls sideways on a phone: focusable, so a keyboard can scroll it too. */}
                          <div class="scroll" tabIndex={0} role="region" aria-label={`Line items of ${o.label}`}>
                            <LineItems option={o} provenance={provenance} />
                          </div>
                          {o.assumptions.length > 0 && (
                            <ul class="assumptions">
                              {o.assumptions.map((a, i) => (
                                <li key={i}>{a}</li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <CostBars options={options} recommended={rec.option ?? null} />
      <BreakEvenChart apiKey={apiKey} workload={workload} current={evaluation.workload} onError={onError} />
    </div>
  );
}
