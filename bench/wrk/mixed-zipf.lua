-- Mixed reads and writes over Zipf-popular record keys, seeded per thread so a run is repeatable.
-- Env: STRATA_TOKEN  JWT (required by Strata)
--      RECORD_BASE   default /v1/users/me/records/
--      RECORD_KEYS   distinct keys, default 10000 (key 0 is the most popular)
--      ZIPF_S        Zipf exponent, default 0.99
--      READ_RATIO    share of GETs, default 0.9
--      SEED          default 42; thread i uses SEED + i
local next_thread_id = 0

function setup(thread)
  thread:set("thread_id", next_thread_id)
  next_thread_id = next_thread_id + 1
end

function init(args)
  base = os.getenv("RECORD_BASE") or "/v1/users/me/records/"
  read_ratio = tonumber(os.getenv("READ_RATIO") or "0.9")
  local keys = tonumber(os.getenv("RECORD_KEYS") or "10000")
  local exponent = tonumber(os.getenv("ZIPF_S") or "0.99")
  math.randomseed(tonumber(os.getenv("SEED") or "42") + thread_id)

  cumulative = {}
  local sum = 0
  for k = 1, keys do
    sum = sum + 1 / k ^ exponent
    cumulative[k] = sum
  end
  for k = 1, keys do
    cumulative[k] = cumulative[k] / sum
  end

  read_headers = {}
  write_headers = { ["Content-Type"] = "application/json" }
  local token = os.getenv("STRATA_TOKEN")
  if token then
    read_headers["Authorization"] = "Bearer " .. token
    write_headers["Authorization"] = "Bearer " .. token
  end
  sent = 0
end

-- The first key whose cumulative probability reaches u (binary search); keys are 0-based.
local function zipf_key()
  local u = math.random()
  local low, high = 1, #cumulative
  while low < high do
    local mid = math.floor((low + high) / 2)
    if cumulative[mid] < u then
      low = mid + 1
    else
      high = mid
    end
  end
  return low - 1
end

function request()
  sent = sent + 1
  local path = base .. "zipf-" .. zipf_key()
  if math.random() < read_ratio then
    return wrk.format("GET", path, read_headers)
  end
  local body = string.format('{"thread":%d,"write":%d}', thread_id, sent)
  return wrk.format("PUT", path, write_headers, body)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
