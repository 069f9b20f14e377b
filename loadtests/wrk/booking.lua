-- wrk script: POST /api/v1/bookings as many buyers, one seat each, a fresh Idempotency-Key per request.
--
-- Read from the environment (files written by bench_booking.py):
--   BENCH_TOKENS   bearer tokens, one per line; requests take them in turn, so with more connections than
--                  tokens each buyer has several requests in flight at once
--   BENCH_TARGETS  "session_id ticket_type_id" per line; requests take them in turn
--   BENCH_RATE     requests per second of each wrk thread for an open-loop run: Poisson arrivals on a
--                  schedule kept by the clock, whether or not earlier requests have been answered. A free
--                  connection takes the next arrival and waits for its time; a request that can only start
--                  more than 5 ms after its time (every connection busy) is counted as late.
--                  0 or unset for a closed loop (each connection sends again as soon as it is answered)
--   BENCH_WRK_DIR  this directory (for report.lua, which prints the summary bench_booking.py reads)

local thread_count = 0
threads = {}

function setup(thread)
  thread_count = thread_count + 1
  threads[thread_count] = thread
  thread:set("tag", string.format("w%d-%d", thread_count, os.time()))
end

local function lines(path)
  local found = {}
  for line in io.lines(path) do
    if line ~= "" then
      found[#found + 1] = line
    end
  end
  return found
end

function init(args)
  tokens = lines(os.getenv("BENCH_TOKENS"))
  targets = {}
  for _, line in ipairs(lines(os.getenv("BENCH_TARGETS"))) do
    local session_id, ticket_type_id = line:match("(%S+)%s+(%S+)")
    targets[#targets + 1] = string.format(
      '{"session_id":"%s","items":[{"ticket_type_id":"%s","quantity":1}]}', session_id, ticket_type_id
    )
  end
  counter = 0
  late = 0
  math.randomseed(os.time() + #tag * 7919)
end

function request()
  counter = counter + 1
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[(counter + #tag * 31) % #tokens + 1],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = tag .. "-" .. counter,
  }
  return wrk.format("POST", "/api/v1/bookings", headers, targets[counter % #targets + 1])
end

dofile(os.getenv("BENCH_WRK_DIR") .. "/open_loop.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
