#!/usr/bin/env bash
# Runs a command (`rasa shell`, `rasa interactive`) with the action server beside it,
# on the port endpoints.yml names; the action server stops when the command ends.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var build
SANIC_HOST=127.0.0.1 .venv/bin/rasa run actions --actions actions --port 5055 > build/action-server.log 2>&1 &
actions_pid=$!
trap 'kill "$actions_pid" 2>/dev/null || true; wait "$actions_pid" 2>/dev/null || true' EXIT INT TERM
"$@"
