#!/usr/bin/env bash
# Real transfer learning (issue 5's accuracy figures), not run by ctest: SqueezeNet v1.1 with the real
# ImageNet weights from ../shared/weights, 224x224, batch 32, Adam 0.001, seed 42:
#   - the seed's feature-extraction recipe (whole base frozen), 20 epochs;
#   - the same 20 epochs, then fine-tuning fire8-fire9 (layers[:48] frozen) for 10 epochs at 1e-4;
# on hymenoptera_data (its train/val folders) and seal_script_regions (validation split 0.2, stratified).
# Prints each run's per-epoch val_accuracy and the best/last figures; the histories stay in OUT.
# Environment: BUILD_DIR (default build), OUT (default: a temporary folder), SHARED (default ../shared).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
shared="${SHARED:-$root/../shared}"
out="${OUT:-$(mktemp -d /tmp/tlw-accuracy-bench.XXXXXX)}"
export TLW_WEIGHTS_DIR="$shared/weights"
export TLW_CACHE_DIR="$out/cache"
mkdir -p "$out"
echo "# $("$tlw" --version); outputs in $out"

summarize() {
    local history="$1.history.csv"
    python3 - "$history" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
acc = [float(r["val_accuracy"]) for r in rows]
loss = [float(r["val_loss"]) for r in rows]
phase2 = [i for i, r in enumerate(rows) if r["phase"] == "2"]
print("  val_accuracy per epoch:", " ".join(f"{a:.3f}" for a in acc))
print(f"  last {acc[-1]:.4f}, best {max(acc):.4f} (epoch {acc.index(max(acc)) + 1}), "
      f"lowest val_loss {min(loss):.4f} at epoch {loss.index(min(loss)) + 1}"
      + (f"; phase 2 from epoch {phase2[0] + 1}, its best {max(acc[phase2[0]:]):.4f}" if phase2 else ""))
PY
}

train() {
    local name="$1" dataset="$2"; shift 2
    "$tlw" train "$dataset" --backbone squeezenet --image-size 224 --batch-size 32 --lr 0.001 --seed 42 \
        --out "$out/$name.tlwm" "$@" >"$out/$name.log" 2>&1
    echo "$name: $*"
    summarize "$out/$name.tlwm"
    grep -E "^(test|Best|Model)" "$out/$name.log" || true
}

train hymenoptera-frozen "$shared/datasets/hymenoptera_data" --epochs 20
train hymenoptera-two-phase "$shared/datasets/hymenoptera_data" --epochs 20 --two-phase 10:48:1e-4
train seals-frozen "$shared/datasets/seal_script_regions" --validation-split 0.2 --epochs 20
train seals-two-phase "$shared/datasets/seal_script_regions" --validation-split 0.2 --epochs 20 --two-phase 10:48:1e-4
