#!/usr/bin/env bash
# Compares NLU pipelines by k-fold cross-validation on data/nlu (and the
# lookups), and prints macro and weighted F1 for each. Slow: k trainings per
# pipeline. Usage: bench/nlu_crossval.sh [FOLDS] [PIPELINE ...]
# (pipelines are config files; default: config.yml and the variants that
# bench/pipeline_variants.py makes from it).
set -euo pipefail
cd "$(dirname "$0")/.."
folds=${1:-3}; shift || true
configs=("$@")
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
[ ${#configs[@]} -gt 0 ] || configs=(config.yml $(.venv/bin/python bench/pipeline_variants.py))
make --quiet domain.yml
# Every pipeline is measured on the same snapshot of the training data.
rm -rf build/crossval && mkdir -p build/crossval && cp -r data build/crossval/data
for config in "${configs[@]}"; do
  name=$(basename "$config" .yml)
  out=build/crossval/$name
  start=$(date +%s)
  .venv/bin/rasa test nlu --config "$config" --domain domain.yml --nlu build/crossval/data \
    --cross-validation --folds "$folds" --out "$out" >"$out.log" 2>&1 || { echo "$name: failed, see $out.log"; continue; }
  seconds=$(( $(date +%s) - start ))
  .venv/bin/python - "$name" "$out/intent_report.json" "$seconds" <<'PY'
import json, sys
name, path, seconds = sys.argv[1], sys.argv[2], sys.argv[3]
report = json.load(open(path))
print(f"{name}: macro F1 {report['macro avg']['f1-score']:.3f}, "
      f"weighted F1 {report['weighted avg']['f1-score']:.3f}, {seconds}s for all folds")
PY
done
