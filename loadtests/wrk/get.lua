-- wrk script: GET requests over a list of paths taken in turn (BENCH_PATHS: one path per line); BENCH_RATE
-- for an open loop at a fixed rate per thread (open_loop.lua), else a closed loop.
local thread_count = 0
threads = {}

function setup(thread)
  thread_count = thread_count + 1
  threads[thread_count] = thread
  thread:set("offset", thread_count * 7919)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  counter = offset
  late = 0
  math.randomseed(os.time() + offset)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[counter % #paths + 1])
end

dofile(os.getenv("BENCH_WRK_DIR") .. "/open_loop.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
