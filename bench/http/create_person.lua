-- create_person.lua - wrk script: POST /api/v1/persons with an
-- unidentified person per request, named from realistic Lithuanian name
-- lists (registrations mostly reuse name tokens the index already knows;
-- a unique made-up surname per request would measure the typo index's
-- growth instead), and counts the 201 answers ("created" in the BENCH
-- line).
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

local given = {"Jonas", "Petras", "Antanas", "Tomas", "Mindaugas", "Darius",
   "Ona", "Marija", "Aldona", "Rūta", "Jūratė", "Živilė", "Ieva", "Lina"}
local family = {"Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius",
   "Vasiliauskas", "Žukauskas", "Butkus", "Paulauskas", "Kazlauskienė",
   "Jankauskaitė", "Petrauskienė", "Stankevičiūtė", "Žukauskienė", "Butkutė"}

function request()
   counter = counter + 1
   local body = string.format(
      '{"given_names":"%s","family_name":"%s","identified":false,"other_id_type":"bench","other_id_number":"%st%dn%d"}',
      given[counter % #given + 1], family[(counter * 7 + tid) % #family + 1],
      run_id, tid, counter)
   return wrk.format("POST", "/api/v1/persons", headers, body)
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
      wrk.thread:set("created", created)
   end
end
