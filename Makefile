# SIZI — the two commands: `make run` (install + demo + serve) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install migrate demo test test-fast check fmt lint typecheck e2e bench clean

run: install migrate demo ## Install, migrate, load demo data and serve on http://127.0.0.1:8000
	@echo ""
	@echo "SIZI berjalan di http://$(HOST):$(PORT)/  (hentikan dengan Ctrl+C)"
	$(PY) manage.py runserver $(HOST):$(PORT)

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

demo: migrate
	$(PY) manage.py load_demo

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
	  ALLOWED_HOSTS=sizi.example.go.id $(PY) manage.py check --deploy --fail-level WARNING
	$(MAKE) test

bench: install
	@for script in benchmarks/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
