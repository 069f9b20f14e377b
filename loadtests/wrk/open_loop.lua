-- Open-loop pacing shared by the wrk scripts: with BENCH_RATE > 0 (requests per second of each wrk thread)
-- arrivals are Poisson on a schedule kept by the clock, whether or not earlier requests were answered; a free
-- connection takes the next arrival and waits for its time, and a request that can only start more than 5 ms
-- after its time (every connection busy) is counted in the thread's global `late`. Unset or 0: a closed loop.
--
-- Defined only for an open loop: wrk asks for a pause before every request of a script that has it. wrk's
-- own pause starts when the connection's previous answer arrives, which would make slow answers slow the
-- arrivals down (a closed loop with think time); this one waits for the next arrival of a schedule kept
-- by the clock instead.
local rate = tonumber(os.getenv("BENCH_RATE") or "0") or 0
if rate > 0 then
  local ffi = require("ffi")
  ffi.cdef([[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *tp);
  ]])
  local now = ffi.new("bench_timespec")
  local CLOCK_MONOTONIC = 1
  local next_arrival = nil

  local function clock_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, now)
    return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
  end

  function delay()
    local at = clock_ms()
    next_arrival = (next_arrival or at) - math.log(1 - math.random()) * 1000 / rate
    local wait = next_arrival - at
    if wait < -5 then
      late = late + 1
    end
    return math.max(0, math.floor(wait + 0.5))
  end
end
