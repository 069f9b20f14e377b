-- wrk script: POST /api/v1/bookings on a seated session as many buyers, each choosing seats on the map (or, with
-- BENCH_SEATS unset, asking for the best available). Closed loop: each connection sends again when answered.
--
-- Read from the environment (files written by bench_seating.py):
--   BENCH_TOKENS   bearer tokens, one per line; requests take them in turn
--   BENCH_SESSION  the session's id
--   BENCH_TYPE     the ticket type's id (it prices every zone the seats come from)
--   BENCH_SEATS    seat codes to choose from, one per line (a request picks BENCH_PICK of them at random)
--   BENCH_PICK     seats per booking (default 2)
--   BENCH_CODES    a file this script writes at the end: how many answers of each kind, as JSON
--   BENCH_WRK_DIR  this directory (for report.lua)

local thread_count = 0
threads = {}

function setup(thread)
  thread_count = thread_count + 1
  threads[thread_count] = thread
  thread:set("seed", thread_count * 7919 + os.time())
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
  math.randomseed(seed)
  tokens = lines(os.getenv("BENCH_TOKENS"))
  session_id = os.getenv("BENCH_SESSION")
  type_id = os.getenv("BENCH_TYPE")
  local seats_file = os.getenv("BENCH_SEATS")
  seats = seats_file and seats_file ~= "" and lines(seats_file) or nil
  pick = tonumber(os.getenv("BENCH_PICK") or "2") or 2
  counter = seed
  codes = {} -- answers by kind, summed by answer_codes.lua
end

function request()
  counter = counter + 1
  local chosen = ""
  if seats then
    local picked, names = {}, {}
    while #names < pick do
      local code = seats[math.random(#seats)]
      if not picked[code] then
        picked[code] = true
        names[#names + 1] = '"' .. code .. '"'
      end
    end
    chosen = ',"seats":[' .. table.concat(names, ",") .. "]"
  end
  local body = string.format(
    '{"session_id":"%s","items":[{"ticket_type_id":"%s","quantity":%d}]%s}', session_id, type_id, pick, chosen
  )
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[counter % #tokens + 1],
    ["Content-Type"] = "application/json",
  }
  return wrk.format("POST", "/api/v1/bookings", headers, body)
end

dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/answer_codes.lua")
