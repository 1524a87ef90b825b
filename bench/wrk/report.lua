-- Shared done() hook: prints one JSON line with throughput, errors and latency percentiles (in
-- microseconds) from wrk's own latency histogram, so run.sh never scrapes wrk's text output.
-- Each scenario script loads it last: dofile(<this directory> .. "report.lua").
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '\nWRK_JSON {"requests":%d,"seconds":%.3f,"rps":%.1f,"bytes":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
