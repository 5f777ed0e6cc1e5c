#pragma once

#include <vector>

#include "core/data/image_decoder.h"

namespace tlw {

// What Keras's image_dataset_from_directory + vgg16.preprocess_input do to an image, reproduced exactly so
// that Keras-trained weights see the numbers they were trained on.
struct PreprocessOptions {
    int width = 224;  // Keras image_size = (height, width); (224, 224) by default
    int height = 224;
    // Keras crop_to_aspect_ratio: resize the largest centred crop with the target aspect ratio instead of
    // squashing the whole image.
    bool cropToAspectRatio = false;
};

// Keras "caffe" means in BGR order (ImageNet means of the original Caffe VGG16).
inline constexpr float kCaffeMeanBgr[3] = {103.939f, 116.779f, 123.68f};

struct CropBox {
    int x = 0, y = 0, width = 0, height = 0;
};

// keras.utils.smart_resize's crop: the largest centred box of aspect targetWidth:targetHeight, with the
// same float32-then-truncate arithmetic as Keras, so boxes agree to the pixel.
CropBox centredCropForAspectRatio(int width, int height, int targetWidth, int targetHeight);

// A float32 RGB image, row-major, 3 floats per pixel (what tf.image.resize returns).
struct FloatImage {
    int width = 0;
    int height = 0;
    std::vector<float> pixels;
};

// tf.image.resize(method="bilinear", antialias=False): half-pixel centres, no antialiasing, computed in
// float32 from the 8-bit samples and never rounded back to 8 bits. Reads only the crop box when given.
FloatImage resizeBilinear(const RgbImage& image, int width, int height, const CropBox* crop = nullptr);

// keras.applications.vgg16.preprocess_input ("caffe" mode): RGB -> BGR, minus kCaffeMeanBgr, no scaling,
// written planar (C x H x W) to chw, which must hold 3 * width * height floats: one image of an NCHW batch.
void caffePreprocessToChw(const FloatImage& rgb, float* chw);

// Resize (or crop and resize) to options' size, the pixels a model sees before its preprocessing: also what
// an exported ONNX model takes (its graph does not resize).
FloatImage resizeForModel(const RgbImage& image, const PreprocessOptions& options);
// Resize (or crop and resize) then caffe preprocessing, into chw (3 * options.height * options.width).
void preprocessImage(const RgbImage& image, const PreprocessOptions& options, float* chw);
std::vector<float> preprocessImage(const RgbImage& image, const PreprocessOptions& options);

}  // namespace tlw
