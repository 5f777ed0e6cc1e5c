#pragma once

// Core-internal (LibTorch): running a ClassifierModule on preprocessed images, shared by
// TrainedModel::probabilities, evaluation and prediction. Include only from core .cpp files.

#include <ATen/core/Tensor.h>

#include <cstdint>

#include "core/models/classifier_module.h"

namespace tlw {

// Puts the module in eval mode (dropout off) for its lifetime and restores the previous mode: a model the
// training engine hands over mid-run may still be in training mode.
class EvalModeGuard {
public:
    explicit EvalModeGuard(ClassifierModule& module);
    ~EvalModeGuard();
    EvalModeGuard(const EvalModeGuard&) = delete;
    EvalModeGuard& operator=(const EvalModeGuard&) = delete;

private:
    ClassifierModule& m_module;
    bool m_wasTraining;
};

// Logits (float32, CPU) for `count` caffe-preprocessed images laid out as N x 3 x height x width floats,
// run on the module's device and dtype. Call under c10::InferenceMode with an EvalModeGuard alive. The
// buffer is only read. Throws tlw::Error.
at::Tensor classifierLogits(ClassifierModule& module, const float* chw, int64_t count, int height, int width);

}  // namespace tlw
