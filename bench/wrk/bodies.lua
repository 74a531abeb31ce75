-- wrk script for `npm run bench` (bench/http.bench.ts). Environment:
--   BENCH_PATH   request path (/v1/evaluations or /graphql)
--   BENCH_KIND   rest | graphql: which body to build
--   BENCH_MODE   distinct (a workload never sent before on every request) | repeated (one body) |
--                mixed (1 request in 5 is one of 20 common workloads, sent again and again; the other 4 are new)
--   BENCH_SEED   offset of the counter, so warm-up and measured runs never send the same workload
--   BENCH_AUTH   value of the authorization header (optional)
-- Prints one JSON line at the end: requests, non-2xx, socket errors, bytes, latency percentiles (µs).
local path = os.getenv('BENCH_PATH') or '/v1/evaluations'
local kind = os.getenv('BENCH_KIND') or 'rest'
local mode = os.getenv('BENCH_MODE') or 'distinct'
local seed = tonumber(os.getenv('BENCH_SEED') or '0')
local auth = os.getenv('BENCH_AUTH')

local headers = { ['content-type'] = 'application/json' }
if auth and auth ~= '' then headers['authorization'] = auth end

local query = 'query Evaluate($input: WorkloadInput!) { evaluateWorkload(input: $input) { '
  .. 'recommendation { option headline reasons monthlyCostUsd } '
  .. 'options { option label eligible rank monthlyCostUsd disqualifiedBy { code message } } '
  .. 'rateCard { id source publicationDate stale } warnings { code message } } }'

-- The counter is folded into the ingest (100.000 .. 1099.999 GB/day in steps of 0.001) and the shared
-- consumers (1..3), so every request is a workload the server has not seen (3 million before one repeats).
local function workload(n)
  local i = n % 1000000
  return string.format(
    '{"ingestGbPerDay":%d.%03d,"avgRecordSizeKB":1,"sharedConsumers":%d,"retentionHours":24,"trafficPattern":"STEADY"}',
    100 + math.floor(i / 1000), i % 1000, 1 + math.floor(n / 1000000) % 3)
end

local function body(n)
  if kind == 'graphql' then
    return '{"query":"' .. query .. '","variables":{"input":' .. workload(n) .. '}}'
  end
  return '{"workload":' .. workload(n) .. '}'
end

local counter = seed
local fixed = nil

function request()
  if mode == 'repeated' then
    fixed = fixed or wrk.format('POST', path, headers, body(0))
    return fixed
  end
  counter = counter + 1
  -- The common workloads are counters 1..20 (never reached by distinct runs, whose seeds start at 150,000).
  if mode == 'mixed' and counter % 5 == 0 then
    return wrk.format('POST', path, headers, body(1 + math.floor(counter / 5) % 20))
  end
  return wrk.format('POST', path, headers, body(counter))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"non2xx":%d,"socketErrors":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
