import { money, OPTION_STYLE, optionName } from '../format';
import type { OptionCode, OptionFieldsFragment } from '../generated/graphql';

const WIDTH = 720;
const LABEL = 190;
const ROW = 34;
const TOP = 10;

/** Monthly cost per option as horizontal bars (hand-made SVG); ineligible options drawn grey and said so. */
export function CostBars({
  options,
  recommended,
}: {
  options: OptionFieldsFragment[];
  recommended: OptionCode | null;
}) {
  const max = Math.max(1, ...options.map((o) => o.monthlyCostUsd ?? 0));
  const barSpace = WIDTH - LABEL - 150;
  const height = TOP * 2 + options.length * ROW;
  const summary = options
    .map(
      (o) =>
        `${optionName(o.option)}: ${o.monthlyCostUsd === null || o.monthlyCostUsd === undefined ? 'not priced' : money(o.monthlyCostUsd)}${o.eligible ? '' : ' (not eligible)'}`,
    )
    .join('; ');
  return (
    <section aria-labelledby="bars-title">
      <h2 id="bars-title">Monthly cost per option</h2>
      <svg
        class="chart bars"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="bars-svg-title bars-svg-desc"
      >
        <title id="bars-svg-title">Monthly cost per option, USD</title>
        <desc id="bars-svg-desc">{summary}</desc>
        {options.map((o, i) => {
          const y = TOP + i * ROW;
          const cost = o.monthlyCostUsd ?? null;
          const w = cost === null ? 0 : Math.max(2, (cost / max) * barSpace);
          const colour = o.eligible ? OPTION_STYLE[o.option].colour : '#9aa0a6';
          const label = cost === null ? 'not priced' : `${money(cost)}${o.eligible ? '' : ' · not eligible'}`;
          return (
            <g key={o.option} data-option={o.option} class="bar">
              <text
                x={LABEL - 8}
                y={y + ROW / 2 + 4}
                text-anchor="end"
                class={o.option === recommended ? 'strong' : undefined}
              >
                {optionName(o.option)}
              </text>
              <rect x={LABEL} y={y + 6} width={w} height={ROW - 12} fill={colour} opacity={o.eligible ? 1 : 0.6} rx="2">
                <title>{`${o.label}: ${label}`}</title>
              </rect>
              <text x={LABEL + w + 6} y={y + ROW / 2 + 4}>
                {label}
                {o.option === recommended ? ' ★' : ''}
              </text>
            </g>
          );
        })}
      </svg>
    </section>
  );
}
