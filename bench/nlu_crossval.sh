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
  .venv/bin/python - "$name" "$out" "$seconds" <<'PY'
import json, sys
from pathlib import Path
name, out, seconds = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
intents = json.load(open(out / "intent_report.json"))
selector_path = out / "response_selection_report.json"
selector = json.load(open(selector_path)) if selector_path.exists() else {}
summary = {"accuracy", "macro avg", "weighted avg", "micro avg"}
# The whole classifier set: every intent but the retrieval intent itself, and every follow-up topic.
labels = {k: v["f1-score"] for k, v in intents.items() if k not in summary and k != "faq"}
labels.update({k: v["f1-score"] for k, v in selector.items() if k not in summary})
macro = sum(labels.values()) / len(labels)
print(f"{name}: intents macro F1 {intents['macro avg']['f1-score']:.3f}, weighted {intents['weighted avg']['f1-score']:.3f}; "
      f"follow-up topics macro F1 {selector.get('macro avg', {}).get('f1-score', float('nan')):.3f}; "
      f"all {len(labels)} labels macro F1 {macro:.3f}; {seconds}s for all folds")
for label, f1 in sorted(labels.items(), key=lambda item: item[1])[:15]:
    print(f"    {f1:.3f}  {label}")
(out / "per_label_f1.json").write_text(json.dumps(dict(sorted(labels.items())), indent=1))
PY
done
