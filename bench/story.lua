-- wrk: POST stories to the public form (CSRF cookie and token passed in).
local counter = 0
request = function()
  counter = counter + 1
  local body = "csrfmiddlewaretoken=" .. os.getenv("CSRF_TOKEN") ..
    "&text=The+day+centre+driver+waited+until+I+was+safely+inside+" .. counter ..
    "&teller=An+older+person&consent_learning=on&consent_quote=on"
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. os.getenv("CSRF_COOKIE"),
  }, body)
end
dofile("bench/latency.lua")  -- the same one-line report as the page runs
