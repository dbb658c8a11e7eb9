-- create_person.lua - wrk script: POST /api/v1/persons with a unique
-- unidentified person per request ("Bench" / "N<run>t<thread>n<counter>")
-- and counts the 201 answers ("created" in the BENCH line).
--
-- Environment: BENCH_COOKIE, BENCH_CSRF (a social worker's session),
-- BENCH_RUN_ID (makes names unique across runs).
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/http") .. "/?.lua;" .. package.path
local common = require("common")

local headers = common.session_headers(true)
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())

setup = common.setup
done = common.done

function init(args)
   tid = tonumber(wrk.thread:get("tid")) or 1
   counter, created = 0, 0
end

function request()
   counter = counter + 1
   local body = string.format(
      '{"given_names":"Bench","family_name":"N%st%dn%d","identified":false}',
      run_id, tid, counter)
   return wrk.format("POST", "/api/v1/persons", headers, body)
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
      wrk.thread:set("created", created)
   end
end
