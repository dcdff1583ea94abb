#!/usr/bin/env bash
# Prepares the settings and the channels' credentials, then hands over to scripts/supervise.py,
# which starts the action server, the web chat's server and Rasa, restarts any that stops,
# and stops them all on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
# What the servers write (credentials, conversations) is for this user only.
umask 077

export RASA_HOST=${RASA_HOST:-127.0.0.1}
export RASA_PORT=${RASA_PORT:-5005}
# Rasa calls the action gateway (gateway/actions.py), which calls the action server(s)
# and answers with the plain replies if they fail or take longer than ACTION_TIMEOUT.
export ACTION_PORT=${ACTION_PORT:-5056}
export ACTION_GATEWAY_PORT=${ACTION_GATEWAY_PORT:-5055}
export ACTION_UPSTREAM_URLS=${ACTION_UPSTREAM_URLS:-http://127.0.0.1:$ACTION_PORT/webhook}
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-http://localhost:$ACTION_GATEWAY_PORT/webhook}
# The action server answers only requests carrying this secret; endpoints.yml has Rasa send it.
if [ -z "${ACTION_SERVER_TOKEN:-}" ]; then
  ACTION_SERVER_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
fi
export ACTION_SERVER_TOKEN

export RASA_ENDPOINTS=endpoints.yml
if [ -n "${TRACKER_DB_HOST:-}" ]; then
  # Shared conversations need the shared lock store too (docs/deploy.md).
  : "${REDIS_HOST:?With TRACKER_DB_HOST set, REDIS_HOST, REDIS_PORT and REDIS_PASSWORD are needed too.}"
  RASA_ENDPOINTS=endpoints.postgres.yml
fi
# The hardened REST channel, plus each messaging channel whose variables are set (docs/channels.md).
.venv/bin/python -m channels.credentials

export WEB_PORT=${WEB_PORT:-8080}
export WEB_ORIGIN=${WEB_ORIGIN:-http://localhost:$WEB_PORT}
export RASA_URL=${RASA_URL:-http://localhost:$RASA_PORT}

echo "Rasa will answer at http://$RASA_HOST:$RASA_PORT/webhooks/rest/webhook once the model has loaded;"
echo "the website chat is at $WEB_ORIGIN."
exec .venv/bin/python scripts/supervise.py
