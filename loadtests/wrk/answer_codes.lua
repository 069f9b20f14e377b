-- Answers by kind, for the scripts whose refusals matter (seat picks, flight orders): each thread counts
-- its answers in a global `codes` table (set up in its init) by HTTP status, or by the error's stable `code`
-- for a refusal; when wrk is done, report.lua's summary is printed and the counts, summed over the threads,
-- go to BENCH_CODES as one JSON object. Loaded after report.lua, by a script keeping a global `threads`.

function response(status, headers, body)
  local kind = tostring(status)
  if status >= 300 then
    kind = body:match('"code"%s*:%s*"([^"]+)"') or kind
  end
  codes[kind] = (codes[kind] or 0) + 1
end

local summarise = done
function done(summary, latency, requests)
  summarise(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for kind, count in pairs(thread:get("codes") or {}) do
      total[kind] = (total[kind] or 0) + count
    end
  end
  local parts = {}
  for kind, count in pairs(total) do
    parts[#parts + 1] = string.format('"%s":%d', kind, count)
  end
  local out = assert(io.open(os.getenv("BENCH_CODES"), "w"))
  out:write("{" .. table.concat(parts, ",") .. "}\n")
  out:close()
end
