// The frozen-prefix pass of a base (not run by ctest): images/s of the way the feature cache runs it
// (InferenceMode, channels-last, fp32 and bf16) against the plain PyTorch-style forward (eval(), NoGradGuard,
// NCHW fp32) in the same run, the GFLOP/s that makes, the machine's ceiling (one large convolution through
// the same library and allocator), and how far bf16 features are from fp32 ones. Weights are seeded He-scaled
// (speed needs no trained weights); the images are real photos from hymenoptera_data.
//
//   cache_pass_bench [--backbone vgg16|squeezenet] [--images N] [--batch B] [--size S] [--repeats R]
//                    [--dataset DIR] [--weights KERAS_H5] [--allocator default] [--profile] [--fp32-only]
// --fp32-only leaves out the bf16 pass (emulated, and slow, on CPUs without AVX-512 BF16).
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "core/data/image_batch_loader.h"
#include "core/data/image_inputs.h"
#include "core/models/backbone.h"
#include "core/models/backbone_module.h"
#include "core/models/keras_weights.h"
#include "core/train/feature_cache.h"
#include "core/util/compute_threads.h"
#include "core/util/tensor_memory.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    std::string backbone = "vgg16";
    int images = 64;
    int batch = 32;
    int size = 224;
    int repeats = 2;
    std::string allocator = "cache";
    fs::path weights;  // Keras .h5; default: seeded He-scaled weights
    bool profile = false;
    bool fp32Only = false;
    fs::path dataset = fs::path(TLW_SHARED_DIR) / "datasets" / "hymenoptera_data" / "train";
};

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--profile") {
            options.profile = true;
            continue;
        }
        if (flag == "--fp32-only") {
            options.fp32Only = true;
            continue;
        }
        if (i + 1 >= argc) break;
        if (flag == "--backbone")
            options.backbone = argv[i + 1];
        else if (flag == "--images")
            options.images = std::stoi(argv[i + 1]);
        else if (flag == "--batch")
            options.batch = std::stoi(argv[i + 1]);
        else if (flag == "--size")
            options.size = std::stoi(argv[i + 1]);
        else if (flag == "--repeats")
            options.repeats = std::stoi(argv[i + 1]);
        else if (flag == "--weights")
            options.weights = argv[i + 1];
        else if (flag == "--allocator")
            options.allocator = argv[i + 1];
        else if (flag == "--dataset")
            options.dataset = argv[i + 1];
        ++i;
    }
    return options;
}

// The images decoded and preprocessed once, so that only the network is timed.
std::vector<torch::Tensor> loadBatches(const Options& options) {
    std::vector<fs::path> files;
    for (const auto& input : tlw::collectImageInputs({options.dataset}).images) files.push_back(input.file);
    files.resize(std::min(files.size(), static_cast<size_t>(options.images)));
    tlw::BatchLoaderOptions loaderOptions;
    loaderOptions.preprocess = tlw::PreprocessOptions{options.size, options.size, false};
    loaderOptions.batchSize = static_cast<size_t>(options.batch);
    tlw::ImageBatchLoader loader(files, loaderOptions);
    std::vector<torch::Tensor> batches;
    while (auto batch = loader.next())
        batches.push_back(torch::from_blob(batch->chw.data(), {static_cast<int64_t>(batch->size()), 3,
                                                               options.size, options.size})
                              .clone());
    return batches;
}

struct Timing {
    double imagesPerSecond = 0.0;
    torch::Tensor features;  // of the last repeat, float32
};

template <typename Forward>
Timing timeIt(const std::vector<torch::Tensor>& batches, int repeats, Forward forward) {
    // Warm-up: oneDNN primitive creation, page faults.
    forward(batches.front().narrow(0, 0, std::min<int64_t>(2, batches.front().size(0))));
    Timing timing;
    double best = 1e30;
    int64_t images = 0;
    for (const auto& batch : batches) images += batch.size(0);
    for (int r = 0; r < repeats; ++r) {
        std::vector<torch::Tensor> outputs;
        const auto start = Clock::now();
        for (const auto& batch : batches) outputs.push_back(forward(batch));
        best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
        timing.features = torch::cat(outputs).to(torch::kFloat32).contiguous();
    }
    timing.imagesPerSecond = static_cast<double>(images) / best;
    return timing;
}

