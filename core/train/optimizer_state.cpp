#include "core/train/optimizer_state.h"

#include <torch/optim/adam.h>
#include <torch/optim/sgd.h>

#include <map>
#include <memory>

#include "core/util/error.h"

namespace tlw {
namespace {

// The optimizer's parameters in the order torch::optim's own serialisation numbers them.
std::vector<torch::Tensor> parametersInOrder(torch::optim::Optimizer& optimizer) {
    std::vector<torch::Tensor> parameters;
    for (const torch::optim::OptimizerParamGroup& group : optimizer.param_groups())
        for (const torch::Tensor& parameter : group.params()) parameters.push_back(parameter);
    return parameters;
}

// torch::optim's key for a parameter's state.
std::string stateKey(const torch::Tensor& parameter) {
    return c10::guts::to_string(parameter.unsafeGetTensorImpl());
}

void addIfDefined(NamedTensors& out, const std::string& prefix, const char* field,
                  const torch::Tensor& value) {
    if (value.defined()) out.emplace_back(prefix + field, value);
}

// The fields of one parameter, read from the named tensors: "<i>/<field>" -> tensor.
using Fields = std::map<std::string, torch::Tensor>;

std::map<size_t, Fields> fieldsByParameter(const NamedTensors& tensors, size_t parameters,
                                           const std::filesystem::path& file) {
    std::map<size_t, Fields> byParameter;
    for (const auto& [name, tensor] : tensors) {
        const size_t slash = name.find('/');
        size_t index = 0;
        size_t digits = 0;
        try {
            index = std::stoul(name.substr(0, slash), &digits);
        } catch (const std::exception&) {
            digits = 0;
        }
        if (slash == std::string::npos || digits != slash)
            throw Error(file, "the optimizer state has a malformed entry '" + name + "'");
        if (index >= parameters)
            throw Error(file, "the optimizer state names parameter " + std::to_string(index) + ", but only " +
                                  std::to_string(parameters) + " train now");
        byParameter[index][name.substr(slash + 1)] = tensor;
    }
    return byParameter;
}

torch::Tensor moment(const Fields& fields, const std::string& field, const torch::Tensor& parameter,
                     size_t index, const std::filesystem::path& file, bool required = true) {
    const auto found = fields.find(field);
    if (found == fields.end()) {
        if (!required) return {};
        throw Error(file, "the optimizer state of parameter " + std::to_string(index) + " lacks " + field);
    }
    const torch::Tensor& value = found->second;
    if (!value.sizes().equals(parameter.sizes()) || value.scalar_type() != parameter.scalar_type())
        throw Error(file, "the optimizer state's " + field + " of parameter " + std::to_string(index) +
                              " does not fit it (another model's checkpoint?)");
    return value.clone();
}

std::unique_ptr<torch::optim::OptimizerParamState> adamState(const Fields& fields,
                                                             const torch::Tensor& parameter, size_t index,
                                                             const std::filesystem::path& file) {
    const auto step = fields.find("step");
    if (step == fields.end() || step->second.numel() != 1 || step->second.scalar_type() != torch::kLong)
        throw Error(file, "the optimizer state of parameter " + std::to_string(index) + " lacks its step");
    auto state = std::make_unique<torch::optim::AdamParamState>();
    state->step(step->second.item<int64_t>());
    state->exp_avg(moment(fields, "exp_avg", parameter, index, file));
    state->exp_avg_sq(moment(fields, "exp_avg_sq", parameter, index, file));
    state->max_exp_avg_sq(moment(fields, "max_exp_avg_sq", parameter, index, file, false));
    return state;
}

std::unique_ptr<torch::optim::OptimizerParamState> sgdState(const Fields& fields,
                                                            const torch::Tensor& parameter, size_t index,
                                                            const std::filesystem::path& file) {
    auto state = std::make_unique<torch::optim::SGDParamState>();
    state->momentum_buffer(moment(fields, "momentum_buffer", parameter, index, file));
    return state;
}

}  // namespace

NamedTensors optimizerStateTensors(torch::optim::Optimizer& optimizer) {
    const bool adam = dynamic_cast<torch::optim::Adam*>(&optimizer) != nullptr;
    if (!adam && dynamic_cast<torch::optim::SGD*>(&optimizer) == nullptr)
        throw Error("cannot checkpoint an optimizer other than Adam or SGD");
    NamedTensors out;
    const std::vector<torch::Tensor> parameters = parametersInOrder(optimizer);
    for (size_t i = 0; i < parameters.size(); ++i) {
        const auto found = optimizer.state().find(stateKey(parameters[i]));
        if (found == optimizer.state().end()) continue;  // not stepped yet
        const std::string prefix = std::to_string(i) + "/";
        if (adam) {
            const auto& state = static_cast<const torch::optim::AdamParamState&>(*found->second);
            out.emplace_back(prefix + "step", torch::tensor(state.step(), torch::kLong));
            addIfDefined(out, prefix, "exp_avg", state.exp_avg());
            addIfDefined(out, prefix, "exp_avg_sq", state.exp_avg_sq());
            addIfDefined(out, prefix, "max_exp_avg_sq", state.max_exp_avg_sq());
        } else {
            const auto& state = static_cast<const torch::optim::SGDParamState&>(*found->second);
            addIfDefined(out, prefix, "momentum_buffer", state.momentum_buffer());
        }
    }
    return out;
}

void restoreOptimizerState(torch::optim::Optimizer& optimizer, const NamedTensors& tensors,
                           const std::filesystem::path& file) {
    const bool adam = dynamic_cast<torch::optim::Adam*>(&optimizer) != nullptr;
    if (!adam && dynamic_cast<torch::optim::SGD*>(&optimizer) == nullptr)
        throw Error(file, "cannot restore an optimizer other than Adam or SGD");
    const std::vector<torch::Tensor> parameters = parametersInOrder(optimizer);
    const std::map<size_t, Fields> byParameter = fieldsByParameter(tensors, parameters.size(), file);
    // Built whole before anything changes, so a damaged state leaves the optimizer as it was.
    std::vector<std::pair<std::string, std::unique_ptr<torch::optim::OptimizerParamState>>> states;
    for (const auto& [index, fields] : byParameter) {
        const torch::Tensor& parameter = parameters[index];
        states.emplace_back(stateKey(parameter), adam ? adamState(fields, parameter, index, file)
                                                      : sgdState(fields, parameter, index, file));
    }
    optimizer.state().clear();
    for (auto& [key, state] : states) optimizer.state()[key] = std::move(state);
}

}  // namespace tlw
