#!/usr/bin/env bash
# Deployable by the book: follows the README's "Production" steps on a clean checkout of this
# repository's HEAD with a PostgreSQL server of its own, gunicorn with deploy/gunicorn.conf.py
# and nginx with the block `manage.py nginx_config` writes (TLS with a throwaway certificate),
# then checks through the proxy: the site, /healthz (plain HTTP, no redirect, any host), the
# HTTPS redirect, static files, that no private file is reachable under /media/, the first
# admin's sign-in with the second factor, the Wagtail Site's address and the guide.
#
# It runs as root on a CI machine, so it skips what needs a real server's systemd and user
# accounts (`sudo -u common-ground`, `systemctl`); everything else is the README's commands.
# The Python packages are those `make install` put in .venv from the same pyproject.toml.
# nginx comes from `make system-deploy-deps`; when it cannot be installed, the proxy part is
# skipped with a message and the checks go to gunicorn directly.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
START=$SECONDS
say() { echo "== deploy check ($((SECONDS - START)) s): $*"; }
fail() { echo "DEPLOY CHECK FAILED: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

WORK=$(mktemp -d /tmp/cg-deploy.XXXXXX)
chmod 755 "$WORK"  # nginx's workers (another user) read static files and media below it
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  if [ -n "${PG_BIN:-}" ] && [ -d "$WORK/pg/data" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  sleep 0.5
  rm -rf "$WORK"
}
trap cleanup EXIT

say "a clean checkout of $(git -C "$REPO" rev-parse --short HEAD)"
git clone -q "$REPO" "$WORK/app"
APP=$WORK/app
[ -x "$REPO/.venv/bin/python" ] || fail "run make install first (it makes .venv)"
ln -s "$REPO/.venv" "$APP/.venv"

say "PostgreSQL: a server, then the database and its role as the README makes them"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$WORK/pg" && chown postgres:postgres "$WORK/pg" && chmod 700 "$WORK/pg"
PG_PORT=$(free_port)
runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth-local=trust \
  --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$WORK/pg/initdb.log" 2>&1
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -t 30 \
  -o "-h 127.0.0.1 -p $PG_PORT -k $WORK/pg -c fsync=off" start >/dev/null
DB_PASSWORD=$(python3 -c 'import secrets;print(secrets.token_hex(16))')
# The README's `createuser --pwprompt` asks at a terminal; the same role, said in SQL.
runuser -u postgres -- psql -h "$WORK/pg" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE ROLE common_ground LOGIN PASSWORD '$DB_PASSWORD'"
runuser -u postgres -- createdb -h "$WORK/pg" -p "$PG_PORT" -U postgres \
  --owner common_ground --encoding UTF8 common_ground

say "the environment file, from deploy/env.example"
HOST=cg.test
APP_PORT=$(free_port); HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port)
ENV_FILE=$WORK/env
sed -e "s|^SECRET_KEY=.*|SECRET_KEY=$(python3 -c 'import secrets;print(secrets.token_urlsafe(50))')|" \
    -e "s|^ALLOWED_HOSTS=.*|ALLOWED_HOSTS=$HOST|" \
    -e "s|^CSRF_TRUSTED_ORIGINS=.*|CSRF_TRUSTED_ORIGINS=https://$HOST:$HTTPS_PORT|" \
    -e "s|^SITE_URL=.*|SITE_URL=https://$HOST|" \
    -e "s|^DATABASE_URL=.*|DATABASE_URL=postgres://common_ground:$DB_PASSWORD@127.0.0.1:$PG_PORT/common_ground|" \
    -e "s|^EMAIL_HOST=.*|EMAIL_TO_LOG=true|" \
    -e "/^EMAIL_HOST_/d" \
    -e "s|/srv/common-ground|$APP|" \
    "$APP/deploy/env.example" >"$ENV_FILE"
# A short HSTS while trying TLS out, as the README's table advises.
echo "SECURE_HSTS_SECONDS=300" >>"$ENV_FILE"
export CG_ENV_FILE=$ENV_FILE
# The go-live warnings (commonground.W002) every command prints on a new site go to a log.
manage() { "$APP/deploy/manage" "$@" 2>>"$WORK/manage.log" || { tail -40 "$WORK/manage.log"; return 1; }; }

say "first start: migrate, createcachetable, collectstatic, check --deploy"
manage migrate --noinput -v0
manage createcachetable
manage collectstatic --noinput -v0
manage check --deploy --fail-level ERROR >"$WORK/check.log" 2>&1 || { cat "$WORK/check.log"; fail "check --deploy"; }
if grep -q "security\.W" "$WORK/check.log"; then cat "$WORK/check.log"; fail "check --deploy warns about security"; fi
ROOT_URL=$(manage shell -v0 -c "from wagtail.models import Site; print(Site.objects.get(is_default_site=True).root_url)" | tail -1)
[ "$ROOT_URL" = "https://$HOST" ] || fail "the Wagtail Site answers as $ROOT_URL, not https://$HOST (SITE_URL)"

