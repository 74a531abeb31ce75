/**
 * What the page shows, in its URL, so that a reload or a shared link shows the same: the view, the evaluated workload
 * (`w`: its JSON, UTF-8, base64url) or the scenario and the version on screen. Never the API key: it stays in this
 * tab's sessionStorage, and whoever opens a shared link pastes their own.
 *   /?w=eyJpbmdlc3RHYlBlckRheSI6MTAwfQ            an evaluation
 *   /?view=scenarios&scenario=<id>&version=2       a scenario at version 2
 */
export type View = 'evaluate' | 'scenarios' | 'inventory' | 'price-changes';

export interface UrlState {
  view: View;
  /** The evaluated workload, as sent to the API; undefined when the URL names none or cannot be read. */
  workload?: Record<string, unknown>;
  /** Set when the URL holds a `w` that is not a workload. */
  unreadable?: boolean;
  scenario?: string;
  version?: number;
  /** What runs today (From CloudWatch), which the evaluation compares with the best fit. */
  current?: { option: string; monthlyCostUsd: number | null };
}

const VIEWS: readonly View[] = ['evaluate', 'scenarios', 'inventory', 'price-changes'];

export function encodeWorkload(workload: Record<string, unknown>): string {
  const bytes = new TextEncoder().encode(JSON.stringify(workload));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeWorkload(text: string): Record<string, unknown> | undefined {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const value: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const named = params.get('view') as View | null;
  const scenario = params.get('scenario') ?? undefined;
  const view: View = named && VIEWS.includes(named) ? named : scenario ? 'scenarios' : 'evaluate';
  const state: UrlState = { view };
  const w = params.get('w');
  if (w !== null) {
    state.workload = decodeWorkload(w);
    if (!state.workload) state.unreadable = true;
  }
  const current = params.get('current');
  if (state.workload && current && /^[A-Z_]{1,40}$/.test(current)) {
    const cost = params.get('currentCost');
    state.current = {
      option: current,
      monthlyCostUsd: cost !== null && Number.isFinite(Number(cost)) ? Number(cost) : null,
    };
  }
  if (scenario) state.scenario = scenario;
  const version = Number(params.get('version'));
  if (scenario && Number.isInteger(version) && version > 0) state.version = version;
  return state;
}

/** The query string (`?…`, or '' for the bare console) that says `state`. */
export function urlQuery(state: Omit<UrlState, 'unreadable'>): string {
  const params = new URLSearchParams();
  if (state.view !== 'evaluate') params.set('view', state.view);
  if (state.workload) params.set('w', encodeWorkload(state.workload));
  if (state.workload && state.current) {
    params.set('current', state.current.option);
    if (state.current.monthlyCostUsd !== null) params.set('currentCost', String(state.current.monthlyCostUsd));
  }
  if (state.view === 'scenarios' && state.scenario) {
    params.set('scenario', state.scenario);
    if (state.version) params.set('version', String(state.version));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}
