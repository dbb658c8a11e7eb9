-- search.lua - wrk script: POST /api/v1/persons/search, rotating through
-- the queries of BENCH_QUERIES (default bench/http/search-queries.txt),
-- one a line. Counts responses with no hits ("empty" in the BENCH line)
-- so a query list that stopped matching the demo data shows up.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/http") .. "/?.lua;" .. package.path
local common = require("common")

local queries = common.read_lines(os.getenv("BENCH_QUERIES") or
   ((os.getenv("BENCH_LUA_DIR") or "bench/http") .. "/search-queries.txt"))
local headers = common.session_headers(true)
local reqs = {}

setup = common.setup
done = common.done

function init(args)
   local tid = tonumber(wrk.thread:get("tid")) or 1
   -- Pre-format every request once; each thread starts at its own offset.
   for i, q in ipairs(queries) do
      reqs[i] = wrk.format("POST", "/api/v1/persons/search", headers,
                           '{"query":' .. common.json_string(q) .. '}')
   end
   pos = (tid * 7) % #reqs
   ok, empty = 0, 0
end

function request()
   pos = pos % #reqs + 1
   return reqs[pos]
end

function response(status, headers, body)
   if status == 200 then
      ok = ok + 1
      if body:find('"items":%[%]') then empty = empty + 1 end
      wrk.thread:set("ok", ok)
      wrk.thread:set("empty", empty)
   end
end