say "the first admin, in one command"
ADMIN_EMAIL=ops@$HOST
ADMIN_PASSWORD=$(python3 -c 'import secrets;print("cg-" + secrets.token_urlsafe(18))')
FIRST_ADMIN_PASSWORD=$ADMIN_PASSWORD manage create_first_admin --email "$ADMIN_EMAIL" >"$WORK/admin.txt"
TOTP_SECRET=$(sed -n 's/.*type the secret by hand: //p' "$WORK/admin.txt")
[ -n "$TOTP_SECRET" ] || { cat "$WORK/admin.txt"; fail "create_first_admin printed no secret"; }
if FIRST_ADMIN_PASSWORD=$ADMIN_PASSWORD "$APP/deploy/manage" create_first_admin --email "$ADMIN_EMAIL" >/dev/null 2>"$WORK/again.txt"; then
  fail "create_first_admin ran twice for one address"
fi
grep -q "already exists; nothing was changed" "$WORK/again.txt" || fail "the second run did not say why"

say "content and the guide (the demo programme, its guide built without PDFs)"
manage load_demo >/dev/null
manage build_guide --all --no-pdf >"$WORK/guide.log" 2>&1 || { cat "$WORK/guide.log"; fail "build_guide"; }

say "the background worker: its unit's command, once through everything waiting (--batch)"
grep -q "^ExecStart=/srv/common-ground/.venv/bin/python manage.py run_worker$" \
  "$APP/deploy/systemd/common-ground-worker.service" || fail "the worker unit does not run run_worker"
manage run_worker --batch -v0
queue=$(manage shell -v0 -c "from site_content.background.status import queue_state as q; s = q(); print(s.waiting, s.failed)" | tail -1)
[ "$queue" = "0 0" ] || fail "after the worker ran, tasks waiting and failed: $queue"
# Files that must never be reachable under /media/: a private attachment and a document.
set -a; . "$ENV_FILE"; set +a
mkdir -p "$PRIVATE_MEDIA_ROOT" "$MEDIA_ROOT/documents"
echo "private words" >"$PRIVATE_MEDIA_ROOT/secret.txt"
echo "collection-private document" >"$MEDIA_ROOT/documents/minutes.txt"

# DEPLOY_CHECK_NGINX=none runs the check as it would run where nginx cannot be installed.
NGINX=${DEPLOY_CHECK_NGINX:-$(command -v nginx || true)}
[ "$NGINX" = none ] && NGINX=
mkdir -p "$WORK/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$HOST" \
  -addext "subjectAltName=DNS:$HOST" -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" 2>/dev/null
# Without nginx, gunicorn speaks TLS itself so the secure cookies travel as they would.
[ -n "$NGINX" ] && GUNICORN_TLS=() || GUNICORN_TLS=(--certfile "$WORK/tls/cert.pem" --keyfile "$WORK/tls/key.pem")

say "gunicorn (deploy/gunicorn.conf.py) on 127.0.0.1:$APP_PORT"
(cd "$APP" && GUNICORN_BIND=127.0.0.1:$APP_PORT WEB_CONCURRENCY=2 \
  exec .venv/bin/gunicorn -c deploy/gunicorn.conf.py "${GUNICORN_TLS[@]}" config.wsgi) >"$WORK/gunicorn.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
  curl -ksS -o /dev/null "http://127.0.0.1:$APP_PORT/healthz" 2>/dev/null && break
  curl -ksS -o /dev/null "https://127.0.0.1:$APP_PORT/healthz" 2>/dev/null && break
  sleep 0.5
done

if [ -n "$NGINX" ]; then
  say "nginx with the block from nginx_config, TLS on $HTTPS_PORT, HTTP on $HTTP_PORT"
  mkdir -p "$WORK/nginx/tmp"
  manage nginx_config --server-name "$HOST" --upstream "127.0.0.1:$APP_PORT" --no-ipv6 \
    --http-port "$HTTP_PORT" --https-port "$HTTPS_PORT" \
    --certificate "$WORK/tls/cert.pem" --certificate-key "$WORK/tls/key.pem" >"$WORK/nginx/site.conf"
  cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log $WORK/nginx/access.log;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    include $WORK/nginx/site.conf;
}
CONF
  "$NGINX" -t -q -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" || fail "nginx -t refused the block"
  "$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
  BASE=https://$HOST:$HTTPS_PORT
  PLAIN=http://127.0.0.1:$HTTP_PORT
  CURL=(curl -sS --cacert "$WORK/tls/cert.pem" --resolve "$HOST:$HTTPS_PORT:127.0.0.1")
  ORIGIN=$BASE
  VIA="through nginx"
