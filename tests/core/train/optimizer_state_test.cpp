#include "core/train/optimizer_state.h"

#include <gtest/gtest.h>
#include <torch/optim/adam.h>
#include <torch/optim/sgd.h>

#include <memory>

#include "core/util/error.h"

namespace tlw {
namespace {

const std::filesystem::path kFile = "run.tlwm.checkpoint";

// A kernel and a bias, as a fine-tuned layer has.
std::vector<torch::Tensor> parameters(uint64_t seed) {
    torch::manual_seed(seed);
    return {torch::randn({8, 4, 3, 3}).requires_grad_(), torch::randn({8}).requires_grad_()};
}

std::vector<torch::Tensor> copies(const std::vector<torch::Tensor>& of) {
    std::vector<torch::Tensor> out;
    for (const torch::Tensor& p : of) out.push_back(p.detach().clone().requires_grad_());
    return out;
}

// One step with gradients that depend on the step number, the same on every copy.
void step(torch::optim::Optimizer& optimizer, const std::vector<torch::Tensor>& params, int number) {
    optimizer.zero_grad();
    for (size_t i = 0; i < params.size(); ++i) {
        torch::manual_seed(100 * static_cast<uint64_t>(number) + i);
        params[i].mutable_grad() = torch::randn(params[i].sizes());
    }
    optimizer.step();
}

std::unique_ptr<torch::optim::Optimizer> adam(const std::vector<torch::Tensor>& params) {
    return std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(1e-2));
}

std::unique_ptr<torch::optim::Optimizer> sgd(const std::vector<torch::Tensor>& params) {
    return std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(1e-2).momentum(0.9));
}

using Factory = std::unique_ptr<torch::optim::Optimizer> (*)(const std::vector<torch::Tensor>&);

// Three steps, the state saved and restored into a fresh optimizer on copies of the weights: the next two
// steps give the uninterrupted optimizer's weights bit for bit. Without the state they would not.
void expectResumesExactly(Factory make) {
    const std::vector<torch::Tensor> straight = parameters(1);
    const std::unique_ptr<torch::optim::Optimizer> first = make(straight);
    for (int n = 0; n < 3; ++n) step(*first, straight, n);
    const NamedTensors saved = optimizerStateTensors(*first);
    ASSERT_FALSE(saved.empty());
    NamedTensors stored;  // as the archive gives them back: copies
    for (const auto& [name, tensor] : saved) stored.emplace_back(name, tensor.clone());

    const std::vector<torch::Tensor> resumed = copies(straight);
    const std::vector<torch::Tensor> fresh = copies(straight);
    const std::unique_ptr<torch::optim::Optimizer> second = make(resumed);
    const std::unique_ptr<torch::optim::Optimizer> forgetful = make(fresh);
    restoreOptimizerState(*second, stored, kFile);
    for (int n = 3; n < 5; ++n) {
        step(*first, straight, n);
        step(*second, resumed, n);
        step(*forgetful, fresh, n);
    }
    for (size_t i = 0; i < straight.size(); ++i) {
        EXPECT_TRUE(torch::equal(straight[i], resumed[i])) << "parameter " << i;
        EXPECT_FALSE(torch::equal(straight[i], fresh[i])) << "parameter " << i;
    }
}

TEST(OptimizerState, AdamResumesBitForBit) { expectResumesExactly(&adam); }

TEST(OptimizerState, SgdMomentumResumesBitForBit) { expectResumesExactly(&sgd); }

TEST(OptimizerState, AdamNamesItsStepAndMomentsPerParameter) {
    const std::vector<torch::Tensor> params = parameters(2);
    const std::unique_ptr<torch::optim::Optimizer> optimizer = adam(params);
    EXPECT_TRUE(optimizerStateTensors(*optimizer).empty());  // not stepped yet
    step(*optimizer, params, 0);
    step(*optimizer, params, 1);
    std::vector<std::string> names;
    for (const auto& [name, tensor] : optimizerStateTensors(*optimizer)) {
        names.push_back(name);
        if (name == "1/step") {
            EXPECT_EQ(tensor.item<int64_t>(), 2);
        }
    }
    EXPECT_EQ(names, (std::vector<std::string>{"0/step", "0/exp_avg", "0/exp_avg_sq", "1/step", "1/exp_avg",
                                               "1/exp_avg_sq"}));
}

void expectRefused(const NamedTensors& tensors, const std::string& says) {
    const std::vector<torch::Tensor> params = parameters(3);
    const std::unique_ptr<torch::optim::Optimizer> optimizer = adam(params);
    step(*optimizer, params, 0);
    const torch::Tensor before = optimizerStateTensors(*optimizer).at(1).second.clone();
    try {
        restoreOptimizerState(*optimizer, tensors, kFile);
        ADD_FAILURE() << "accepted a state that " << says;
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), kFile);
        EXPECT_NE(e.reason().find(says), std::string::npos) << e.what();
    }
    // Left as it was.
    EXPECT_TRUE(torch::equal(optimizerStateTensors(*optimizer).at(1).second, before));
}

TEST(OptimizerState, RefusesAStateThatDoesNotFitTheParametersAndKeepsItsOwn) {
    const torch::Tensor step = torch::tensor(int64_t{1});
    const torch::Tensor kernel = torch::zeros({8, 4, 3, 3});
    expectRefused({{"0/step", step}, {"0/exp_avg", kernel}}, "lacks exp_avg_sq");
    expectRefused({{"0/step", step}, {"0/exp_avg", kernel}, {"0/exp_avg_sq", torch::zeros({8})}},
                  "does not fit");
    expectRefused({{"2/step", step}}, "only 2 train now");
    expectRefused({{"x/step", step}}, "malformed entry 'x/step'");
    expectRefused({{"1/exp_avg", torch::zeros({8})}, {"1/exp_avg_sq", torch::zeros({8})}}, "lacks its step");
}

}  // namespace
}  // namespace tlw
