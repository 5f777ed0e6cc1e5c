#include "tests/core/infer/object_dataset.h"

#include <algorithm>
#include <random>
#include <string>

#include "core/train/training_session.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/shared_data.h"

namespace tlw::test {
namespace {

constexpr int kObjectSide = 96;

// Grey noise in blocks of 8 pixels, so the background has texture the network responds to as well.
std::vector<std::uint8_t> texturedBackground(std::mt19937& random) {
    const int side = kObjectImageSide;
    std::uniform_int_distribution<int> level(105, 155);
    std::normal_distribution<double> grain(0.0, 6.0);
    std::vector<int> blocks(static_cast<size_t>((side / 8) * (side / 8)));
    for (int& block : blocks) block = level(random);
    std::vector<std::uint8_t> pixels(static_cast<size_t>(side * side * 3));
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            const int base = blocks[static_cast<size_t>((y / 8) * (side / 8) + x / 8)];
            const int value = std::clamp(static_cast<int>(base + grain(random)), 0, 255);
            for (int c = 0; c < 3; ++c)
                pixels[static_cast<size_t>((y * side + x) * 3 + c)] = std::uint8_t(value);
        }
    }
    return pixels;
}

void drawObject(std::vector<std::uint8_t>& pixels, int label, const ObjectBox& box) {
    const double radius = box.width / 2.0;
    for (int y = box.y; y < box.y + box.height; ++y) {
        for (int x = box.x; x < box.x + box.width; ++x) {
            const double dx = x + 0.5 - (box.x + radius);
            const double dy = y + 0.5 - (box.y + radius);
            if (label == 0 && dx * dx + dy * dy > radius * radius) continue;
            std::uint8_t* pixel = &pixels[static_cast<size_t>((y * kObjectImageSide + x) * 3)];
            pixel[0] = label == 0 ? 220 : 30;
            pixel[1] = label == 0 ? 40 : 60;
            pixel[2] = label == 0 ? 30 : 220;
        }
    }
}

}  // namespace

std::vector<ObjectImage> writeObjectImages(const std::filesystem::path& root, int perClass, unsigned seed) {
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> place(0, kObjectImageSide - kObjectSide);
    std::vector<ObjectImage> images;
    const char* const classes[] = {"disc", "square"};
    for (int i = 0; i < perClass; ++i) {
        for (int label = 0; label < 2; ++label) {
            ObjectImage image;
            image.label = label;
            image.box = {place(random), place(random), kObjectSide, kObjectSide};
            image.file =
                root / classes[label] / (std::string(classes[label]) + "_" + std::to_string(i) + ".png");
            std::vector<std::uint8_t> pixels = texturedBackground(random);
            drawObject(pixels, label, image.box);
            std::filesystem::create_directories(image.file.parent_path());
            writeBytes(image.file, encodePng(kObjectImageSide, kObjectImageSide, pixels));
            images.push_back(image);
        }
    }
    return images;
}

std::filesystem::path squeezeNetWeights() {
    const std::filesystem::path file =
        sharedWeights("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
    return std::filesystem::exists(file) ? file : std::filesystem::path();
}

TrainedModel trainObjectModel(const std::filesystem::path& root, const std::filesystem::path& work) {
    TrainingConfig config;
    config.dataDir = root;
    config.validationSplit = 0.2;
    config.imageSize = {kObjectImageSide, kObjectImageSide};
    config.backbone = BackboneKind::SqueezeNet11;
    config.weightsFile = squeezeNetWeights();
    config.epochs = 1;
    config.seed = 5;
    config.threads = 2;
    config.precision = Precision::Float32;
    config.cache.directory = work / "cache";
    config.outputModel = work / "objects.tlwm";
    TrainingObserver quiet;
    TrainingSession session(config);
    return TrainedModel::load(session.run(quiet).modelFile);
}

}  // namespace tlw::test
