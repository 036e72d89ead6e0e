# Common Ground: `make run` for the demo, `make test` for the whole suite.
SHELL := /bin/bash
PY_SYS ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Test processes for make test: one per core (`TEST_WORKERS=0 make test` runs in one process).
# Tests are handed out one by one in the suite's order, so on each worker every test that
# empties the database (browser tests) still runs after all those that need its base data.
TEST_WORKERS ?= auto
# Links in emails, calendar files and the guide point at the address the site is served on.
export SITE_URL ?= http://127.0.0.1:$(PORT)
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: site-url audit run guide test test-fast install install-test system-test-deps system-deploy-deps deploy-check migrate demo lint format words bench clean

$(VENV)/bin/python:
	$(PY_SYS) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip>=25.1"

# Reinstall only when pyproject.toml changes.
$(VENV)/.run-installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q --group run
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.run-installed
	$(PY) -m pip install -q --group test
	touch $@

install: $(VENV)/.run-installed
install-test: $(VENV)/.test-installed system-test-deps

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
system-test-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Chromium (Debian package)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# nginx for the deploy check; when it cannot be installed the check skips the proxy and says so.
system-deploy-deps:
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
	  echo "Installing nginx (Debian package)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; } \
	    || echo "nginx could not be installed: the deploy check will skip the proxy part"; \
	fi

# The README's production steps on a clean checkout: PostgreSQL, gunicorn, nginx (as root).
deploy-check: install system-deploy-deps
	PATH="$$PATH:/usr/sbin" bash .ci/deploy_check.sh

migrate: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable

demo: migrate
	$(PY) manage.py load_demo

# The published guide (and its PDF, made with Chromium).
guide: demo system-test-deps
	$(PY) manage.py build_guide --all

# The address links are made with (`PORT=8123 make site-url`).
site-url: install
	@$(PY) manage.py shell -v0 -c "from site_content.links import absolute_url; print(absolute_url(''))"

# The background worker runs beside the development server, as in production, and stops with it.
run: guide
	$(PY) manage.py collectstatic --noinput -v0
	@echo "Serving Common Ground on http://127.0.0.1:$(PORT)/ with its background worker (stop with Ctrl+C)"
	@$(PY) manage.py run_worker & worker=$$!; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT) & server=$$!; \
	  trap 'pkill -TERM -P $$server 2>/dev/null; kill $$server $$worker 2>/dev/null; wait 2>/dev/null' EXIT INT TERM; \
	  wait $$server

test: lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest --create-db -q \
	  -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The suite without browser tests (quicker while working).
test-fast: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -q -m "not browser" \
	  -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Style, then the architecture: import contracts (pyproject.toml) and no import cycles.
lint: install-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) .ci/import_cycles.py

# allauth's words in plain English: compile accounts/locale/en_GB/.../django.po to django.mo.
words: install-test
	$(VENV)/bin/pybabel compile --domain django --directory accounts/locale --locale en_GB

format: install-test
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Security checks: bandit must find nothing of high severity; pip-audit needs a reachable
# advisory source and says plainly when it has none (it is then no audit at all).
audit: install-test
	$(PY) -m pip install -q --group audit
	@echo "== bandit (high severity fails; medium findings are listed for review)"
	$(PY) -m bandit -q -r accounts engagement events guide site_content config -x "*/migrations/*" -lll
	@echo "== pip-audit --strict"
	@$(PY) -m pip_audit --strict || { echo "NO AUDIT WAS POSSIBLE: pip-audit could not check every installed package against a vulnerability database from this machine. Run make audit where one is reachable."; exit 1; }

bench: install-test
	bash bench/run.sh

clean:
	rm -rf $(VENV) db.sqlite3 .test-db.sqlite3 staticfiles media private_media site
