#pragma once

// Core-internal (LibTorch, ONNX): the ONNX graph of a trained classifier, generated from its Architecture
// layer list as the TorchScript program is (torchscript_source.h). Include only from core .cpp files.

#include <string>

#include "core/models/classifier_module.h"
#include "core/models/export_check.h"
#include "core/models/trained_model.h"

namespace tlw {

// The whole classifier as one ONNX model (opset kOnnxOpset), serialised: input `image` (float32 N x H x W x
// 3, RGB 0..255 at the model's size) -> NCHW -> the backbone's preprocessing -> backbone layers [1,
// backboneEnd) with BatchNormalization folded into the convolution before it -> head -> `probabilities` (N x
// classes, the calibration's temperature applied as ClassifierModule::probabilities does). Class names, image
// size, temperature, thresholds and the description are in metadata_props. The model passes
// onnx::checker::check_model with shape inference. Throws tlw::Error naming the layer it cannot express.
std::string classifierOnnxModel(const ModelDescription& description, const ClassifierModule& module);

}  // namespace tlw
