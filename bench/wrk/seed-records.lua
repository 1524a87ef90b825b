-- PUT every key the mixed Zipf workload reads (zipf-0 .. zipf-(RECORD_KEYS-1)) once, spread over
-- wrk's threads, then stop: so the mixed run measures reads of existing records, not 404s.
-- Env: STRATA_TOKEN  JWT (required by Strata)
--      RECORD_BASE   default /v1/users/me/records/
--      RECORD_KEYS   distinct keys, default 10000
--      SEED_THREADS  must equal wrk's -t; run with -c equal to -t (one connection per thread)
function setup(thread)
  thread_count = (thread_count or 0) + 1
  thread:set("thread_id", thread_count - 1)
end

function init(args)
  base = os.getenv("RECORD_BASE") or "/v1/users/me/records/"
  keys = tonumber(os.getenv("RECORD_KEYS") or "10000")
  stride = tonumber(os.getenv("SEED_THREADS") or "1")
  headers = { ["Content-Type"] = "application/json" }
  local token = os.getenv("STRATA_TOKEN")
  if token then
    headers["Authorization"] = "Bearer " .. token
  end
  next_key = thread_id
end

function request()
  local key = next_key
  next_key = next_key + stride
  return wrk.format("PUT", base .. "zipf-" .. key, headers, '{"seeded":true}')
end

function response(status, headers, body)
  if next_key >= keys then
    wrk.thread:stop()
  end
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
