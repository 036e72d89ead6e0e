#!/usr/bin/env bash
# make bench: a large programme served by gunicorn (2 workers, production settings) on
# 127.0.0.1, each page driven by wrk at 8 connections. Prints one table of figures.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=bench/out
mkdir -p "$OUT"
DURATION=${BENCH_SECONDS:-10}

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

export DJANGO_SETTINGS_MODULE=config.settings.production
export DATABASE_URL="sqlite:///$PWD/$OUT/bench.sqlite3"
export SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef"
export ALLOWED_HOSTS="127.0.0.1,testserver"
export SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0
export DB_CONN_MAX_AGE=600
export EMAIL_TO_LOG=true  # nothing leaves this machine during a benchmark
export PYTHONPATH=$PWD

echo "Preparing the bench database (first run takes a minute)..."
$PY manage.py migrate --noinput -v0
$PY manage.py createcachetable
$PY manage.py generate_bench_data
INQUIRY_ID=$($PY bench/story_data.py)
$PY manage.py collectstatic --noinput -v0
# The public forms' per-address limits would stop a load test from one address after a few
# posts; they are lifted here only (tests show them working at their real settings).
export STORY_RATE_LIMIT="100000000/h/ip" REGISTRATION_RATE_LIMIT="100000000/h/ip"

PAGES='{
  "home": ["/", ""],
  "programme": ["/bench-programme/", ""],
  "locality summary": ["/bench-programme/bench-locality-001/", ""],
  "workspace log (page 1)": ["/workspace/bench-locality-001/log/", "lead"],
  "dashboard": ["/workspace/programme/bench-programme/dashboard/", "admin"],
  "inquiry analysis (50k)": ["/workspace/inquiries/'"$INQUIRY_ID"'/", "lead"],
  "static file": ["/static/site_content/css/site.css", ""]
}'
INFO=$($PY bench/sessions.py "$PAGES")

free_port() { $PY -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
start_gunicorn() {  # start_gunicorn PORT: serves in the background, sets GPID
  .venv/bin/gunicorn config.wsgi --workers 2 --bind "127.0.0.1:$1" --access-logfile /dev/null \
    --error-logfile "$OUT/gunicorn.log" >"$OUT/gunicorn.out" 2>&1 &
  GPID=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$1/" && break; sleep 0.2; done
}
bench_page() {  # bench_page NAME PATH PORT INFO: one row of the table
  local name=$1 path=$2 port=$3 info=$4 q cookie line rps p50 p95 errors total
  q=$(echo "$info" | $PY -c "import json,sys; print(json.load(sys.stdin)['$name']['queries'])")
  cookie=$(echo "$info" | $PY -c "import json,sys; print(json.load(sys.stdin)['$name']['cookie'])")
  local header=()
  [ -n "$cookie" ] && header=(-H "Cookie: sessionid=$cookie")
  curl -s -o /dev/null "${header[@]}" "http://127.0.0.1:$port$path"  # warm up
  line=$(wrk -t2 -c8 -d"${DURATION}s" -s bench/latency.lua "${header[@]}" "http://127.0.0.1:$port$path" | grep '^BENCH')
  read -r _ rps p50 p95 errors total <<<"$line"
  [ "$name" = "static file" ] && q="-"
  printf '%-40s %10s %12s %12s %9s %8s\n' "$name" "$rps" "$p50" "$p95" "$q" "$errors"
}

PORT=$(free_port)
start_gunicorn "$PORT"
trap 'kill $GPID 2>/dev/null || true' EXIT

printf '\n%-40s %10s %12s %12s %9s %8s\n' "page" "req/s" "median ms" "p95 ms" "queries" "errors"
printf '%-40s %10s %12s %12s %9s %8s\n' "----" "-----" "---------" "------" "-------" "------"
while IFS=$'\t' read -r name path; do
  bench_page "$name" "$path" "$PORT" "$INFO"
done < <(echo "$PAGES" | $PY -c 'import json,sys; [print(k+"\t"+v[0]) for k,v in json.load(sys.stdin).items()]')

# BENCH_DIRECT_ANALYSIS=1: the same analysis page from a second server that counts every
# request afresh (ANALYSIS_DIRECT_COUNT, a setting, so no address of the site can ask for it).
if [ "${BENCH_DIRECT_ANALYSIS:-}" = 1 ]; then
  DIRECT_PAGES='{"inquiry analysis, direct count (50k)": ["/workspace/inquiries/'"$INQUIRY_ID"'/", "lead"]}'
  DIRECT_INFO=$(ANALYSIS_DIRECT_COUNT=true $PY bench/sessions.py "$DIRECT_PAGES")
  MAIN_GPID=$GPID
  DIRECT_PORT=$(free_port)
  ANALYSIS_DIRECT_COUNT=true start_gunicorn "$DIRECT_PORT"
  trap 'kill $GPID $MAIN_GPID 2>/dev/null || true' EXIT
  bench_page "inquiry analysis, direct count (50k)" "/workspace/inquiries/$INQUIRY_ID/" \
    "$DIRECT_PORT" "$DIRECT_INFO"
  kill "$GPID"; wait "$GPID" 2>/dev/null || true
  GPID=$MAIN_GPID
  trap 'kill $GPID 2>/dev/null || true' EXIT
fi

# Registrations: one event with 500 places, 10 concurrent clients, then places checked.
EVENT_ID=$($PY bench/registration_event.py)
JAR=$(mktemp)
curl -s -c "$JAR" -o "$OUT/register.html" "http://127.0.0.1:$PORT/events/$EVENT_ID/register/"
export CSRF_COOKIE=$(awk '$6=="csrftoken"{print $7}' "$JAR")
export CSRF_TOKEN=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' "$OUT/register.html" | head -1 | sed 's/.*value="//;s/"//')
line=$(wrk -t2 -c10 -d"${DURATION}s" -s bench/register.lua "http://127.0.0.1:$PORT/events/$EVENT_ID/register/" | grep '^BENCH')
read -r _ rps p50 p95 errors total <<<"$line"
printf '%-40s %10s %12s %12s %9s %8s\n' "registrations (POST)" "$rps" "$p50" "$p95" "-" "$errors"
echo "  $($PY bench/registration_event.py --check) after $total registration requests"
rm -f "$JAR"

# Stories: the public form, 10 concurrent clients, each a new story that passes screening.
JAR=$(mktemp)
curl -s -c "$JAR" -o "$OUT/tell.html" "http://127.0.0.1:$PORT/stories/$INQUIRY_ID/tell/"
export CSRF_COOKIE=$(awk '$6=="csrftoken"{print $7}' "$JAR")
export CSRF_TOKEN=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' "$OUT/tell.html" | head -1 | sed 's/.*value="//;s/"//')
line=$(wrk -t2 -c10 -d"${DURATION}s" -s bench/story.lua "http://127.0.0.1:$PORT/stories/$INQUIRY_ID/tell/" | grep '^BENCH')
read -r _ rps p50 p95 errors total <<<"$line"
printf '%-40s %10s %12s %12s %9s %8s\n' "stories (POST)" "$rps" "$p50" "$p95" "-" "$errors"
echo "  $($PY bench/story_data.py --count) stories saved; wrk counted $total answered requests (up to 10 more were in flight when it stopped)"
rm -f "$JAR"

echo
echo "Data: 100 localities, 20,000 progress entries, 5,000 actions, 50,000 stories; gunicorn 2 workers; wrk 8 connections, ${DURATION}s a page."
echo; echo "Guide build (50, 500 and 2,000 generated practice examples):"; $PY bench/guide_bench.py
