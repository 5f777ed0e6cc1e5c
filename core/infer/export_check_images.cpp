#include "core/infer/export_check_images.h"

#include <algorithm>
#include <random>

#include "core/data/image_inputs.h"
#include "core/train/training_config.h"
#include "core/util/error.h"
#include "core/util/utf8.h"

namespace tlw {
namespace {

// Evenly spread over the list (dataset order is by class, so every class gets its share), skipping files
// that do not decode: the next one in the list takes their place.
std::vector<RgbImage> decodeSpread(const std::vector<ImageInput>& inputs, std::size_t count) {
    std::vector<RgbImage> images;
    if (inputs.empty()) return images;
    const std::size_t step = std::max<std::size_t>(1, inputs.size() / count);
    for (std::size_t start = 0; start < step && images.size() < count; ++start) {
        for (std::size_t i = start; i < inputs.size() && images.size() < count; i += step) {
            try {
                images.push_back(decodeImageFile(inputs[i].file));
            } catch (const Error&) {
                // Unreadable files are the scan's business; the check only needs readable ones.
            }
        }
    }
    return images;
}

std::vector<ImageInput> subset(const std::vector<ImageInput>& inputs, const std::string& name) {
    std::vector<ImageInput> chosen;
    for (const ImageInput& input : inputs)
        if (input.subset == name) chosen.push_back(input);
    return chosen;
}

std::string describe(std::size_t count, const std::string& what, const std::filesystem::path& where) {
    return std::to_string(count) + " images of " + what + " " + printableText(where.u8string());
}

using Origin = ExportCheckImages::Origin;

std::optional<ExportCheckImages> fromFolder(const std::filesystem::path& folder,
                                            const std::string& subsetName, Origin origin,
                                            const std::string& what, std::size_t count) {
    std::vector<ImageInput> inputs = collectImageInputs({folder}).images;
    if (!subsetName.empty()) inputs = subset(inputs, subsetName);
    ExportCheckImages check;
    check.images = decodeSpread(inputs, count);
    if (check.images.empty()) return std::nullopt;
    check.source = describe(check.images.size(), what, folder);
    check.origin = origin;
    check.folder = folder;
    return check;
}

// The held-out images of the dataset the model was trained on, when that folder is still here.
std::optional<ExportCheckImages> fromTrainingDataset(const ModelDescription& description, std::size_t count) {
    if (description.trainingConfigJson.empty()) return std::nullopt;
    try {
        const TrainingConfig config = trainingConfigFromJson(description.trainingConfigJson);
        if (config.testDir)
            if (auto check = fromFolder(*config.testDir, "", Origin::TestSplit, "the test folder", count))
                return check;
        if (auto check = fromFolder(config.dataDir, "test", Origin::TestSplit, "the test split of", count))
            return check;
        if (config.validationDir)
            if (auto check = fromFolder(*config.validationDir, "", Origin::ValidationSplit,
                                        "the validation folder", count))
                return check;
        if (auto check = fromFolder(config.dataDir, "validation", Origin::ValidationSplit,
                                    "the validation split of", count))
            return check;
        return fromFolder(config.dataDir, "", Origin::DatasetFolder,
                          "the dataset (training images included: its validation split is a random fraction, "
                          "not a folder)",
                          count);
    } catch (const Error&) {
        return std::nullopt;  // the folder moved or the settings are from another version: generated images
    }
}

// Smooth colour gradients with noise: every pixel value occurs, and neighbouring pixels differ as in photos.
std::vector<RgbImage> generatedImages(ImageSize size, std::size_t count) {
    std::mt19937 random(20240601);
    std::uniform_int_distribution<int> noise(-24, 24);
    std::vector<RgbImage> images(count);
    for (std::size_t n = 0; n < count; ++n) {
        RgbImage& image = images[n];
        image.width = size.width;
        image.height = size.height;
        image.pixels.resize(static_cast<std::size_t>(size.width) * static_cast<std::size_t>(size.height) * 3);
        std::size_t i = 0;
        for (int y = 0; y < size.height; ++y)
            for (int x = 0; x < size.width; ++x)
                for (int c = 0; c < 3; ++c) {
                    const int base = (x * (c + 1) * 255 / size.width + y * (3 - c) * 255 / size.height +
                                      static_cast<int>(n) * 37) %
                                     256;
                    image.pixels[i++] = static_cast<std::uint8_t>(std::clamp(base + noise(random), 0, 255));
                }
    }
    return images;
}

}  // namespace

ExportCheckImages findExportCheckImages(const ModelDescription& description,
                                        const std::optional<std::filesystem::path>& folder,
                                        std::size_t count) {
    if (folder) {
        if (auto check = fromFolder(*folder, "", Origin::Folder, "", count)) {
            check->source =
                std::to_string(check->images.size()) + " images from " + printableText(folder->u8string());
            return *check;
        }
        throw Error(*folder, "no readable image to check the export with");
    }
    if (auto check = fromTrainingDataset(description, count)) return *check;
    ExportCheckImages generated;
    generated.images = generatedImages(description.imageSize, count);
    generated.source =
        std::to_string(count) + " generated images (the model's dataset is not on this machine)";
    generated.origin = Origin::Generated;
    return generated;
}

}  // namespace tlw
