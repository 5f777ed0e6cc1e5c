#pragma once

// Core-internal (LibTorch): an optimizer's per-parameter state (Adam's moments and step, SGD's momentum) as
// named tensors for the checkpoint's tensor archive, and back. torch::optim's own save went through a
// TorchScript zip in a string stream: about 0.3 s of copying and compressing per checkpoint for VGG16's
// block5, a sixth of a fine-tuning epoch, after every epoch.

#include <torch/optim/optimizer.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace tlw {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// "<i>/<field>" for the i-th parameter (param_groups in order, parameters in order) that has state: Adam's
// "step" (an int64 scalar), "exp_avg", "exp_avg_sq" and, with amsgrad, "max_exp_avg_sq"; SGD's
// "momentum_buffer". The tensors are the optimizer's own, not copies: write them before the next step.
// Throws tlw::Error for an optimizer other than Adam or SGD.
NamedTensors optimizerStateTensors(torch::optim::Optimizer& optimizer);

// Replaces the optimizer's state with the tensors' (copies). Throws tlw::Error naming the file where they do
// not fit its parameters: an index past them, a shape or type not the parameter's, a field missing.
void restoreOptimizerState(torch::optim::Optimizer& optimizer, const NamedTensors& tensors,
                           const std::filesystem::path& file);

}  // namespace tlw
