# Two commands for a fresh machine:  make run   (app with demo data on http://127.0.0.1:5000)
#                                    make test  (every test)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask
export FLASK_APP := wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install assets lint demo-data clean system-packages bench

run: install assets
	KNOWLEDGE_ENV=development $(FLASK) db upgrade
	KNOWLEDGE_ENV=development $(FLASK) seed demo
	KNOWLEDGE_ENV=development $(FLASK) search rebuild
	KNOWLEDGE_ENV=development $(FLASK) run --host $(HOST) --port $(PORT)

# Every test on SQLite, then again on PostgreSQL (a throwaway server on loopback, tests/postgres.py),
# each on two workers (pytest-xdist; each browser test file kept on one worker). The PostgreSQL
# pass leaves out the browser tests (they drive the same views and services the other tests check
# on both databases, and on PostgreSQL they added 4.2 CPU-minutes, measured on this 2-core
# machine), the tests marked no_database (no app, no database: the same answer on either) and
# those marked sqlite_only (each says why).
test: install assets system-packages
	$(VENV)/bin/ruff check knowledge tests seed bench wsgi.py migrations
	$(PY) -m pytest -q -n 2 --dist loadgroup
	$(PY) -m pytest -q -n 2 --dist loadgroup --database=postgresql -m "not browser"

lint: install
	$(VENV)/bin/ruff check knowledge tests seed bench wsgi.py migrations

install: $(VENV)/.installed

# Real servers the tests start on loopback (Redis, PostgreSQL), openssl to make the mail test's
# certificate, and the Chromium the browser tests drive (Debian packages; CI and developers run
# as root).
system-packages:
	@command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server >/dev/null)
	@command -v openssl >/dev/null || (apt-get update -qq && apt-get install -y -qq openssl >/dev/null)
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null)

# Whole-page load (docs/performance.md): gunicorn serving the results page, driven by wrk (a
# Debian package) from a second process. `make bench SIZES=demo` for a quick run.
SIZES ?= 5000,50000
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	$(PY) bench/page_load.py --sizes $(SIZES)

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

assets: knowledge/static/build/app.css knowledge/static/nhsuk/.copied

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

knowledge/static/build/app.css: node_modules/.installed $(wildcard knowledge/static/src/*.scss)
	mkdir -p knowledge/static/build
	npm run --silent build:css

# The NHS.UK JavaScript and images are served from our own origin (no CDN: the CSP allows only 'self').
knowledge/static/nhsuk/.copied: node_modules/.installed
	rm -rf knowledge/static/nhsuk
	mkdir -p knowledge/static/nhsuk
	cp node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.js knowledge/static/nhsuk/
	cp -r node_modules/nhsuk-frontend/dist/nhsuk/assets knowledge/static/nhsuk/assets
	touch $@

clean:
	rm -rf $(VENV) node_modules knowledge/static/build knowledge/static/nhsuk instance build
