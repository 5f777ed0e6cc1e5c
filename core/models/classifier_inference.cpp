#include "core/models/classifier_inference.h"

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include "core/util/error.h"

namespace tlw {

EvalModeGuard::EvalModeGuard(ClassifierModule& module)
    : m_module(module), m_wasTraining(module.is_training()) {
    if (m_wasTraining) m_module.eval();
}

EvalModeGuard::~EvalModeGuard() {
    // Back to training, with frozen dropout layers kept in inference mode as the engine runs them.
    if (m_wasTraining) m_module.setTrainingMode(true);
}

at::Tensor classifierLogits(ClassifierModule& module, const float* chw, int64_t count, int height,
                            int width) {
    // from_blob wants a mutable pointer; nothing here writes through it (the first conv reads it).
    const at::Tensor images = at::from_blob(const_cast<float*>(chw), {count, 3, height, width}, at::kFloat);
    try {
        // The engine may hand over a module that lives on a GPU or in bfloat16: meet it there, answer in
        // float32 on the CPU.
        const at::Tensor weight = module.namedWeights().back().second;  // a handle: the vector is a temporary
        return module.forward(images.to(weight.device(), weight.scalar_type())).to(at::kCPU, at::kFloat);
    } catch (const c10::Error& e) {
        const std::string message = e.what_without_backtrace();
        throw Error("model: " + message.substr(0, message.find('\n')));
    }
}

}  // namespace tlw
