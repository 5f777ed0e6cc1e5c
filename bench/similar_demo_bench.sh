#!/usr/bin/env bash
# Nearest training examples on the seal demo (issue 15's acceptance): `tlw make-demo` (4 styles x 60 seals),
# SqueezeNet with the real ImageNet weights trained on it (validation fifth held out, whole base frozen),
# then `tlw similar` for every validation seal: how often the nearest training seal has the query's class
# (k = 1), and how often the majority of the 5 nearest does. Not run by ctest.
# Environment: BUILD_DIR (default build), OUT (default: a temporary folder), SHARED (default ../shared),
# IMAGE_SIZE (default 224).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
shared="${SHARED:-$root/../shared}"
out="${OUT:-$(mktemp -d /tmp/tlw-similar-demo.XXXXXX)}"
size="${IMAGE_SIZE:-224}"
export TLW_WEIGHTS_DIR="$shared/weights"
export TLW_CACHE_DIR="$out/cache"
mkdir -p "$out"
echo "# $("$tlw" --version); outputs in $out"

[[ -d "$out/seals" ]] || "$tlw" make-demo "$out/seals" >/dev/null
"$tlw" train "$out/seals" --backbone squeezenet --image-size "$size" --validation-split 0.2 --seed 1 \
    --out "$out/seals.tlwm" >"$out/train.log" 2>&1
tail -n 3 "$out/train.log"

# The validation seals, from the split the run pinned beside its model.
mapfile -t queries < <(python3 - "$out/seals.tlwm.split.json" "$out/seals" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1]))
for entry in manifest["files"]:
    if entry["subset"] in ("validation", "val"):
        print(sys.argv[2] + "/" + entry["path"])
PY
)
echo "validation seals: ${#queries[@]}"
start=$(date +%s.%N)
"$tlw" similar "$out/seals.tlwm" "${queries[@]}" --k 5 --csv "$out/similar.csv" --overwrite >/dev/null
echo "tlw similar: $(echo "$(date +%s.%N) - $start" | bc) s for ${#queries[@]} queries (training features from the run's cache)"

python3 - "$out/similar.csv" <<'PY'
import csv, os, sys
from collections import Counter, defaultdict
neighbours = defaultdict(list)
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if row["rank"]:
        neighbours[row["query"]].append(row["class"])
truth = {q: os.path.basename(os.path.dirname(q)) for q in neighbours}
top1 = sum(n[0] == truth[q] for q, n in neighbours.items())
vote = sum(Counter(n).most_common(1)[0][0] == truth[q] for q, n in neighbours.items())
total = len(neighbours)
print(f"nearest training seal of the query's class: {top1}/{total} = {top1 / total:.3f}")
print(f"majority of the 5 nearest of the query's class: {vote}/{total} = {vote / total:.3f}")
PY
