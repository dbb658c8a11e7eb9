-- common.lua - shared by the wrk scripts in bench/http: session headers
-- from the environment, per-thread ids, and a `done` that prints one
-- machine-readable line for bench/run.sh:
--
--   BENCH requests=N duration_s=S req_s=R p50_ms=.. p90_ms=.. p99_ms=..
--         max_ms=.. status_errors=.. socket_errors=.. ok=.. created=..
--
-- wrk runs setup() and done() in one Lua state and init/request/response
-- in one state per thread; per-thread counters reach done() through
-- thread:get(), which is why setup() keeps the thread objects.

local common = {}

-- The session cookie and CSRF token come from bench/run.sh (curl login).
function common.session_headers(json_body)
   local h = {}
   local cookie = os.getenv("BENCH_COOKIE")
   local csrf = os.getenv("BENCH_CSRF")
   if cookie and cookie ~= "" then h["Cookie"] = cookie end
   if csrf and csrf ~= "" then h["X-CSRF-Token"] = csrf end
   if json_body then h["Content-Type"] = "application/json" end
   return h
end

-- Reads a file of one value per line (ids, queries); skips blank lines
-- and lines starting with '#'.
function common.read_lines(path)
   local t = {}
   local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
   for line in f:lines() do
      if line ~= "" and line:sub(1, 1) ~= "#" then t[#t + 1] = line end
   end
   f:close()
   assert(#t > 0, "no lines in " .. path)
   return t
end

-- JSON string literal for a UTF-8 string (quotes, backslashes, controls).
function common.json_string(s)
   return '"' .. s:gsub('[%c"\\]', function(c)
      if c == '"' then return '\\"' end
      if c == '\\' then return '\\\\' end
      return string.format("\\u%04x", c:byte())
   end) .. '"'
end

local threads = {}
local next_tid = 0

function common.setup(thread)
   next_tid = next_tid + 1
   thread:set("tid", next_tid)
   threads[#threads + 1] = thread
end

local function sum(key)
   local n = 0
   for _, t in ipairs(threads) do n = n + (tonumber(t:get(key)) or 0) end
   return n
end

function common.done(summary, latency, requests)
   local s = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d duration_s=%.3f req_s=%.1f p50_ms=%.3f p90_ms=%.3f " ..
      "p99_ms=%.3f max_ms=%.3f status_errors=%d socket_errors=%d ok=%d created=%d empty=%d\n",
      summary.requests, s, summary.requests / s,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      e.status, e.connect + e.read + e.write + e.timeout,
      sum("ok"), sum("created"), sum("empty")))
end

return common
