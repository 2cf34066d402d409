-- wrk script of ServerLoad: POST /v1/suggest, each thread cycling through the request bodies of a
-- file (one JSON object a line) from its own starting point, stopping after its share of requests.
-- Arguments: the bodies file, the most requests of one thread.
local requests = {}
local limit = 0
local sent = 0
local nextRequest = 1
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  local headers = { ["Content-Type"] = "application/json" }
  for line in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format("POST", "/v1/suggest", headers, line)
  end
  limit = tonumber(args[2])
  nextRequest = (id * 997) % #requests + 1
end

function request()
  sent = sent + 1
  if sent > limit then
    wrk.thread:stop()
  end
  local r = requests[nextRequest]
  nextRequest = nextRequest % #requests + 1
  return r
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "HUASHU requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d"
      .. " p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
