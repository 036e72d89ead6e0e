-- wrk reporter: one line of figures the benchmark script reads.
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("BENCH %.1f %.1f %.1f %d %d\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.requests))
end
