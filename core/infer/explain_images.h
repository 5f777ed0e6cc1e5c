#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/infer/grad_cam.h"
#include "core/models/trained_model.h"
#include "core/util/batch_run_options.h"

// `tlw explain`'s work: a Grad-CAM map per image, written as an overlay PNG and the raw map as .npy.
// Torch-free.
namespace tlw {

struct ExplainOptions {
    std::filesystem::path outDir;   // created when missing
    std::optional<int> classIndex;  // none: each image's predicted class
    bool overwrite = false;         // replace output files that exist (else: an error before any work)
    ProgressFn progress;            // after each image
    const std::atomic<bool>* cancel = nullptr;
};

struct ExplainedImage {
    std::filesystem::path file;
    std::filesystem::path overlay;  // OUT/<stem>.gradcam.png
    std::filesystem::path rawMap;   // OUT/<stem>.gradcam.npy: float32 (height, width), the layer's map
    GradCamMap map;
    std::string error;  // why the image could not be read, empty on success (then nothing was written)
};

// The output names of each input file: <stem>.gradcam.png and .npy, "<stem>-2" for the second file with the
// same stem, and so on.
std::vector<std::filesystem::path> explanationStems(const std::vector<std::filesystem::path>& files,
                                                    const std::filesystem::path& outDir);

// Every image of collectImageFiles(paths), in order; an unreadable image gets its error, never a throw. Files
// are written atomically. Throws tlw::Error before any work when an output exists (unless overwrite), the
// folder cannot be made, or the class is out of range.
std::vector<ExplainedImage> explainImages(const TrainedModel& model,
                                          const std::vector<std::filesystem::path>& paths,
                                          const ExplainOptions& options);

}  // namespace tlw
