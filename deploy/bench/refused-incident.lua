-- wrk script: POST /incidents with an incident intake must refuse (an unknown channel): the request
-- path (HTTP, token, JSON, validation, problem+json) without the database. Arguments (after --): reporter-token
local threads = {}
local token
refused, other = 0, 0 -- globals: done() reads them through thread:get

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
end

function request()
  return wrk.format("POST", "/incidents", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, '{"source":"bench","externalRef":"ORD-1","channel":"PIGEON","category":"delivery","severity":"HIGH",' ..
    '"summary":"Benchmark incident","customer":{"id":"C-1","name":"Bench Customer","email":"bench@example.no"}}')
end

function response(status, headers, body)
  if status == 400 then refused = refused + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local total_refused, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_refused = total_refused + thread:get("refused")
    total_other = total_other + thread:get("other")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT refused=%d other=%d seconds=%.1f rate=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    total_refused, total_other, seconds, total_refused / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
