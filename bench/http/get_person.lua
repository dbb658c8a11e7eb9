-- get_person.lua - wrk script: GET a random person per request.
--
-- Environment: BENCH_IDS (file of person ids, one a line), BENCH_PATH
-- (path template, "{id}" replaced; default /api/v1/persons/{id}),
-- BENCH_COOKIE. The nginx baseline uses the same script with
-- BENCH_PATH=/person.json?id={id}, so both sides cost wrk the same.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/http") .. "/?.lua;" .. package.path
local common = require("common")

local ids = common.read_lines(os.getenv("BENCH_IDS") or error("BENCH_IDS not set"))
local template = os.getenv("BENCH_PATH") or "/api/v1/persons/{id}"
local headers = common.session_headers(false)

setup = common.setup
done = common.done

function init(args)
   math.randomseed(os.time() * 1000 + (tonumber(wrk.thread:get("tid")) or 0))
end

function request()
   local id = ids[math.random(#ids)]
   return wrk.format("GET", (template:gsub("{id}", id)), headers)
end
