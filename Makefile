# SIZI — the two commands: `make run` (install + demo + serve) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run dev static install migrate demo test check fmt lint typecheck e2e bench clean

# The single-PC edition: production settings over plain HTTP on this machine
# (Indonesian error pages, no debug output), served by gunicorn.
OFFICE_ENV := DEBUG=0 SECRET_KEY_FILE=var/secret_key ALLOWED_HOSTS=$(HOST),127.0.0.1,localhost \
	SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0 \
	WBS_ENCRYPTION_KEY_FILE=var/wbs_key
# The access log never holds a client's address, browser or referrer (the WBS
# promises whistleblowers that): time, method, path without query, status, size.
ACCESS_LOG_FORMAT := '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

run: install migrate demo static var/secret_key var/wbs_key ## Install, migrate, load demo data, serve http://127.0.0.1:8000
	@echo ""
	@echo "SIZI berjalan di http://$(HOST):$(PORT)/  (hentikan dengan Ctrl+C)"
	$(OFFICE_ENV) $(VENV)/bin/gunicorn sizi.wsgi --bind $(HOST):$(PORT) \
	  --workers 1 --threads 4 --timeout 300 --access-logfile - \
	  --access-logformat $(ACCESS_LOG_FORMAT)

dev: install migrate demo ## Development server with DEBUG on and auto-reload
	WBS_ENCRYPTION_KEY_FILE=var/wbs_key $(PY) manage.py runserver $(HOST):$(PORT)

var/secret_key:
	@mkdir -p var
	@umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@

# The WBS master key: 256 random bits, readable by this user only. Back it up
# apart from the database: without it no WBS report can be opened again.
var/wbs_key: | install
	@mkdir -p var
	@umask 077 && $(PY) -c 'from sizi.cases.wbs.crypto import new_key; print(new_key())' > $@

static: install var/secret_key
	$(OFFICE_ENV) $(PY) manage.py collectstatic --no-input --verbosity 0

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "SIZI needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --no-input

# The demo's WBS reports are sealed with the same key the server opens them with.
demo: migrate var/wbs_key
	WBS_ENCRYPTION_KEY_FILE=var/wbs_key $(PY) manage.py load_demo

test: install ## Run the whole test suite (browser tests need Debian's chromium)
	SIZI_TESTING=1 $(PY) -m pytest $(PYTEST_ARGS)

e2e: install
	SIZI_TESTING=1 $(PY) -m pytest -m e2e $(PYTEST_ARGS)

fmt: install
	$(VENV)/bin/ruff format sizi conftest.py benchmarks
	$(VENV)/bin/ruff check --fix sizi conftest.py benchmarks

lint: install
	$(VENV)/bin/ruff format --check sizi conftest.py benchmarks
	$(VENV)/bin/ruff check sizi conftest.py benchmarks

typecheck: install
	$(VENV)/bin/mypy sizi

check: lint typecheck ## Lint, types, migrations, deploy checks, then the tests
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-looking-secret-value-for-checks \
	  WBS_ENCRYPTION_KEY=$$($(PY) -c 'from sizi.cases.wbs.crypto import new_key; print(new_key())') \
	  ALLOWED_HOSTS=sizi.example.go.id $(PY) manage.py check --deploy --fail-level WARNING
	$(MAKE) test

bench: install
	@for script in benchmarks/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
