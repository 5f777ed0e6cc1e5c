#!/usr/bin/env bash
# Label noise for tlw audit (issue 15's acceptance): copies of hymenoptera_data/train and seal_script_regions
# with 10 % of the files moved into another class at random (seeded), then `tlw audit` (SqueezeNet, real
# ImageNet weights): how many of the moved files the top 15 % of the ranking holds, and the precision of the
# top k (k = the number moved) and the top 10. Not run by ctest.
# Environment: BUILD_DIR (default build), OUT (default: a temporary folder), SHARED (default ../shared),
# SEED (default 1), FRACTION (default 0.1).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tlw="${BUILD_DIR:-$root/build}/app/tlw/tlw"
shared="${SHARED:-$root/../shared}"
out="${OUT:-$(mktemp -d /tmp/tlw-audit-flip.XXXXXX)}"
export TLW_WEIGHTS_DIR="$shared/weights"
export TLW_CACHE_DIR="$out/cache"
mkdir -p "$out"
echo "# $("$tlw" --version); outputs in $out"

flip() {  # SOURCE DESTINATION: copy, move a seeded fraction into another class, list the moved files
    python3 - "$1" "$2" "${FRACTION:-0.1}" "${SEED:-1}" <<'PY'
import os, random, shutil, sys
source, destination, fraction, seed = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
shutil.rmtree(destination, ignore_errors=True)
shutil.copytree(source, destination)
classes = sorted(d for d in os.listdir(destination) if os.path.isdir(os.path.join(destination, d)))
files = [(c, f) for c in classes for f in sorted(os.listdir(os.path.join(destination, c)))]
rng = random.Random(seed)
with open(destination + ".moved.txt", "w") as moved:
    for c, f in rng.sample(files, round(fraction * len(files))):
        # Only into a class without a file of that name (seal_script_regions repeats names across classes):
        # a move must never replace a file.
        targets = [k for k in classes if k != c and not os.path.exists(os.path.join(destination, k, f))]
        if not targets:
            continue
        target = rng.choice(targets)
        shutil.move(os.path.join(destination, c, f), os.path.join(destination, target, f))
        moved.write(os.path.join(destination, target, f) + "\n")
PY
}

score() {  # CSV MOVED
    python3 - "$1" "$2" <<'PY'
import csv, os, sys
ranked = [os.path.normpath(row["path"]) for row in csv.DictReader(open(sys.argv[1]))]
moved = {os.path.normpath(line.strip()) for line in open(sys.argv[2]) if line.strip()}
top = round(0.15 * len(ranked))
held = sum(path in moved for path in ranked[:top])
k = len(moved)
print(f"{len(ranked)} training images, {k} moved: top 15 % ({top}) holds {held} ({held / k:.3f}); "
      f"precision of the top {k} {sum(p in moved for p in ranked[:k]) / k:.3f}, "
      f"of the top 10 {sum(p in moved for p in ranked[:10]) / 10:.2f}")
PY
}

for set in hymenoptera_data/train seal_script_regions; do
    name="$(echo "$set" | tr / _)"
    flip "$shared/datasets/$set" "$out/$name"
    start=$(date +%s.%N)
    "$tlw" audit "$out/$name" --csv "$out/$name.csv" --overwrite --top 0 >"$out/$name.log" 2>&1
    echo "$set: tlw audit $(echo "$(date +%s.%N) - $start" | bc) s (features computed into an empty cache)"
    grep "label issues" "$out/$name.log"
    score "$out/$name.csv" "$out/$name.moved.txt"
done

# What the audit is for: retrain on hymenoptera_data with the clean labels, with the 10 % moved, and after
# following the audit (each file of the top 15 % moved into its suggested class, as the Audit view's Move does),
# always validating on the untouched val/ folder. Default recipe: SqueezeNet, exact head.
accuracy() {  # MODEL: the kept epoch's val_accuracy
    python3 - "$1.history.json" <<'PY'
import json, sys
history = json.load(open(sys.argv[1]))
kept = history.get("kept_epoch") or history.get("best_epoch")
print(next(e["val_accuracy"] for e in history["epochs"] if e["epoch"] == kept))
PY
}
repair() {  # NOISY_TRAIN CSV: move the top 15 % of the ranking into their suggested classes
    python3 - "$1" "$2" <<'PY'
import csv, os, shutil, sys
train, rows = sys.argv[1], list(csv.DictReader(open(sys.argv[2])))
moved = 0
for row in rows[:round(0.15 * len(rows))]:
    target = os.path.join(train, row["suggested"], os.path.basename(row["path"]))
    if row["suggested"] != row["given"] and not os.path.exists(target):
        shutil.move(row["path"], target)
        moved += 1
print(moved)
PY
}
hymenoptera="$shared/datasets/hymenoptera_data"
for variant in clean noisy repaired; do
    mkdir -p "$out/retrain-$variant"
    ln -sfn "$hymenoptera/val" "$out/retrain-$variant/val"
done
ln -sfn "$hymenoptera/train" "$out/retrain-clean/train"
rm -rf "$out/retrain-noisy/train" "$out/retrain-repaired/train"
cp -r "$out/hymenoptera_data_train" "$out/retrain-noisy/train"
cp -r "$out/hymenoptera_data_train" "$out/retrain-repaired/train"
echo "repaired: $(repair "$out/retrain-repaired/train" <(sed "s#$out/hymenoptera_data_train#$out/retrain-repaired/train#g" \
    "$out/hymenoptera_data_train.csv")) files moved into the audit's suggested class"
for variant in clean noisy repaired; do
    "$tlw" train "$out/retrain-$variant" --backbone squeezenet --out "$out/retrain-$variant.tlwm" \
        >"$out/retrain-$variant.log" 2>&1
    echo "retrained on the $variant labels: val_accuracy $(accuracy "$out/retrain-$variant.tlwm")"
done