else
  say "SKIPPED nginx: it is not installed and could not be (make system-deploy-deps); checking gunicorn directly, as the proxy would reach it"
  BASE=https://$HOST:$APP_PORT
  PLAIN=https://$HOST:$APP_PORT
  CURL=(curl -sS --cacert "$WORK/tls/cert.pem" --resolve "$HOST:$APP_PORT:127.0.0.1" -H "X-Forwarded-Proto: https")
  ORIGIN=$BASE
  VIA="at gunicorn (no nginx)"
fi
JAR=$WORK/cookies.txt
get() { "${CURL[@]}" -b "$JAR" -c "$JAR" "$@"; }
status() { get -o /dev/null -w '%{http_code} %{redirect_url}' "$@"; }
expect() { [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"; }

say "checks $VIA"
health=$(curl -sS --cacert "$WORK/tls/cert.pem" --resolve "$HOST:$APP_PORT:127.0.0.1" \
  -H "Host: 10.0.0.5" -w ' %{http_code}' "$PLAIN/healthz")
expect "$health" "database: ok
 200" "/healthz over plain HTTP with the load balancer's address as host"
if [ "$VIA" = "through nginx" ]; then
  expect "$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: $HOST" "$PLAIN/stories/")" \
    "301 https://$HOST:$HTTPS_PORT/stories/" "plain HTTP is redirected to HTTPS"
fi
home=$(get -D "$WORK/home.headers" "$BASE/")
grep -q "Common Ground" <<<"$home" || fail "the home page"
grep -qi "^strict-transport-security: max-age=300" "$WORK/home.headers" || fail "HSTS header on the home page"
css=$(grep -o '/static/[^"]*\.css' <<<"$home" | head -1)
[ -n "$css" ] || fail "no stylesheet on the home page"
expect "$(status "$BASE$css")" "200 " "a static file ($css)"
if [ "$VIA" = "through nginx" ]; then
  for path in /media/documents/minutes.txt /media/../private_media/secret.txt /media/secret.txt \
    /media/images/../documents/minutes.txt /media/images../documents/minutes.txt /static/../private_media/secret.txt; do
    code=$(get -o /dev/null -w '%{http_code}' --path-as-is "$BASE$path")
    [ "$code" = 404 ] || [ "$code" = 400 ] || fail "$path answered $code: a private file is reachable"
  done
fi

say "the first admin signs in $VIA: password, then a code from the authenticator"
token() { grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
csrf=$(get "$BASE/accounts/login/" | token)
[ -n "$csrf" ] || fail "the sign-in page has no form"
expect "$(status -e "$ORIGIN/accounts/login/" -H "Origin: $ORIGIN" --data-urlencode "csrfmiddlewaretoken=$csrf" \
  --data-urlencode "login=$ADMIN_EMAIL" --data-urlencode "password=$ADMIN_PASSWORD" "$BASE/accounts/login/")" \
  "302 $BASE/accounts/2fa/authenticate/" "the password step"
csrf=$(get "$BASE/accounts/2fa/authenticate/" | token)
code=$(python3 - "$TOTP_SECRET" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode(sys.argv[1])
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print(f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 10**6:06d}")
PY
)
result=$(status -e "$ORIGIN/accounts/2fa/authenticate/" -H "Origin: $ORIGIN" \
  --data-urlencode "csrfmiddlewaretoken=$csrf" --data-urlencode "code=$code" "$BASE/accounts/2fa/authenticate/")
[ "${result%% *}" = 302 ] || fail "the code step answered $result"
expect "$(status "$BASE/admin/")" "200 " "the Wagtail admin after signing in"
# Read the whole page first: grep -q stops at the first match and, with pipefail, curl's
# failed write to the closed pipe would fail the check on a page that is fine.
dashboard=$(get "$BASE/admin/")
grep -q "Dashboard" <<<"$dashboard" || fail "the admin dashboard"

say "the guide $VIA"
expect "$(status "$BASE/guides/")" "200 " "the list of guides"
guide=$(get "$BASE/guides/living-well/")
grep -q "<title>" <<<"$guide" || fail "the demo guide"
expect "$(status "$BASE/guides/living-well/search/search_index.json")" "200 " "the guide's search index"

if grep -q "Traceback" "$WORK/gunicorn.log"; then
  cat "$WORK/gunicorn.log"; fail "gunicorn logged a traceback"
fi
say "all passed $VIA in $((SECONDS - START)) s"
