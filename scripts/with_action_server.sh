#!/usr/bin/env bash
# Runs a command (`rasa shell`, `rasa interactive`) with the action server and its gateway
# beside it (the gateway on the port endpoints.yml names); both stop when the command ends.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var build
# The secret the action server asks for and endpoints.yml has Rasa send.
if [ -z "${ACTION_SERVER_TOKEN:-}" ]; then
  ACTION_SERVER_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
fi
export ACTION_SERVER_TOKEN
.venv/bin/python -m actions.server --port 5056 > build/action-server.log 2>&1 &
actions_pid=$!
ACTION_GATEWAY_PORT=5055 ACTION_UPSTREAM_URLS=http://127.0.0.1:5056/webhook \
  .venv/bin/python -m gateway.actions > build/action-gateway.log 2>&1 &
gateway_pid=$!
trap 'kill "$actions_pid" "$gateway_pid" 2>/dev/null || true; wait "$actions_pid" "$gateway_pid" 2>/dev/null || true' EXIT INT TERM
"$@"
