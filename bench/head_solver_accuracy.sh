#!/usr/bin/env bash
# The exact head against the tutorial's Adam head (issue 13), not run by ctest: SqueezeNet v1.1 with the real
# ImageNet weights from ../shared/weights, every other setting tlw train's default (224x224, the whole base
# frozen, Normalization, 10 epochs of Adam 0.001 for --head-solver adam), for seeds 1..SEEDS, on
# hymenoptera_data (its train/val folders) and seal_script_regions (validation split 0.2, stratified by the
# seed). Prints the kept model's validation accuracy per run; histories and logs stay in OUT.
# Environment: BUILD_DIR (default build), OUT (default: a temporary folder), SHARED (default ../shared),
# SEEDS (default 5), SOLVERS (default "exact adam").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
shared="${SHARED:-$root/../shared}"
out="${OUT:-$(mktemp -d /tmp/tlw-head-solver.XXXXXX)}"
seeds="${SEEDS:-5}"
solvers="${SOLVERS:-exact adam}"
export TLW_WEIGHTS_DIR="$shared/weights"
export TLW_CACHE_DIR="$out/cache"
mkdir -p "$out"
echo "# $("$tlw" --version); outputs in $out"

# The kept epoch's val_accuracy, and for the exact head the chosen L2 strength and its CV accuracy.
summarize() {
    python3 - "$1.history.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))
kept = next(e for e in h["epochs"] if e["epoch"] == h["best_epoch"])
line = f"val_accuracy {kept['val_accuracy']:.4f} (epoch {kept['epoch']} of {len(h['epochs'])})"
s = h.get("head_solve")
if s:
    p = s["cross_validation"][s["chosen_index"]] if s["cross_validation"] else None
    line += f"; L2 {s['l2']:.0e}" + (f", CV accuracy {p['accuracy']:.4f}" if p else "")
    line += f", {s['iterations']} iterations, gradient {s['gradient_norm']:.1e}, {s['seconds']:.2f} s"
print(line)
PY
}

for dataset in hymenoptera_data seal_script_regions; do
    split=()
    [[ "$dataset" == seal_script_regions ]] && split=(--validation-split 0.2)
    echo "## $dataset"
    for solver in $solvers; do
        for seed in $(seq 1 "$seeds"); do
            name="$dataset-$solver-s$seed"
            "$tlw" train "$shared/datasets/$dataset" --backbone squeezenet "${split[@]}" --seed "$seed" \
                --head-solver "$solver" --out "$out/$name.tlwm" >"$out/$name.log" 2>&1
            echo "  $solver seed $seed: $(summarize "$out/$name.tlwm")"
        done
    done
done
