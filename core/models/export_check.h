#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/data/image_decoder.h"
#include "core/models/image_size.h"

// Exports check themselves: the written file is run by an independent runtime on held-out images and its
// probabilities are compared with the workbench's own. Torch-free.
namespace tlw {

// The largest difference in any probability that still counts as the same answer: float32 arithmetic done
// in another order (another runtime, BatchNormalization folded into the convolutions) stays far below it.
inline constexpr double kExportCheckTolerance = 1e-4;

// The ONNX opset exports are written for: 10, the last one whose Clip takes its bounds as attributes, the
// only form OpenCV 4.6's DNN importer reads (opset 11 made them inputs). Every other operator used reads the
// same at 10 and 11, and every ONNX runtime of the last years reads opset 10.
inline constexpr int kOnnxOpset = 10;

// The images an export is checked on, and what they are, for the report ("20 images of the test split of
// /data/seals").
struct ExportCheckImages {
    // Where they came from, for a translated report (the GUI); `source` says the same in English.
    enum class Origin { Given, Folder, TestSplit, ValidationSplit, DatasetFolder, Generated };

    std::vector<RgbImage> images;
    std::string source;
    Origin origin = Origin::Given;
    std::filesystem::path folder;  // Folder, TestSplit, ValidationSplit, DatasetFolder: the folder read
};

struct ExportCheckReport {
    std::size_t imageCount = 0;  // 0: not checked
    std::size_t labelsAgreeing = 0;
    double largestDifference = 0.0;  // max |exported - workbench| over every image and class
    std::string runtime;             // "OpenCV DNN 4.6.0", "LibTorch torch::jit::load"
    std::string imageSource;

    bool checked() const { return imageCount > 0; }
    bool passed() const { return labelsAgreeing == imageCount && largestDifference <= kExportCheckTolerance; }
};

// Compares two N x classes tables of probabilities (exported, workbench), row by row.
ExportCheckReport compareProbabilities(const std::vector<std::vector<float>>& exported,
                                       const std::vector<std::vector<float>>& workbench);

// What an exported file is given: each image resized (or cropped and resized) to the model's size exactly as
// the workbench resizes it, float32 RGB 0..255, laid out N x height x width x 3.
std::vector<float> exportInputBatch(const std::vector<RgbImage>& images, ImageSize size,
                                    bool cropToAspectRatio);

// "checked with OpenCV DNN 4.6.0 on 20 images of ...: 20 of 20 labels agree, largest difference 3.1e-07
// (tolerance 1e-04)".
std::string exportCheckSummary(const ExportCheckReport& report);

}  // namespace tlw
