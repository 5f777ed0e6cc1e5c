#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/models/architecture.h"
#include "core/models/trained_model.h"

// The TorchScript program of an exported classifier, generated from its Architecture as text: LibTorch
// compiles it with torch::jit::Module::define (no Python needed). Torch-free, so the generated code can be
// read and tested without building anything.
namespace tlw {

struct TorchScriptProgram {
    // def forward(self, images: Tensor) -> Tensor, reading parameters self.<attribute>, the buffer
    // self.caffe_mean (1 x 3 x 1 x 1, BGR) and the float attribute self.temperature (the calibration's).
    std::string source;
    // Module attribute name -> ClassifierModule::namedWeights() name ("fire2_squeeze1x1_weight" ->
    // "fire2/squeeze1x1.weight"), in the order the forward pass uses them.
    std::vector<std::pair<std::string, std::string>> parameters;
};

// The whole model as TrainedModel::exportTorchScript documents it: NHWC 0..255 RGB in -> NCHW -> bilinear
// resize to inputSize (only when the size differs) -> caffe preprocessing -> backbone layers
// [1, backboneEnd) -> head -> probabilities. Throws tlw::Error for a layer it cannot express.
TorchScriptProgram classifierTorchScript(const Architecture& architecture, int backboneEnd,
                                         const HeadSpec& head, ImageSize inputSize);

}  // namespace tlw
