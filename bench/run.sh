#!/usr/bin/env bash
# make bench: a large programme served by gunicorn (2 workers, production settings) on
# 127.0.0.1, each page driven by wrk at 8 connections. Prints one table of figures.
# BENCH_DATABASE: both (default: SQLite, then PostgreSQL), sqlite, or postgres (a throwaway
# server, as .ci/run starts).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=bench/out
mkdir -p "$OUT"
DURATION=${BENCH_SECONDS:-10}
DATABASE=${BENCH_DATABASE:-both}

case "$DATABASE" in
  both) BENCH_DATABASE=sqlite bash "$0"; BENCH_DATABASE=postgres exec bash "$0" ;;
  sqlite | postgres) ;;
  *) echo "BENCH_DATABASE must be sqlite, postgres or both (not $DATABASE)" >&2; exit 2 ;;
esac

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

GPID= MAIN_GPID=
cleanup() {
  for pid in $GPID $MAIN_GPID; do kill "$pid" 2>/dev/null || true; done
  if [ "$DATABASE" = postgres ]; then pg_down; fi
}
trap cleanup EXIT
if [ "$DATABASE" = postgres ]; then
  # shellcheck source=.ci/postgres.sh
  . .ci/postgres.sh
  pg_install
  pg_up  # exports DATABASE_URL; the bench data is made anew each run
else
  export DATABASE_URL="sqlite:///$PWD/$OUT/bench.sqlite3"
fi

export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef"
export ALLOWED_HOSTS="127.0.0.1,testserver"
export SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0
export DB_CONN_MAX_AGE=600
export EMAIL_TO_LOG=true  # nothing leaves this machine during a benchmark
export PYTHONPATH=$PWD

echo "Preparing the bench database on $DATABASE (first run takes a few minutes)..."
$PY manage.py migrate --noinput -v0
$PY manage.py createcachetable
$PY manage.py generate_bench_data
INQUIRY_ID=$($PY bench/story_data.py)
$PY manage.py collectstatic --noinput -v0
# The public forms' per-address limits would stop a load test from one address after a few
# posts; they are lifted here only (tests show them working at their real settings).
export STORY_RATE_LIMIT="100000000/h/ip" REGISTRATION_RATE_LIMIT="100000000/h/ip"

# Each row: path, who is signed in, and a text the page must show; every page is fetched
# once and must answer 200 with its text before it is timed (the run stops otherwise).
PAGES='{
  "home": ["/", "", "<h1>Common Ground</h1>"],
  "programme": ["/bench-programme/", "", "Bench locality 100"],
  "locality summary": ["/bench-programme/bench-locality-001/", "", "<h1>Bench locality 001</h1>"],
  "workspace log (page 1)": ["/workspace/bench-locality-001/log/", "lead", "<h1>Progress log</h1>"],
  "dashboard": ["/workspace/programme/bench-programme/dashboard/", "admin", "Bench programme: progress across localities"],
  "inquiry analysis (50k)": ["/workspace/inquiries/'"$INQUIRY_ID"'/", "lead", "Bench inquiry: what made it good"],
  "static file": ["/static/site_content/css/site.css", "", "Common Ground: one stylesheet"]
}'
INFO=$($PY bench/sessions.py "$PAGES")

free_port() { $PY -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
start_gunicorn() {  # start_gunicorn PORT: serves in the background, sets GPID
  .venv/bin/gunicorn config.wsgi --workers 2 --bind "127.0.0.1:$1" --access-logfile /dev/null \
    --error-logfile "$OUT/gunicorn.log" >"$OUT/gunicorn.out" 2>&1 &
  GPID=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$1/" && break; sleep 0.2; done
}
bench_page() {  # bench_page NAME PATH EXPECTED PORT INFO: one row of the table
  local name=$1 path=$2 expected=$3 port=$4 info=$5 q cookie status line rps p50 p95 errors total
  q=$(echo "$info" | $PY -c "import json,sys; print(json.load(sys.stdin)['$name']['queries'])")
  cookie=$(echo "$info" | $PY -c "import json,sys; print(json.load(sys.stdin)['$name']['cookie'])")
  local header=()
  [ -n "$cookie" ] && header=(-H "Cookie: sessionid=$cookie")
  status=$(curl -s -o "$OUT/check.html" -w '%{http_code}' "${header[@]}" "http://127.0.0.1:$port$path")
  if [ "$status" != 200 ] || ! grep -qF -- "$expected" "$OUT/check.html"; then
    echo "bench: $name ($path) answered $status without the text \"$expected\"; not timed" >&2
    exit 1
  fi
  line=$(wrk -t2 -c8 -d"${DURATION}s" -s bench/latency.lua "${header[@]}" "http://127.0.0.1:$port$path" | grep '^BENCH')
  read -r _ rps p50 p95 errors total <<<"$line"
  [ "$name" = "static file" ] && q="-"
  printf '%-40s %10s %12s %12s %9s %8s\n' "$name" "$rps" "$p50" "$p95" "$q" "$errors"
}

PORT=$(free_port)
start_gunicorn "$PORT"

echo; echo "Database: $DATABASE"
printf '%-40s %10s %12s %12s %9s %8s\n' "page" "req/s" "median ms" "p95 ms" "queries" "errors"
printf '%-40s %10s %12s %12s %9s %8s\n' "----" "-----" "---------" "------" "-------" "------"
while IFS=$'\t' read -r name path expected; do
  bench_page "$name" "$path" "$expected" "$PORT" "$INFO"
done < <(echo "$PAGES" | $PY -c 'import json,sys; [print("\t".join([k, v[0], v[2]])) for k,v in json.load(sys.stdin).items()]')

# BENCH_DIRECT_ANALYSIS=1: the same analysis page from a second server that counts every
# request afresh (ANALYSIS_DIRECT_COUNT, a setting, so no address of the site can ask for it).
if [ "${BENCH_DIRECT_ANALYSIS:-}" = 1 ]; then
  DIRECT_PAGES='{"inquiry analysis, direct count (50k)": ["/workspace/inquiries/'"$INQUIRY_ID"'/", "lead", "Bench inquiry: what made it good"]}'
  DIRECT_INFO=$(ANALYSIS_DIRECT_COUNT=true $PY bench/sessions.py "$DIRECT_PAGES")
  MAIN_GPID=$GPID
  DIRECT_PORT=$(free_port)
  ANALYSIS_DIRECT_COUNT=true start_gunicorn "$DIRECT_PORT"
  bench_page "inquiry analysis, direct count (50k)" "/workspace/inquiries/$INQUIRY_ID/" \
    "Bench inquiry: what made it good" "$DIRECT_PORT" "$DIRECT_INFO"
  kill "$GPID"; wait "$GPID" 2>/dev/null || true
  GPID=$MAIN_GPID MAIN_GPID=
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
saved=$($PY bench/story_data.py --count)
echo "  $saved stories saved; wrk counted $total answered requests (up to 10 more were in flight when it stopped)"
if [ "$saved" = 0 ]; then echo "bench: the story form saved no story; its figures are of refusals" >&2; exit 1; fi
rm -f "$JAR"

echo
echo "Data: 100 localities, 20,000 progress entries, 5,000 actions, 50,000 stories on $DATABASE; gunicorn 2 workers; wrk 8 connections, ${DURATION}s a page."
if [ "$DATABASE" = sqlite ]; then  # the guide build is timed once, on SQLite
  echo; echo "Guide build (50, 500 and 2,000 generated practice examples):"; $PY bench/guide_bench.py
fi
