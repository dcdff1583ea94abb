#!/usr/bin/env bash
# Trains the model only when its inputs changed since the model was trained.
# The hash is taken before training, so an edit made during training is not
# mistaken for trained.
set -euo pipefail
cd "$(dirname "$0")/.."
model=models/assistant.tar.gz
stamp=models/assistant.inputs.sha256
inputs=$( (echo config.yml; echo build/domain.yml; find data -name '*.yml') | LC_ALL=C sort)
hash=$(cat $inputs | sha256sum | cut -d' ' -f1)
if [ -f "$model" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
  echo "The model is up to date."
  exit 0
fi
.venv/bin/rasa train --config config.yml --domain build/domain.yml --data data --out models --fixed-model-name assistant
echo "$hash" > "$stamp"
