#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>

#include "core/models/export_check.h"
#include "core/models/trained_model.h"

// Which images an export checks itself on (TrainedModel::exportOnnx / exportTorchScript). Torch-free.
namespace tlw {

inline constexpr std::size_t kExportCheckImageCount = 20;

// Up to `count` images, spread evenly over the first of these that has any readable image:
// 1. `folder`, when given (walked as tlw predict walks its paths): "20 images from FOLDER";
// 2. the model's held-out images, found through the training settings it was saved with: the test split,
//    else the validation split (the dataset's test/ and val/ folders, or the folders the run named);
// 3. the images of that dataset folder, training images included, when its validation split was a random
//    fraction rather than a folder (the report says so);
// 4. generated images (smooth gradients and noise, seeded), when the model's dataset is not on this machine.
// Throws tlw::Error only for a given folder that does not exist or holds no readable image.
ExportCheckImages findExportCheckImages(const ModelDescription& description,
                                        const std::optional<std::filesystem::path>& folder,
                                        std::size_t count = kExportCheckImageCount);

}  // namespace tlw
