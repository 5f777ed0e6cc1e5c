#pragma once

#include <filesystem>
#include <vector>

#include "core/models/trained_model.h"

// Images whose class is decided by one object at a random place (a red disc or a blue square on grey
// textured noise), and a SqueezeNet (real ImageNet weights from ../shared) trained on them in the test, for
// the Grad-CAM and nearest-example tests.
namespace tlw::test {

struct ObjectBox {
    int x = 0, y = 0, width = 0, height = 0;
};

struct ObjectImage {
    std::filesystem::path file;
    int label = 0;  // 0 "disc", 1 "square"
    ObjectBox box;  // where the object is, in pixels
};

inline constexpr int kObjectImageSide = 224;

// perClass images of each class under root/<class>/ (PNG), seeded.
std::vector<ObjectImage> writeObjectImages(const std::filesystem::path& root, int perClass, unsigned seed);

// The SqueezeNet weights file, or an empty path when ../shared lacks it.
std::filesystem::path squeezeNetWeights();

// Trains SqueezeNet (frozen, exact head) on root at kObjectImageSide and loads the model; cache and model go in work.
TrainedModel trainObjectModel(const std::filesystem::path& root, const std::filesystem::path& work);

}  // namespace tlw::test
