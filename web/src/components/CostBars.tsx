import { money, OPTION_STYLE, optionName } from '../format';
import type { OptionCode, OptionFieldsFragment } from '../generated/graphql';
import { useWidth } from '../use-width';

const TOP = 10;
/** Below this width (a phone) each option's name sits above its bar instead of beside it. */
const NARROW = 560;

/** Monthly cost per option as horizontal bars (hand-made SVG); ineligible options drawn grey and said so. */
export function CostBars({
  options,
  recommended,
}: {
  options: OptionFieldsFragment[];
  recommended: OptionCode | null;
}) {
  const [ref, WIDTH] = useWidth<HTMLElement>(720);
  const narrow = WIDTH < NARROW;
  const LABEL = narrow ? 0 : 190;
  const ROW = narrow ? 44 : 34;
  // The bar's top and the baseline of its name, within a row.
  const barTop = narrow ? 20 : 6;
  const nameY = narrow ? 13 : ROW / 2 + 4;
  const max = Math.max(1, ...options.map((o) => o.monthlyCostUsd ?? 0));
  const barSpace = Math.max(40, WIDTH - LABEL - (narrow ? 110 : 150));
  const height = TOP * 2 + options.length * ROW;
  const summary = options
    .map(
      (o) =>
        `${optionName(o.option)}: ${o.monthlyCostUsd === null || o.monthlyCostUsd === undefined ? 'not priced' : money(o.monthlyCostUsd)}${o.eligible ? '' : ' (not eligible)'}`,
    )
    .join('; ');
  return (
    <section aria-labelledby="bars-title" class="bars-section" ref={ref}>
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
          const label = cost === null ? 'not priced' : `${money(cost)}${o.eligible || narrow ? '' : ' · not eligible'}`;
          return (
            <g key={o.option} data-option={o.option} class="bar">
              <text
                x={narrow ? 0 : LABEL - 8}
                y={y + nameY}
                text-anchor={narrow ? 'start' : 'end'}
                class={o.option === recommended ? 'strong' : undefined}
              >
                {optionName(o.option)}
                {narrow && !o.eligible ? ' (not eligible)' : ''}
              </text>
              <rect
                x={LABEL}
                y={y + barTop}
                width={w}
                height={narrow ? 16 : ROW - 12}
                fill={colour}
                opacity={o.eligible ? 1 : 0.6}
                rx="2"
              >
                <title>{`${o.label}: ${label}`}</title>
              </rect>
              <text x={LABEL + w + 6} y={y + barTop + (narrow ? 12 : ROW / 2 - 2)}>
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
