-- PUT 1 MiB blobs, cycling each thread over BLOB_NAMES names. The requests are formatted once in
-- init, so the load generator does not build a 1 MiB string per request.
-- Env: STRATA_TOKEN  JWT (required by Strata)
--      BLOB_BASE     default /v1/users/me/blobs/
--      BLOB_NAMES    names per thread, default 8
--      BLOB_BYTES    body size, default 1048576
local next_thread_id = 0

function setup(thread)
  thread:set("thread_id", next_thread_id)
  next_thread_id = next_thread_id + 1
end

function init(args)
  local base = os.getenv("BLOB_BASE") or "/v1/users/me/blobs/"
  local names = tonumber(os.getenv("BLOB_NAMES") or "8")
  local size = tonumber(os.getenv("BLOB_BYTES") or "1048576")
  local pattern = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
  local body = string.rep(pattern, math.floor(size / #pattern)) .. string.sub(pattern, 1, size % #pattern)
  local headers = { ["Content-Type"] = "application/octet-stream" }
  local token = os.getenv("STRATA_TOKEN")
  if token then
    headers["Authorization"] = "Bearer " .. token
  end
  requests = {}
  for i = 1, names do
    requests[i] = wrk.format("PUT", string.format("%sbench-%d-%d.bin", base, thread_id, i), headers, body)
  end
  sent = 0
end

function request()
  sent = sent + 1
  return requests[(sent - 1) % #requests + 1]
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
