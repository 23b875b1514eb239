#!/usr/bin/env bash
# Schemathesis against the API: a live server on a free port, serving the curated data
# from a throwaway SQLite file, tested operation by operation from /api/schema/, with
# valid and invalid parameters. Fails on any server error or any response that breaks
# the schema. Bounded: SCHEMATHESIS_MAX_EXAMPLES per operation and phase (default 40).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
WORK=$(mktemp -d)
PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite:///$WORK/db.sqlite3" DJANGO_SETTINGS_MODULE=config.settings.test

$PY manage.py migrate --noinput -v0
$PY manage.py load_curated -v0
$PY manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

$PY - "$PORT" <<'PY'
import sys, time, urllib.request
for _ in range(120):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/schema/", timeout=5)
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("the server did not start")
PY

status=0
SCHEMATHESIS_HOOKS=tools.schemathesis_hooks PYTHONPATH=. .venv/bin/schemathesis run "http://127.0.0.1:$PORT/api/schema/" \
  --checks all \
  --phases examples,coverage,fuzzing \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-40}" \
  --request-timeout 20 \
  --workers 2 \
  --seed "${SCHEMATHESIS_SEED:-400}" \
  --suppress-health-check too_slow \
  || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log (last 60 lines)"; tail -n 60 "$WORK/server.log"
fi
exit "$status"
