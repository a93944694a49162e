-- wrk script: POST /incidents with a distinct Idempotency-Key and customer per request.
-- Arguments (after --): reporter-token source [rate-per-second connections, for the fixed-rate phase]
local threads = {}
local counter = 0
local token, source, delay_ms
created, other = 0, 0 -- globals: done() reads them through thread:get

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  token, source = args[1], args[2]
  local rate = tonumber(args[3] or "0")
  if rate > 0 then
    -- every connection waits its share, so all connections together send about `rate` per second
    delay_ms = 1000 * tonumber(args[4]) / rate
  end
end

function delay()
  return delay_ms or 0
end

function request()
  counter = counter + 1
  local key = source .. "-" .. id .. "-" .. counter
  local body = '{"source":"' .. source .. '","externalRef":"' .. key .. '","channel":"WEB",' ..
    '"category":"delivery","severity":"HIGH","summary":"Benchmark incident",' ..
    '"description":"Posted by the intake benchmark.","public":false,' ..
    '"customer":{"id":"' .. key .. '","name":"Bench Customer","email":"bench@example.no","locale":"nb-NO"}}'
  return wrk.format("POST", "/incidents", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key,
  }, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local total_created, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_created = total_created + thread:get("created")
    total_other = total_other + thread:get("other")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT created=%d other=%d errors=%d seconds=%.1f rate=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    total_created, total_other,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    seconds, total_created / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
