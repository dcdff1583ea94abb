#!/usr/bin/env bash
# Starts the action server and the Rasa server; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

RASA_HOST=${RASA_HOST:-127.0.0.1}
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-http://localhost:$ACTION_PORT/webhook}

endpoints=endpoints.yml
if [ -n "${TRACKER_DB_HOST:-}" ]; then
  endpoints=endpoints.postgres.yml
fi
mkdir -p var
# rest and socketio, plus each messaging channel whose variables are set (docs/channels.md).
.venv/bin/python -m channels.credentials

# The action server has no authentication: keep it on this machine.
SANIC_HOST=127.0.0.1 .venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" &
actions_pid=$!

WEB_PORT=${WEB_PORT:-8080}
export WEB_PORT
export WEB_ORIGIN=${WEB_ORIGIN:-http://localhost:$WEB_PORT}
export RASA_URL=${RASA_URL:-http://localhost:$RASA_PORT}
# The website chat (docs/web.md): the page at $WEB_ORIGIN talks to Rasa's REST channel.
.venv/bin/python -m web.server &
web_pid=$!
trap 'kill "$actions_pid" "$web_pid" 2>/dev/null || true; wait "$actions_pid" "$web_pid" 2>/dev/null || true' EXIT INT TERM

echo "Rasa will answer at http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook once the model has loaded;"
echo "the website chat is at $WEB_ORIGIN."
.venv/bin/rasa run --model models/assistant.tar.gz --endpoints "$endpoints" \
  --credentials build/credentials.yml --interface "$RASA_HOST" --port "$RASA_PORT" --cors "$WEB_ORIGIN"
