#!/usr/bin/env bash
# Trains the model only when what it is built from changed since it was trained
# (tools/model_fingerprint.py: config, domain, data, content and the code of the
# custom components). The hash is taken before training, so an edit made during
# training is not mistaken for trained.
set -euo pipefail
cd "$(dirname "$0")/.."
model=models/assistant.tar.gz
stamp=models/assistant.inputs.sha256
hash=$(.venv/bin/python -m tools.model_fingerprint)
if [ -f "$model" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
  echo "The model is up to date."
  exit 0
fi
.venv/bin/rasa train --out models --fixed-model-name assistant
echo "$hash" > "$stamp"
