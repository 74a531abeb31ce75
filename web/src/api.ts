import type { TypedOperation } from './generated/graphql';

/** A field-level message from the server (`extensions.fields` over GraphQL). */
export interface FieldMessage {
  field: string;
  message: string;
}

/** Anything that went wrong talking to the service, with the code the API answered (GraphQL `extensions.code`). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly httpStatus: number,
    readonly fields: FieldMessage[] = [],
    readonly domainCode?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphqlResponse<R> {
  data?: R | null;
  errors?: { message: string; extensions?: { code?: string; domainCode?: string; fields?: FieldMessage[] } }[];
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch {
    throw new ApiError('The streamfit service cannot be reached from this page.', 'NETWORK', 0);
  }
}

/** POST one typed operation to /graphql with the key; the first GraphQL error becomes an ApiError. */
export async function graphql<R, V>(key: string, operation: TypedOperation<R, V>, variables: V): Promise<R> {
  const res = await send('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: operation.query, operationName: operation.operationName, variables }),
  });
  let body: GraphqlResponse<R>;
  try {
    body = (await res.json()) as GraphqlResponse<R>;
  } catch {
    throw new ApiError(
      `The service answered HTTP ${res.status} without a GraphQL body.`,
      restCode(res.status),
      res.status,
    );
  }
  const first = body.errors?.[0];
  if (first) {
    throw new ApiError(
      first.message,
      first.extensions?.code ?? restCode(res.status),
      res.status,
      first.extensions?.fields ?? [],
      first.extensions?.domainCode,
    );
  }
  if (!body.data) throw new ApiError('The service answered without data.', 'INTERNAL_SERVER_ERROR', res.status);
  return body.data;
}

/**
 * The estimate as CSV: the API's own CSV (one RFC 4180 row per line item, as finance tools receive it).
 * GraphQL answers JSON only, so this one call uses the documented REST twin of `estimateCosts`.
 */
export async function estimateCsv(key: string, workload: Record<string, unknown>): Promise<string> {
  const res = await send('/v1/estimates', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/csv', authorization: `Bearer ${key}` },
    body: JSON.stringify({ workload }),
  });
  if (res.ok) return csvOf(res);
  throw await restError(res);
}

/** A CSV answer's text with its UTF-8 BOM kept (Response.text() drops it), so a download is the API's bytes. */
async function csvOf(res: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
}

/**
 * An inventory CSV priced by POST /v1/estimates/batch (GraphQL's estimateWorkloads takes 1,000 workloads and no CSV),
 * answered as CSV: the text the table is read from and the bytes the download gives.
 */
export async function batchCsv(key: string, inventory: string): Promise<string> {
  const res = await send('/v1/estimates/batch', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', accept: 'text/csv', authorization: `Bearer ${key}` },
    body: inventory,
  });
  if (res.ok) return csvOf(res);
  throw await restError(res);
}

/** A REST error answer (the one error shape: code, message, fields) as an ApiError. */
async function restError(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; fields?: FieldMessage[] } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON: keep the status
  }
  return new ApiError(
    body.message ?? `HTTP ${res.status}`,
    restCode(res.status),
    res.status,
    body.fields ?? [],
    body.code,
  );
}

/** What POST /v1/workloads/from-metrics answers (README "From CloudWatch"). */
export interface WorkloadFromMetrics {
  workload: Record<string, unknown>;
  observed: {
    period: { start: string; end: string; days: number };
    coverage: { expectedHours: number; hoursWithData: number; missingHours: number };
    statistics: {
      avgWriteMBps: number;
      p99HourWriteMBps: number;
      maxHourWriteMBps: number;
      avgRecordSizeBytes: number;
      readFanOut: number;
    };
    derivation: { field: string; value: unknown; how: string }[];
    warnings: { code: string; message: string }[];
  };
  current: {
    configuration: { option: string; shards?: number; brokers?: number; brokerType?: string };
    label: string;
    monthlyCostUsd: number | null;
    how: string;
  } | null;
}

/**
 * A workload from CloudWatch metrics. REST, not GraphQL: an export of 35 days is ~150 KB, which only this route's
 * larger body limit takes.
 */
