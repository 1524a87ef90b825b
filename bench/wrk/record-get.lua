-- GET one path (a record, a blob, or /floor): the cached record GET once the key is warm.
-- Env: STRATA_TOKEN  JWT sent as "Authorization: Bearer ..." (omitted when unset, e.g. for bench/floor)
--      RECORD_PATH   default /v1/users/me/records/bench-key
-- One request per response (no pipelining); the request is built once since it never changes.
local token = os.getenv("STRATA_TOKEN")

wrk.method = "GET"
wrk.path = os.getenv("RECORD_PATH") or "/v1/users/me/records/bench-key"
if token then
  wrk.headers["Authorization"] = "Bearer " .. token
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "report.lua")
