# SIZI — the two commands: `make run` (install + demo + serve) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
PIP := $(PY) -m pip --quiet --quiet --disable-pip-version-check

.PHONY: run hosts dev static install install-dev migrate demo worker test check fmt lint typecheck e2e bench clean

# The single-PC edition: production settings over plain HTTP on this machine
# (Indonesian error pages, no debug output), served by gunicorn.
# Serving the office network (HOST=0.0.0.0): colleagues reach the PC by its name
# or address, so those are the host names Django accepts. 0.0.0.0 itself is only
# the address gunicorn listens on, never a host name a browser sends.
ifeq ($(HOST),0.0.0.0)
LAN_NAMES := $(strip $(shell hostname 2>/dev/null) $(shell hostname -f 2>/dev/null) \
	$(shell hostname -I 2>/dev/null))
# An IPv6 address is written as a browser sends it: [fd00::2].
SERVE_HOSTS := $(sort $(foreach h,$(LAN_NAMES),$(if $(findstring :,$(h)),[$(h)],$(h))) \
	127.0.0.1 localhost)
else
SERVE_HOSTS := $(sort $(HOST) 127.0.0.1 localhost)
endif
comma := ,
empty :=
space := $(empty) $(empty)
ALLOWED := $(subst $(space),$(comma),$(strip $(SERVE_HOSTS)))
# The addresses printed when the server starts (the PC's name first).
ifeq ($(HOST),0.0.0.0)
SHOWN_HOSTS := $(or $(firstword $(LAN_NAMES)),127.0.0.1)
else
SHOWN_HOSTS := $(HOST)
endif
OFFICE_ENV := DEBUG=0 SECRET_KEY_FILE=var/secret_key \
	ALLOWED_HOSTS=$(ALLOWED) \
	SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0 \
	WBS_ENCRYPTION_KEY_FILE=var/wbs_key
# The access log never holds a client's address, browser or referrer (the WBS
# promises whistleblowers that): time, method, path without query, status, size.
ACCESS_LOG_FORMAT := '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

run: install migrate demo static var/secret_key var/wbs_key ## Install, migrate, load demo data, serve http://127.0.0.1:8000
	@echo ""
	@echo "SIZI berjalan di http://$(SHOWN_HOSTS):$(PORT)/ dengan worker latar (hentikan dengan Ctrl+C)."
	@echo "SIZI is serving http://$(SHOWN_HOSTS):$(PORT)/ with its background worker (stop with Ctrl+C)."
	@echo "Nama host yang diterima / Accepted host names: $(ALLOWED)"
	@$(OFFICE_ENV) $(PY) manage.py worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(OFFICE_ENV) $(VENV)/bin/gunicorn sizi.wsgi --bind $(HOST):$(PORT) \
	    --workers 1 --threads 4 --timeout 300 --access-logfile - \
	    --access-logformat $(ACCESS_LOG_FORMAT)

hosts: ## Print the host names `make run` accepts (try: make hosts HOST=0.0.0.0)
	@echo "$(ALLOWED)"

dev: install-dev migrate demo var/wbs_key ## Development server with DEBUG on and auto-reload
	@WBS_ENCRYPTION_KEY_FILE=var/wbs_key $(PY) manage.py worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  WBS_ENCRYPTION_KEY_FILE=var/wbs_key $(PY) manage.py runserver $(HOST):$(PORT)

worker: install ## Background jobs and the daily commands (started by run and dev)
	WBS_ENCRYPTION_KEY_FILE=var/wbs_key $(PY) manage.py worker

var/secret_key:
	@mkdir -p var
	@umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@

# The WBS master key: 256 random bits, readable by this user only. Back it up
# apart from the database: without it no WBS report can be opened again.
var/wbs_key: | install
	@echo "Membuat kunci WBS / Creating the WBS key (var/wbs_key; simpan cadangannya / back it up)…"
	@mkdir -p var
	@umask 077 && $(PY) -c 'from sizi.cases.wbs.crypto import new_key; print(new_key())' > $@

static: install var/secret_key
	@echo "Menyiapkan berkas statis / Collecting the static files…"
	@$(OFFICE_ENV) $(PY) manage.py collectstatic --no-input --verbosity 0

# `make run` installs what SIZI needs to run; the developer tools (pytest,
# playwright, ruff, mypy…) come with the targets that use them.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "SIZI butuh Python 3.11 atau lebih baru / SIZI needs Python 3.11 or newer")'
	@echo "Memasang dependensi SIZI ke $(VENV) / Installing SIZI's dependencies into $(VENV)…"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip
	@$(PIP) install -e .
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	@echo "Memasang alat pengembang / Installing the developer tools…"
	@$(PIP) install -e '.[dev,s3]'
	@touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

migrate: install
	@mkdir -p var
	@echo "Menyiapkan basis data / Migrating the database (var/sizi.sqlite3)…"
	@$(PY) manage.py migrate --no-input --verbosity 0

# The demo's WBS reports are sealed with the same key the server opens them with.
demo: migrate var/wbs_key
	@echo "Memuat data demo / Loading the demo data…"
	@WBS_ENCRYPTION_KEY_FILE=var/wbs_key $(PY) manage.py load_demo

test: install-dev ## Run the whole test suite (browser tests need Debian's chromium)
	SIZI_TESTING=1 $(PY) -m pytest $(PYTEST_ARGS)

e2e: install-dev
	SIZI_TESTING=1 $(PY) -m pytest -m e2e $(PYTEST_ARGS)

fmt: install-dev
	$(VENV)/bin/ruff format sizi conftest.py benchmarks
	$(VENV)/bin/ruff check --fix sizi conftest.py benchmarks

lint: install-dev
	$(VENV)/bin/ruff format --check sizi conftest.py benchmarks
	$(VENV)/bin/ruff check sizi conftest.py benchmarks

typecheck: install-dev
	$(VENV)/bin/mypy sizi

check: lint typecheck ## Lint, types, migrations, deploy checks, then the tests
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-looking-secret-value-for-checks \
	  WBS_ENCRYPTION_KEY=$$($(PY) -c 'from sizi.cases.wbs.crypto import new_key; print(new_key())') \
	  ALLOWED_HOSTS=sizi.example.go.id $(PY) manage.py check --deploy --fail-level WARNING
	$(MAKE) test

bench: install-dev
	@for script in benchmarks/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
