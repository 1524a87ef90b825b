-- PUT small JSON records, cycling each thread over its own RECORD_KEYS keys (first pass creates,
-- later passes replace).
-- Env: STRATA_TOKEN  JWT (required by Strata)
--      STRATA_TOKENS comma-separated JWTs of several users: each request takes the next one in turn, so
--                    concurrent PUTs belong to different users (overrides STRATA_TOKEN)
--      RECORD_BASE   default /v1/users/me/records/
--      RECORD_KEYS   keys per thread, default 10000
local next_thread_id = 0

function setup(thread)
  thread:set("thread_id", next_thread_id)
  next_thread_id = next_thread_id + 1
end

function init(args)
  base = os.getenv("RECORD_BASE") or "/v1/users/me/records/"
  keys = tonumber(os.getenv("RECORD_KEYS") or "10000")
  headers = { ["Content-Type"] = "application/json" }
  local token = os.getenv("STRATA_TOKEN")
  if token then
    headers["Authorization"] = "Bearer " .. token
  end
  local list = os.getenv("STRATA_TOKENS")
  if list and list ~= "" then
    tokens = {}
    for t in string.gmatch(list, "[^,]+") do
      tokens[#tokens + 1] = "Bearer " .. t
    end
  end
  sent = 0
end

function request()
  sent = sent + 1
  if tokens then
    headers["Authorization"] = tokens[sent % #tokens + 1]
  end
  local key = string.format("bench-%d-%d", thread_id, sent % keys)
  local body = string.format(
    '{"displayName":"User %d","theme":"dark","locale":"en-GB","notifications":true,"counter":%d}',
    thread_id, sent)
  return wrk.format("PUT", base .. key, headers, body)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
