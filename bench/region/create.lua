-- POST /v1/placements, each request a fresh shift from the slot file (BENCH_SLOTS: agreementId, startsAt,
-- endsAt per line, tab-separated) with its own Idempotency-Key. Thread i of n takes lines i, i+n, i+2n, ...
-- so no two requests ask for the same slot; a run that uses up its slots would start to see 409s.
local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  local n = tonumber(os.getenv("BENCH_THREADS"))
  local run = os.getenv("BENCH_RUN") or "run"
  slots = {}
  local i = 0
  for line in io.lines(os.getenv("BENCH_SLOTS")) do
    if i % n == tid - 1 then
      table.insert(slots, line)
    end
    i = i + 1
  end
  next_slot = 1
  created, other = 0, 0
  prefix = run .. "-" .. tid .. "-"
  headers = {["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"), ["Content-Type"] = "application/json",
             ["Accept"] = "application/json"}
end

function request()
  local line = slots[next_slot] or slots[1]
  local agreement, starts, ends = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
  headers["Idempotency-Key"] = prefix .. next_slot
  next_slot = next_slot + 1
  local body = string.format('{"agreementId":"%s","startsAt":"%s","endsAt":"%s","breakMinutes":30}', agreement, starts, ends)
  return wrk.format("POST", "/v1/placements", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
    if other <= 3 then
      io.stderr:write("status " .. status .. ": " .. body .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p90_us=%d p99_us=%d max_us=%d created=%d non201=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, c, o, e.connect + e.read + e.write + e.timeout))
end
