// The frozen-prefix pass of the VGG16 base (not run by ctest): images/s of the way the feature cache runs
// it (InferenceMode, channels-last, fp32 and bf16) against the plain PyTorch-style forward (eval(),
// NoGradGuard, NCHW fp32) in the same run, and how far bf16 features are from fp32 ones. Weights are
// seeded He-scaled (speed needs no trained weights); the images are real photos from hymenoptera_data.
//
//   cache_pass_bench [--images N] [--batch B] [--size S] [--repeats R] [--dataset DIR] [--allocator default]
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/data/image_batch_loader.h"
#include "core/data/image_inputs.h"
#include "core/models/backbone_module.h"
#include "core/models/keras_weights.h"
#include "core/train/feature_cache.h"
#include "core/util/compute_threads.h"
#include "core/util/tensor_memory.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    int images = 64;
    int batch = 32;
    int size = 224;
    int repeats = 2;
    std::string allocator = "cache";
    fs::path dataset = fs::path(TLW_SHARED_DIR) / "datasets" / "hymenoptera_data" / "train";
};

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--images")
            options.images = std::stoi(argv[i + 1]);
        else if (flag == "--batch")
            options.batch = std::stoi(argv[i + 1]);
        else if (flag == "--size")
            options.size = std::stoi(argv[i + 1]);
        else if (flag == "--repeats")
            options.repeats = std::stoi(argv[i + 1]);
        else if (flag == "--allocator")
            options.allocator = argv[i + 1];
        else if (flag == "--dataset")
            options.dataset = argv[i + 1];
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
    forward(batches.front().narrow(0, 0, 2));  // warm-up: oneDNN primitive creation, page faults
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

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse(argc, argv);
    tlw::setComputeThreads(0);  // every core, as tlw train does
    // As every pass in tlw does; --allocator default measures what it gains.
    if (options.allocator != "default") tlw::installTensorMemoryCache();
    std::printf("VGG16 base, %d images of %s at %dx%d, batch %d, best of %d, %d threads, %s allocator\n",
                options.images, options.dataset.c_str(), options.size, options.size, options.batch,
                options.repeats, at::get_num_threads(), options.allocator.c_str());
    const std::vector<torch::Tensor> batches = loadBatches(options);
    auto module = tlw::BackboneModule::create(tlw::BackboneKind::Vgg16, false);
    tlw::initializeHeScaled(*module, 1);
    module->eval();

    const Timing plain = timeIt(batches, options.repeats, [&](const torch::Tensor& x) {
        torch::NoGradGuard noGrad;
        return module->forward(x);
    });
    std::printf("plain NCHW fp32 (baseline)        %7.2f images/s  1.00x\n", plain.imagesPerSecond);

    // The feature cache's own copy: channels-last kernels and input, InferenceMode.
    auto fp32 = tlw::inferenceCopy(*module, module->layerCount(), tlw::Precision::Float32);
    const Timing cached = timeIt(batches, options.repeats, [&](const torch::Tensor& x) {
        c10::InferenceMode inference;
        return fp32->forward(x.contiguous(at::MemoryFormat::ChannelsLast));
    });
    std::printf("channels-last fp32, InferenceMode %7.2f images/s  %.2fx\n", cached.imagesPerSecond,
                cached.imagesPerSecond / plain.imagesPerSecond);

    auto bf16 = tlw::inferenceCopy(*module, module->layerCount(), tlw::Precision::BFloat16);
    const Timing half = timeIt(batches, options.repeats, [&](const torch::Tensor& x) {
        c10::InferenceMode inference;
        return bf16->forward(x.contiguous(at::MemoryFormat::ChannelsLast).to(torch::kBFloat16));
    });
    std::printf("channels-last bf16, InferenceMode %7.2f images/s  %.2fx\n", half.imagesPerSecond,
                half.imagesPerSecond / plain.imagesPerSecond);

    const auto relative = [](const torch::Tensor& a, const torch::Tensor& b) {
        return ((a - b).norm() / b.norm()).item<double>();
    };
    const auto maxRelative = [](const torch::Tensor& a, const torch::Tensor& b) {
        return ((a - b).abs().max() / b.abs().max()).item<double>();
    };
    std::printf("block5_pool features, channels-last fp32 vs plain: relative L2 %.2e, max %.2e\n",
                relative(cached.features, plain.features), maxRelative(cached.features, plain.features));
    std::printf("block5_pool features, bf16 vs plain fp32:          relative L2 %.2e, max %.2e\n",
                relative(half.features, plain.features), maxRelative(half.features, plain.features));
    // What the head sees: the global average pool of those maps.
    std::printf("pooled (GAP) features, bf16 vs fp32:               relative L2 %.2e\n",
                relative(half.features.mean({2, 3}), plain.features.mean({2, 3})));
    return 0;
}
