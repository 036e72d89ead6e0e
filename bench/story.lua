-- wrk: POST stories to the public form (CSRF cookie and token passed in).
local counter = 0
request = function()
  counter = counter + 1
  local body = "csrfmiddlewaretoken=" .. os.getenv("CSRF_TOKEN") ..
    "&text=The+day+centre+driver+waited+until+I+was+safely+inside+" .. counter ..
    "&teller=older_person&consent_learning=on&consent_quote=on"
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. os.getenv("CSRF_COOKIE"),
  }, body)
end
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("BENCH %.1f %.1f %.1f %d %d\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.requests))
end
