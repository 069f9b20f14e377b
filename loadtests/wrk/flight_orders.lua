-- wrk script: POST /api/v1/flights/orders as many buyers, each passenger with a passport never used before, a
-- fresh Idempotency-Key per request. Closed loop (each connection sends again as soon as it is answered).
--
-- Read from the environment (files written by bench_flights.py):
--   BENCH_TOKENS      bearer tokens, one per line; requests take them in turn
--   BENCH_TARGETS     "departure_id fare_id" per line; requests take them in turn
--   BENCH_PASSENGERS  passengers per order (1..9, default 1)
--   BENCH_CODES       a file this script writes at the end: how many answers of each kind, as JSON
--                     ({"201": n, "cabin_sold_out": n, ...}: the status for a 2xx, else the error's "code")
--   BENCH_WRK_DIR     this directory (for report.lua, which prints the summary the harness reads)

local thread_count = 0
threads = {}

function setup(thread)
  thread_count = thread_count + 1
  threads[thread_count] = thread
  thread:set("tag", string.format("w%d-%d", thread_count, os.time()))
  -- Document numbers are 5 to 20 letters and digits.
  thread:set("passport", string.format("P%d%05d", thread_count, os.time() % 100000))
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
    local departure_id, fare_id = line:match("(%S+)%s+(%S+)")
    targets[#targets + 1] = { departure_id, fare_id }
  end
  passengers = tonumber(os.getenv("BENCH_PASSENGERS") or "1") or 1
  counter = 0
  codes = {} -- answers by kind, summed by answer_codes.lua
end

local function passenger(number)
  -- Latin names as in a passport; the number is unique in the whole run (thread tag, request, position).
  return string.format(
    '{"type":"adult","given_name":"BENCH","family_name":"TRAVELLER","birth_date":"1990-01-01",'
      .. '"nationality":"KZ","document":{"number":"%s","expires_on":"2036-01-01","issuing_country":"KZ"}}',
    number
  )
end

function request()
  counter = counter + 1
  local target = targets[counter % #targets + 1]
  local people = {}
  for p = 1, passengers do
    people[p] = passenger(string.format("%s%07d%d", passport, counter, p))
  end
  local body = string.format(
    '{"cabin":"economy","legs":[{"departure_id":"%s","fare_id":"%s"}],"passengers":[%s]}',
    target[1], target[2], table.concat(people, ",")
  )
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[(counter + #tag * 31) % #tokens + 1],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = tag .. "-" .. counter,
  }
  return wrk.format("POST", "/api/v1/flights/orders", headers, body)
end

dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/answer_codes.lua")