export async function workloadFromMetrics(key: string, body: Record<string, unknown>): Promise<WorkloadFromMetrics> {
  const res = await send('/v1/workloads/from-metrics', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  if (res.ok) return (await res.json()) as WorkloadFromMetrics;
  throw await restError(res);
}

/** Whether the server reads CloudWatch itself (AWS access configured) or takes exports only. */
export async function metricsCapabilities(key: string): Promise<{ live: boolean }> {
  const res = await send('/v1/workloads/from-metrics/capabilities', {
    headers: { accept: 'application/json', authorization: `Bearer ${key}` },
  });
  if (res.ok) return (await res.json()) as { live: boolean };
  throw await restError(res);
}

/** Where a rate's price comes from (the rate card's `provenance`). */
export interface RateProvenance {
  kind: string;
  label: string;
  citation: string;
  publicationDate?: string | null;
}

/** A region of GET /v1/regions: what is priced there offline and live, and what AWS does not offer there. */
export interface RegionChoice {
  region: string;
  location: string | null;
  notOffered: { option: string; reason: string }[];
  offline: { pricedOptions: string[]; unpricedOptions: { option: string; missingRates: string[] }[] } | null;
  live: { available: boolean; card: { pricedOptions: string[] } | null };
}

/** GET a JSON document of the REST API with the key; a non-2xx answer becomes an ApiError. */
async function getJson<T>(key: string, path: string): Promise<T> {
  const res = await send(path, { headers: { accept: 'application/json', authorization: `Bearer ${key}` } });
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = {};
  }
  if (res.ok) return body as T;
  const error = body as { code?: string; message?: string };
  throw new ApiError(error.message ?? `HTTP ${res.status}`, restCode(res.status), res.status, [], error.code);
}

/** The regions the service knows (REST twin of the GraphQL `regions` field). */
export function listRegions(key: string): Promise<RegionChoice[]> {
  return getJson<RegionChoice[]>(key, '/v1/regions');
}

/** Rate key → provenance, from the rate card in force for a region. */
export async function rateProvenance(key: string, region: string): Promise<Record<string, RateProvenance>> {
  const card = await getJson<{ rates: { key: string; provenance?: RateProvenance | null }[] }>(
    key,
    `/v1/rate-cards/${encodeURIComponent(region)}`,
  );
  const out: Record<string, RateProvenance> = {};
  for (const rate of card.rates) if (rate.provenance) out[rate.key] = rate.provenance;
  return out;
}

/** `eu-west-1 (EU (Ireland)): offline 3 of 6 options priced`, for the region choice. */
export function regionLabel(r: RegionChoice): string {
  const offered = 6 - r.notOffered.length;
  const offline = r.offline
    ? `offline ${r.offline.pricedOptions.length} of ${offered} options priced`
    : 'no offline rates (live only)';
  const missing = r.notOffered.length ? `; not offered: ${r.notOffered.map((n) => n.option).join(', ')}` : '';
  return `${r.region}${r.location ? ` (${r.location})` : ''}: ${offline}${missing}`;
}

function restCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_USER_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 412:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
  }
}

export const KEY_HINT = 'npm run keys -- create --team my-team --role editor';

/** The error in words a person can act on (401, 403, 412, 503 and the rest). */
export function explain(error: unknown, action: string): string {
  if (!(error instanceof ApiError))
    return `Could not ${action}: ${error instanceof Error ? error.message : String(error)}`;
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return `Could not ${action}: the service did not accept the API key (401): it is missing, mistyped or revoked. Create one with \`${KEY_HINT}\` and paste it above.`;
    case 'FORBIDDEN':
      return `Could not ${action}: your API key is not allowed to (403). ${error.message}. A viewer key can evaluate and read scenarios; saving or editing needs an editor key.`;
    case 'CONFLICT':
      return `Could not ${action}: someone saved this scenario after you opened it (412 conflict). ${error.message}. Reload the scenario to see their change, then apply yours again — nothing was overwritten.`;
    case 'SERVICE_UNAVAILABLE':
      return error.domainCode === 'RATES_UNAVAILABLE'
        ? `Could not ${action}: no rates are available for this region right now (503). ${error.message}`
        : `Could not ${action}: saved scenarios are unavailable right now (503: the service cannot reach its database). Evaluations still work; try again shortly — nothing saved is lost.`;
    case 'NOT_FOUND':
      return `Could not ${action}: not found (404). ${error.message}. It may have been deleted, or belong to another team.`;
    case 'RATE_LIMITED':
      return `Could not ${action}: this key made too many requests (429). Wait a minute and try again.`;
    case 'BAD_USER_INPUT':
    case 'GRAPHQL_VALIDATION_FAILED':
      return error.fields.length
        ? `Could not ${action}: ${error.fields.length === 1 ? 'one field needs' : `${error.fields.length} fields need`} attention (shown next to ${error.fields.length === 1 ? 'it' : 'them'}).`
        : `Could not ${action}: ${error.message}`;
    case 'PAYLOAD_TOO_LARGE':
      return `Could not ${action}: the file is larger than the service accepts (413). ${error.message}. Split it into smaller files.`;
    case 'NETWORK':
      return `Could not ${action}: ${error.message} Is it still running?`;
    default:
      return `Could not ${action}: the service failed (${error.httpStatus || error.code}). ${error.message}`;
  }
}
