#!/usr/bin/env bash
# Renders the workbench window, in English and in Simplified Chinese, to the PNG files README.md shows:
#   tools/screenshots.sh [OUT_DIR] [DATASET_DIR]
#     OUT_DIR      default: docs/screenshots
#     DATASET_DIR  default: ../shared/datasets/hymenoptera_data
# <lang>-dataset.png     the dataset opened and scanned
# <lang>-model.png       VGG16 with "Fine-Tune Block 5" (fine_tune_at = 16) and its weights found
# <lang>-model-no-weights.png  VGG16 on a machine without its weights: what is missing, where to put it
# <lang>-training/evaluation/predict.png  after a real run: SqueezeNet with the real ImageNet weights
#                        from ../shared/weights, 8 epochs with the base frozen, then 4 fine-tuning fire8-fire9,
#                        evaluated on the dataset's split, three validation images classified
# <lang>-triage.png      the Triage dialog over the dataset's val/ folder, ranked by its last class
# <lang>-thresholds.png  the Evaluation page's per-class thresholds (every class at 0.6) and coverage, for a
#                        SqueezeNet trained 6 epochs on a small demo seal dataset (4 classes)
# <lang>-sweep.png       the "Which Layers to Fine-Tune?" dialog after a real sweep: SqueezeNet with the real
#                        weights on the dataset, the backbone's proposed candidates, 3 fine-tuning epochs each
# <lang>-about.png       the About dialog
# <lang>-dataset-map.png the Dataset page's Map (t-SNE of every image's features, after an audit)
# <lang>-predict.png shows the cards with "Show where the model looks" on and their "Looks like" rows
# <lang>-audit.png       (not made here: --screenshot-pages audit, opt-in) the Dataset page's Audit view after
#                        an audit; the committed ones: a copy of hymenoptera_data/train with 10 % of the labels
#                        moved (bench/audit_flip_bench.sh's copy), TLW_WEIGHTS_DIR=../shared/weights, under
#                        xvfb-run -s '-screen 0 1280x800x24' with --window-size 1280x800
# The real VGG16 weights cannot be had offline, so <lang>-model.png finds a Keras-layout stand-in written by
# `tlw make-weights` (same file name, layers and shapes; random values). Uses the offscreen Qt platform, a
# throw-away settings folder and a throw-away HOME (SCREENSHOT_HOME overrides it: the paths the
# no-weights picture shows are under it). BUILD_DIR defaults to build/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/screenshots}"
dataset="${2:-$root/../shared/datasets/hymenoptera_data}"
real_weights="${REAL_WEIGHTS_DIR:-$root/../shared/weights}"
build="${BUILD_DIR:-$root/build}"
app="$build/app/tlworkbench/tlworkbench"
tlw="$build/app/tlw/tlw"
for binary in "$app" "$tlw"; do
    [[ -x "$binary" ]] || { echo "screenshots: $binary not built (cmake --build build)" >&2; exit 1; }
done

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
home="${SCREENSHOT_HOME:-$scratch/home}"
mkdir -p "$out" "$home" "$scratch/weights"
"$tlw" make-weights --backbone vgg16 --out "$scratch/weights/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"

shoot() {  # shoot LANGUAGE [WEIGHTS_DIR] -- tlworkbench arguments
    local language="$1" weights="$2"
    shift 3
    env -u KERAS_HOME -u TLW_WEIGHTS_DIR ${weights:+TLW_WEIGHTS_DIR="$weights"} \
        HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$scratch/config" \
        QT_QPA_PLATFORM=offscreen \
        "$app" --language "$language" --screenshots "$out" --window-size "${WINDOW_SIZE:-1280x820}" "$@"
}

"$tlw" make-demo "$scratch/seals" --per-class 16 --image-size 128 --seed 5 >/dev/null

predict=()
for image in $(find "$dataset" -path '*val*' -name '*.jpg' | sort | sed -n '1p;20p;60p'); do
    predict+=(--screenshot-predict "$image")
done

for language in en zh_CN; do
    shoot "$language" "$real_weights" -- "$dataset" --screenshot-backbone squeezenet --screenshot-train 8:4 \
        "${predict[@]}" --screenshot-triage "$dataset/val" --screenshot-pages dataset,training,evaluation,predict,triage,about,dataset-map
    shoot "$language" "$real_weights" -- "$dataset" --screenshot-backbone squeezenet --screenshot-train 0:3 \
        --screenshot-pages sweep
    shoot "$language" "$real_weights" -- "$scratch/seals" --screenshot-backbone squeezenet --screenshot-train 6 \
        --screenshot-class-threshold 0.6 --screenshot-pages thresholds
    shoot "$language" "$scratch/weights" -- --screenshot-pages model --screenshot-backbone vgg16 --screenshot-fine-tune
    shoot "$language" "" -- --screenshot-pages model --screenshot-backbone vgg16 --screenshot-suffix -no-weights
done
