-- wrk: POST registrations with a fresh email each time (CSRF cookie and token passed in).
local counter = 0
local thread_id = 0
setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
request = function()
  counter = counter + 1
  local body = "csrfmiddlewaretoken=" .. os.getenv("CSRF_TOKEN") ..
    "&name=Bench+Person&email=bench-" .. tid .. "-" .. counter .. "%40example.org" ..
    "&taking_part_as=carer&companions=0"
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. os.getenv("CSRF_COOKIE"),
  }, body)
end
dofile("bench/latency.lua")  -- the same one-line report as the page runs
