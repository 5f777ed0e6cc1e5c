#!/usr/bin/env bash
# Real transfer learning (issue 5's accuracy figures), not run by ctest: SqueezeNet v1.1 with the real
# ImageNet weights from ../shared/weights, 224x224, batch 32, Adam 0.001:
#   - the seed's feature-extraction recipe (whole base frozen), 20 epochs, with the default head
#     (GlobalAveragePooling2D -> Normalization -> Dense) and with exactly the seed's (--no-normalize),
#     for seeds 1..SEEDS;
#   - the same 20 epochs, then fine-tuning fire8-fire9 (layers[:48] frozen) for 10 epochs at 1e-4, seed 42;
# on hymenoptera_data (its train/val folders) and seal_script_regions (validation split 0.2, stratified).
# The histories stay in OUT.
# Environment: BUILD_DIR (default build), OUT (default: a temporary folder), SHARED (default ../shared),
# SEEDS (default 5).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
shared="${SHARED:-$root/../shared}"
out="${OUT:-$(mktemp -d /tmp/tlw-accuracy-bench.XXXXXX)}"
seeds="${SEEDS:-5}"
export TLW_WEIGHTS_DIR="$shared/weights"
export TLW_CACHE_DIR="$out/cache"
mkdir -p "$out"
echo "# $("$tlw" --version); outputs in $out"

# val_accuracy per epoch, then last / best / epoch of the lowest val_loss (the epoch the model keeps).
summarize() {
    python3 - "$1.history.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
acc = [float(r["val_accuracy"]) for r in rows]
loss = [float(r["val_loss"]) for r in rows]
kept = loss.index(min(loss))
phase2 = [i for i, r in enumerate(rows) if r["phase"] == "2"]
print("    val_accuracy:", " ".join(f"{a:.3f}" for a in acc))
print(f"    last {acc[-1]:.4f}, best {max(acc):.4f} (epoch {acc.index(max(acc)) + 1}), "
      f"kept epoch {kept + 1} (lowest val_loss {loss[kept]:.4f}): {acc[kept]:.4f}"
      + (f"; phase 1 best {max(acc[:phase2[0]]):.4f}, phase 2 best {max(acc[phase2[0]:]):.4f}" if phase2 else ""))
PY
}

train() {
    local name="$1" dataset="$2"; shift 2
    "$tlw" train "$dataset" --backbone squeezenet --image-size 224 --batch-size 32 --lr 0.001 \
        --out "$out/$name.tlwm" "$@" >"$out/$name.log" 2>&1
    echo "  $name: $*"
    summarize "$out/$name.tlwm"
}

for dataset in hymenoptera_data seal_script_regions; do
    split=()
    [[ "$dataset" == seal_script_regions ]] && split=(--validation-split 0.2)
    echo "## $dataset"
    for seed in $(seq 1 "$seeds"); do
        train "$dataset-frozen-s$seed" "$shared/datasets/$dataset" "${split[@]}" --epochs 20 --seed "$seed"
        train "$dataset-plain-s$seed" "$shared/datasets/$dataset" "${split[@]}" --epochs 20 --seed "$seed" \
            --no-normalize
    done
    train "$dataset-two-phase" "$shared/datasets/$dataset" "${split[@]}" --epochs 20 --seed 42 \
        --two-phase 10:48:1e-4
    train "$dataset-two-phase-plain" "$shared/datasets/$dataset" "${split[@]}" --epochs 20 --seed 42 \
        --two-phase 10:48:1e-4 --no-normalize
done
