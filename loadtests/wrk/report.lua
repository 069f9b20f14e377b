-- The summary every bench script prints at the end: one line "WRK_JSON {...}" read by bench_booking.py.
-- "late": requests of an open loop that started more than 5 ms after their scheduled time (booking.lua).
function done(summary, latency, requests)
  local errors = summary.errors
  local late = 0
  for _, thread in ipairs(threads or {}) do
    late = late + (thread:get("late") or 0)
  end
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"non_2xx":%d,"socket_errors":%d,'
      .. '"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d,"late":%d}\n',
    summary.requests, summary.duration, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, late
  ))
end