// Multiply-adds of the convolutions (all but a sliver of the work) per image, times two: from the Keras
// summary's output shapes and parameter counts, so it holds for any backbone and input size.
double gigaFlopsPerImage(const tlw::BackboneModule& module, int size) {
    double flops = 0.0;
    for (const tlw::LayerInfo& layer : module.layers({size, size})) {
        if (layer.kerasType != "Conv2D") continue;
        const int64_t filters = layer.outputShape.back();
        flops += 2.0 * static_cast<double>(layer.params - filters) *
                 static_cast<double>(layer.outputShape[1] * layer.outputShape[2]);
    }
    return flops / 1e9;
}

// The machine's ceiling: one 3x3 convolution, 256 to 256 channels at 56x56, batch 32, channels-last, as
// oneDNN runs it at its most efficient; GFLOP/s, best of five.
double ceilingGflops(torch::ScalarType dtype) {
    c10::InferenceMode inference;
    const auto options = torch::TensorOptions().dtype(dtype);
    const torch::Tensor x =
        torch::randn({32, 256, 56, 56}).contiguous(at::MemoryFormat::ChannelsLast).to(options);
    const torch::Tensor w =
        (torch::randn({256, 256, 3, 3}) * 0.03).contiguous(at::MemoryFormat::ChannelsLast).to(options);
    const torch::Tensor b = torch::zeros({256}).to(options);
    torch::conv2d(x, w, b, 1, 1);
    double best = 1e30;
    for (int r = 0; r < 5; ++r) {
        const auto start = Clock::now();
        torch::conv2d(x, w, b, 1, 1);
        best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
    }
    return 2.0 * 32 * 56 * 56 * 256 * 256 * 9 / best / 1e9;
}

// Milliseconds of each stretch between cut points on one batch, and whether its output stays channels-last
// (a layer that drops the layout makes the next one reorder).
void profileSegments(tlw::BackboneModule& network, torch::Tensor x, const char* label) {
    c10::InferenceMode inference;
    network.forward(x);  // warm-up
    const std::vector<tlw::LayerInfo> layers =
        network.layers({static_cast<int>(x.size(2)), static_cast<int>(x.size(3))});
    const std::vector<int> cuts = network.cutPoints();
    std::printf("per-segment times, %s, batch %d:\n", label, static_cast<int>(x.size(0)));
    for (size_t c = 0; c + 1 < cuts.size(); ++c) {
        const auto start = Clock::now();
        x = network.forwardRange(x, cuts[c], cuts[c + 1]);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        std::printf(
            "  %-24s %8.1f ms  %s\n", layers[static_cast<size_t>(cuts[c + 1] - 1)].name.c_str(), ms,
            x.dim() == 4 && !x.is_contiguous(at::MemoryFormat::ChannelsLast) ? "NOT channels-last" : "");
    }
}

void printRate(const char* label, double imagesPerSecond, double baseline, double gflopsPerImage,
               double ceiling) {
    const double gflops = imagesPerSecond * gflopsPerImage;
    std::printf("%-33s %7.2f images/s  %.2fx  %6.0f GFLOP/s  %3.0f%% of ceiling\n", label, imagesPerSecond,
                imagesPerSecond / baseline, gflops, 100.0 * gflops / ceiling);
}

double relativeL2(const torch::Tensor& a, const torch::Tensor& b) {
    return ((a - b).norm() / b.norm()).item<double>();
}

double maxRelative(const torch::Tensor& a, const torch::Tensor& b) {
    return ((a - b).abs().max() / b.abs().max()).item<double>();
}

