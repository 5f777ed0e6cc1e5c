// block5_conv3's backward in a VGG16 fine-tune (3x3 conv 512 -> 512 at 14x14, ReLU, 2x2 max-pooling, batch
// 32, channels-last), not run by ctest: autograd's dense backward (the pooling's and the ReLU's backward,
// then oneDNN's convolution backward for data, weights and bias) against tlw::sparseConvReluPoolBackward,
// which visits only the gradients the pooling leaves. Median of several repeats, the two alternating; the
// largest difference between their gradients; how many output positions have a non-zero gradient in some
// channel.
//
//   sparse_pool_backward_bench [--repeats R] [--threads T] [--batch N] [--bf16 0|1] [--weights-only 0|1]
//                              [--expanded-gradient 0|1]
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/models/sparse_pool_backward.h"
#include "core/util/compute_threads.h"

namespace {

struct Problem {
    at::Tensor input, weight, activated, pooledGradient, indices;
};

// Random features as the peer's (ReLU of a normal), Keras's glorot-uniform kernel, a zero bias.
// expandedGradient: the pooled gradient as a global average pooling's backward gives it (tlw's
// GlobalAveragePooling2D is a mean over H and W): one value per image and channel, expanded, not
// channels-last.
Problem makeProblem(int64_t batch, at::ScalarType type, bool expandedGradient) {
    const auto channelsLast = at::MemoryFormat::ChannelsLast;
    Problem p;
    p.input = at::randn({batch, 512, 14, 14}).relu_().to(type).contiguous(channelsLast);
    const double limit = std::sqrt(6.0 / (2 * 9 * 512));
    p.weight = (at::rand({512, 512, 3, 3}) * 2 * limit - limit).to(type).contiguous(channelsLast);
    const at::Tensor bias = at::zeros({512}, type);
    p.activated = at::relu(at::conv2d(p.input, p.weight, bias, 1, 1));
    auto [pooled, indices] = at::max_pool2d_with_indices(p.activated, {2, 2}, {2, 2});
    p.pooledGradient = expandedGradient ? at::randn({batch, 512, 1, 1}).to(type).expand(pooled.sizes())
                                        : at::randn(pooled.sizes()).to(type).contiguous(channelsLast);
    p.indices = indices;
    return p;
}

std::vector<at::Tensor> dense(const Problem& p, bool weightsOnly) {
    const at::Tensor poolGradient = at::max_pool2d_with_indices_backward(
        p.pooledGradient, p.activated, {2, 2}, {2, 2}, {0, 0}, {1, 1}, false, p.indices);
    const at::Tensor outputGradient = at::threshold_backward(poolGradient, p.activated, 0);
    const int64_t biasSize = 512;
    auto [input, weight, bias] =
        at::convolution_backward(outputGradient, p.input, p.weight, at::IntArrayRef(&biasSize, 1), {1, 1},
                                 {1, 1}, {1, 1}, false, {0, 0}, 1, {!weightsOnly, true, true});
    return {input, weight, bias};
}

double seconds(const std::chrono::steady_clock::time_point& start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double relativeDifference(const at::Tensor& a, const at::Tensor& b) {
    const at::Tensor x = a.to(at::kFloat);
    const at::Tensor y = b.to(at::kFloat);
    return (x - y).abs().max().item<double>() / std::max(1e-30, y.abs().max().item<double>());
}

}  // namespace

int main(int argc, char** argv) {
    int repeats = 7;
    int threads = 0;
    int64_t batch = 32;
    bool bf16 = false;
    bool weightsOnly = false;
    bool expandedGradient = false;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const int value = std::stoi(argv[i + 1]);
        if (flag == "--repeats") repeats = value;
        if (flag == "--threads") threads = value;
        if (flag == "--batch") batch = value;
        if (flag == "--bf16") bf16 = value != 0;
        if (flag == "--weights-only") weightsOnly = value != 0;
        if (flag == "--expanded-gradient") expandedGradient = value != 0;
    }
    tlw::setComputeThreads(threads);
    at::manual_seed(1);
    if (!tlw::sparsePoolBackwardSupported()) {
        std::printf("this CPU has no AVX-512F: the sparse kernels do not run\n");
        return 1;
    }
    const Problem p = makeProblem(batch, bf16 ? at::kBFloat16 : at::kFloat, expandedGradient);

    const at::Tensor nonZero =
        at::threshold_backward(at::max_pool2d_with_indices_backward(p.pooledGradient, p.activated, {2, 2},
                                                                    {2, 2}, {0, 0}, {1, 1}, false, p.indices),
                               p.activated, 0);
    const double density = nonZero.ne(0).to(at::kFloat).mean().item<double>();
    const double rowsWithAny = nonZero.ne(0).any(1).to(at::kFloat).mean().item<double>();

    std::vector<at::Tensor> reference = dense(p, weightsOnly);  // warm-up: oneDNN primitives, page faults
    tlw::ConvReluPoolGradients sparse = tlw::sparseConvReluPoolBackward(
        p.input, p.weight, p.activated, p.pooledGradient, p.indices, !weightsOnly);
    std::vector<double> denseSeconds, sparseSeconds;
    for (int r = 0; r < repeats; ++r) {
        auto start = std::chrono::steady_clock::now();
        reference = dense(p, weightsOnly);
        denseSeconds.push_back(seconds(start));
        start = std::chrono::steady_clock::now();
        sparse = tlw::sparseConvReluPoolBackward(p.input, p.weight, p.activated, p.pooledGradient, p.indices,
                                                 !weightsOnly);
        sparseSeconds.push_back(seconds(start));
    }
    const double denseMedian = median(denseSeconds);
    const double sparseMedian = median(sparseSeconds);
    std::printf(
        "%s, batch %lld, 512x14x14, %d threads, %s: non-zero output gradients %.3f of all, positions "
        "with one in some channel %.3f\n",
        bf16 ? "bf16" : "fp32", static_cast<long long>(batch), at::get_num_threads(),
        weightsOnly ? "weights and bias only" : "data, weights and bias", density, rowsWithAny);
    std::printf("dense (autograd: pool, ReLU, oneDNN convolution backward): median %.1f ms of %d\n",
                denseMedian * 1e3, repeats);
    std::printf("sparse (tlw): median %.1f ms of %d: %.2fx\n", sparseMedian * 1e3, repeats,
                denseMedian / sparseMedian);
    std::printf("largest difference / largest value: weight %.2e, bias %.2e",
                relativeDifference(sparse.weight, reference[1]),
                relativeDifference(sparse.bias, reference[2]));
    if (!weightsOnly) std::printf(", input %.2e", relativeDifference(sparse.input, reference[0]));
    std::printf("\n");
    return 0;
}
