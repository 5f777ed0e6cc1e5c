#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/data/image_decoder.h"
#include "core/infer/grad_cam_geometry.h"
#include "core/models/trained_model.h"

// Grad-CAM (Selvaraju et al., "Grad-CAM: Visual Explanations from Deep Networks via Gradient-based
// Localization", 2017): where in an image a trained model found the evidence for a class. The gradient of
// the class's score (its logit) with respect to the last convolutional block's output (the backbone's
// Architecture::gradCamLayer), averaged over the map, weighs each channel; the map is the ReLU of the
// weighted sum of the channels. Torch-free.
namespace tlw {

struct GradCamMap {
    std::string layer;   // the Keras layer explained ("block5_conv3", "fire9/concat")
    int classIndex = 0;  // the class explained
    std::string className;
    double probability = 0.0;  // the model's probability of that class for this image
    int predictedClass = 0;    // the model's most probable class
    int height = 0;            // of the layer's map: the input size / the backbone's stride
    int width = 0;
    std::vector<float> values;  // height x width, row-major, >= 0; not normalised (the raw map)
    // Where the cells are centred in the image the network saw (inputHeight x inputWidth, the model's input
    // size). A map made by hand leaves inputHeight and inputWidth 0: its cells then spread evenly.
    MapGeometry cells;
    int inputHeight = 0;
    int inputWidth = 0;

    float maximum() const;
};

// The map of one decoded image, resized and preprocessed as the model was trained (crop_to_aspect_ratio
// included: the map then covers the centred crop). classIndex: the class to explain; none: the predicted
// one. The forward and backward passes run in float32 with the model in eval mode (dropout off, batch
// normalisation on its moving statistics), whatever precision the model was trained in; frozen layers
// need no gradient of their own. Throws tlw::Error for a class out of range or a backbone without a
// Grad-CAM layer.
GradCamMap gradCam(const TrainedModel& model, const RgbImage& image, std::optional<int> classIndex = {});

// The class index of a name or a number ("bees", "1"); throws tlw::Error listing the classes.
int parseClassIndex(const std::string& text, const std::vector<std::string>& classNames);

// The map at width x height (the image the network saw, at any scale), as the overlay draws it: bilinear
// between the cells' centres (map.cells), each value the one at the output pixel's centre, the border cells'
// values beyond the outer centres. For a map without geometry that is cv::resize's INTER_LINEAR (half-pixel
// centres, cells spread evenly). Throws tlw::Error for an empty map.
std::vector<float> upsampledMap(const GradCamMap& map, int width, int height);

}  // namespace tlw