// The cache's bf16 copy: its rate against the bf16 ceiling and how far its features are from fp32's.
void benchBf16(const tlw::BackboneModule& module, const std::vector<torch::Tensor>& batches,
               const Options& options, double gflopsPerImage, const Timing& plain) {
    const double ceiling = ceilingGflops(torch::kBFloat16);
    std::printf("ceiling, one 3x3 conv 256->256 at 56x56: bf16 %.0f GFLOP/s (%.2f images/s)\n", ceiling,
                ceiling / gflopsPerImage);
    auto bf16 = tlw::inferenceCopy(module, module.layerCount(), tlw::Precision::BFloat16);
    const Timing half = timeIt(batches, options.repeats, [&](const torch::Tensor& x) {
        c10::InferenceMode inference;
        return bf16->forward(x.contiguous(at::MemoryFormat::ChannelsLast).to(torch::kBFloat16));
    });
    printRate("channels-last bf16, InferenceMode", half.imagesPerSecond, plain.imagesPerSecond,
              gflopsPerImage, ceiling);
    if (options.profile)
        profileSegments(*bf16,
                        batches.front().contiguous(at::MemoryFormat::ChannelsLast).to(torch::kBFloat16),
                        "channels-last bf16");
    std::printf("output features, bf16 vs plain fp32:          relative L2 %.2e, max %.2e\n",
                relativeL2(half.features, plain.features), maxRelative(half.features, plain.features));
    // What the head sees: the global average pool of those maps.
    std::printf("pooled (GAP) features, bf16 vs fp32:          relative L2 %.2e\n",
                relativeL2(half.features.mean({2, 3}), plain.features.mean({2, 3})));
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse(argc, argv);
    tlw::setComputeThreads(0);  // every core, as tlw train does
    // As every pass in tlw does (a TensorMemoryScope keeps freed blocks for the next batch); --allocator
    // default measures what it gains.
    std::optional<tlw::TensorMemoryScope> memory;
    if (options.allocator != "default") memory.emplace();
    const tlw::BackboneKind kind = tlw::parseBackboneKind(options.backbone);
    auto module = tlw::BackboneModule::create(kind, false);
    if (options.weights.empty())
        tlw::initializeHeScaled(*module, 1);
    else
        tlw::loadKerasWeights(*module, options.weights);
    module->eval();
    const double gflopsPerImage = gigaFlopsPerImage(*module, options.size);
    std::printf(
        "%s base (%.2f GFLOP an image), %d images of %s at %dx%d, batch %d, best of %d, %d threads, "
        "%s allocator\n",
        options.backbone.c_str(), gflopsPerImage, options.images, options.dataset.c_str(), options.size,
        options.size, options.batch, options.repeats, at::get_num_threads(), options.allocator.c_str());
    const double ceilingFp32 = ceilingGflops(torch::kFloat32);
    std::printf("ceiling, one 3x3 conv 256->256 at 56x56: fp32 %.0f GFLOP/s (%.2f images/s)\n", ceilingFp32,
                ceilingFp32 / gflopsPerImage);
    const std::vector<torch::Tensor> batches = loadBatches(options);

    const Timing plain = timeIt(batches, options.repeats, [&](const torch::Tensor& x) {
        torch::NoGradGuard noGrad;
        return module->forward(x);
    });
    printRate("plain NCHW fp32 (baseline)", plain.imagesPerSecond, plain.imagesPerSecond, gflopsPerImage,
              ceilingFp32);

    // The feature cache's own copy: channels-last kernels and input, InferenceMode.
    auto fp32 = tlw::inferenceCopy(*module, module->layerCount(), tlw::Precision::Float32);
    const Timing cached = timeIt(batches, options.repeats, [&](const torch::Tensor& x) {
        c10::InferenceMode inference;
        return fp32->forward(x.contiguous(at::MemoryFormat::ChannelsLast));
    });
    printRate("channels-last fp32, InferenceMode", cached.imagesPerSecond, plain.imagesPerSecond,
              gflopsPerImage, ceilingFp32);
    if (options.profile)
        profileSegments(*fp32, batches.front().contiguous(at::MemoryFormat::ChannelsLast),
                        "channels-last fp32");
    std::printf("output features, channels-last fp32 vs plain: relative L2 %.2e, max %.2e\n",
                relativeL2(cached.features, plain.features), maxRelative(cached.features, plain.features));
    if (!options.fp32Only) benchBf16(*module, batches, options, gflopsPerImage, plain);
    return 0;
}
