// VGG16's 3x3 convolutions one by one, not run by ctest: LibTorch's convolution (oneDNN's direct algorithm,
// channels-last) against tlw::winogradConv2d (oneDNN's Winograd kernels, the reorders into and out of its
// blocked layout included), forward alone as the frozen pass runs it, and forward + backward (input and
// weight gradients) as fine-tuning does. Median of several repeats, the two alternating.
//
//   winograd_bench [--repeats R] [--threads T] [--batch N] [--size S]
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/models/winograd_convolution.h"
#include "core/util/compute_threads.h"
#include "core/util/tensor_memory.h"

namespace {

struct Layer {
    const char* name;
    int64_t in, out, side;  // side at a 224x224 input
};

const std::vector<Layer> kVgg16 = {
    {"block1_conv2", 64, 64, 224},  {"block2_conv1", 64, 128, 112}, {"block2_conv2", 128, 128, 112},
    {"block3_conv1", 128, 256, 56}, {"block3_conv2", 256, 256, 56}, {"block4_conv1", 256, 512, 28},
    {"block4_conv2", 512, 512, 28}, {"block5_conv1", 512, 512, 14},
};

double seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Timings {
    std::vector<double> direct, winograd;
};

// One convolution, forward (and backward when train), through LibTorch or Winograd.
double timeOnce(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias, bool winograd,
                bool train) {
    const at::Tensor x = input.detach().requires_grad_(train);
    const at::Tensor w = weight.detach().requires_grad_(train);
    const double start = seconds();
    const at::Tensor y = winograd ? tlw::winogradConv2d(x, w, bias) : at::conv2d(x, w, bias, 1, 1);
    if (train) y.backward(at::ones_like(y));
    return seconds() - start;
}

void benchLayer(const Layer& layer, int64_t batch, int64_t size, int repeats, bool train) {
    const int64_t side = layer.side * size / 224;
    const auto channelsLast = at::MemoryFormat::ChannelsLast;
    const at::Tensor input = at::randn({batch, layer.in, side, side}).relu_().contiguous(channelsLast);
    const at::Tensor weight = (at::randn({layer.out, layer.in, 3, 3}) * 0.02).contiguous(channelsLast);
    const at::Tensor bias = at::zeros({layer.out});
    if (!tlw::winogradApplies(input, weight)) {
        std::printf("%-13s no Winograd kernel on this CPU\n", layer.name);
        return;
    }
    Timings t;
    timeOnce(input, weight, bias, false, train);  // first calls make the kernels
    timeOnce(input, weight, bias, true, train);
    for (int r = 0; r < repeats; ++r) {
        t.direct.push_back(timeOnce(input, weight, bias, false, train));
        t.winograd.push_back(timeOnce(input, weight, bias, true, train));
    }
    const double direct = median(t.direct);
    const double winograd = median(t.winograd);
    const double gflop = 2.0 * batch * layer.in * layer.out * 9 * side * side * (train ? 3 : 1) / 1e9;
    std::printf(
        "%-13s %4lldx%-4lld %3lld->%-3lld %-16s direct %8.1f ms (%4.0f GFLOP/s)  winograd %8.1f ms  %.2fx\n",
        layer.name, static_cast<long long>(side), static_cast<long long>(side),
        static_cast<long long>(layer.in), static_cast<long long>(layer.out),
        train ? "forward+backward" : "forward", direct * 1e3, gflop / direct, winograd * 1e3,
        direct / winograd);
}

}  // namespace

int main(int argc, char** argv) {
    int repeats = 5;
    int threads = 0;
    int64_t batch = 16;
    int64_t size = 224;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const int value = std::stoi(argv[i + 1]);
        if (flag == "--repeats") repeats = value;
        if (flag == "--threads") threads = value;
        if (flag == "--batch") batch = value;
        if (flag == "--size") size = value;
    }
    tlw::setComputeThreads(threads);
    const tlw::TensorMemoryScope memory;  // as a pass or a run has it: large buffers kept, not faulted in again
    std::printf(
        "VGG16's 3x3 convolutions, batch %lld, %lldx%lld input, fp32 channels-last, %d threads, median of "
        "%d\n",
        static_cast<long long>(batch), static_cast<long long>(size), static_cast<long long>(size),
        at::get_num_threads(), repeats);
    for (const bool train : {false, true}) {
        for (const Layer& layer : kVgg16) benchLayer(layer, batch, size, repeats, train);
    }
    return 0;
}
