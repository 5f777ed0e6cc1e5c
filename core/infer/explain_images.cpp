#include "core/infer/explain_images.h"

#include <map>

#include "core/eval/prediction.h"
#include "core/infer/grad_cam_overlay.h"
#include "core/infer/npy_writer.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/tensor_memory.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

fs::path withSuffix(const fs::path& stem, const char* suffix) { return fs::path(stem).concat(suffix); }

// A user's file is never replaced unasked: every output is checked before the first image is read.
void refuseExistingOutputs(const std::vector<fs::path>& stems) {
    for (const fs::path& stem : stems) {
        for (const char* suffix : {".gradcam.png", ".gradcam.npy"}) {
            std::error_code error;
            if (fs::exists(fs::symlink_status(withSuffix(stem, suffix), error)))
                throw Error(withSuffix(stem, suffix), "exists; --overwrite replaces it");
        }
    }
}

void prepareOutDir(const fs::path& outDir) {
    std::error_code error;
    fs::create_directories(outDir, error);
    if (error) throw Error(outDir, "cannot create folder: " + error.message());
    if (!fs::is_directory(outDir)) throw Error(outDir, "not a folder");
}

void explainOne(const TrainedModel& model, const ExplainOptions& options, ExplainedImage& explained) {
    const ModelDescription& description = model.description();
    RgbImage image;
    try {
        image = decodeImageFile(explained.file);
    } catch (const Error& e) {
        explained.error = e.reason().empty() ? e.what() : e.reason();
        return;
    }
    explained.map = gradCam(model, image, options.classIndex);
    OverlayOptions overlay;
    overlay.cropToAspectRatio = description.cropToAspectRatio;
    overlay.modelWidth = description.imageSize.width;
    overlay.modelHeight = description.imageSize.height;
    writeFileAtomically(explained.overlay,
                        encodePngBytes(renderGradCamOverlay(image, explained.map, overlay)));
    writeNpyFloat32(explained.rawMap, {explained.map.height, explained.map.width},
                    explained.map.values.data());
}

}  // namespace

std::vector<fs::path> explanationStems(const std::vector<fs::path>& files, const fs::path& outDir) {
    std::map<fs::path, int> uses;
    std::vector<fs::path> stems;
    for (const fs::path& file : files) {
        const fs::path stem = file.stem();
        const int use = ++uses[stem];
        stems.push_back(outDir / (use == 1 ? stem : fs::path(stem).concat("-" + std::to_string(use))));
    }
    return stems;
}

std::vector<ExplainedImage> explainImages(const TrainedModel& model, const std::vector<fs::path>& paths,
                                          const ExplainOptions& options) {
    const int classCount = static_cast<int>(model.description().classNames.size());
    if (options.classIndex && (*options.classIndex < 0 || *options.classIndex >= classCount))
        throw Error("class " + std::to_string(*options.classIndex) + " is out of range: the model has " +
                    std::to_string(classCount) + " classes");
    const std::vector<fs::path> files = collectImageFiles(paths);
    // Each image allocates the same activation-sized buffers: kept between images, not faulted in again.
    const TensorMemoryScope memory;
    const std::vector<fs::path> stems = explanationStems(files, options.outDir);
    if (!options.overwrite) refuseExistingOutputs(stems);
    prepareOutDir(options.outDir);
    std::vector<ExplainedImage> explained(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
        if (options.cancel != nullptr && options.cancel->load()) throw Error("cancelled");
        explained[i].file = files[i];
        explained[i].overlay = withSuffix(stems[i], ".gradcam.png");
        explained[i].rawMap = withSuffix(stems[i], ".gradcam.npy");
        explainOne(model, options, explained[i]);
        if (options.progress) options.progress(i + 1, files.size());
    }
    return explained;
}

}  // namespace tlw
