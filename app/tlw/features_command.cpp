// tlw features PATH... --out FILE.npy: a pretrained backbone's activations at one layer for every image, as
// a NumPy file plus a CSV of the rows, for scikit-learn, Orange or checking the numbers from outside.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/tlw/commands.h"
#include "app/tlw/compute_options.h"
#include "app/tlw/console_report.h"
#include "app/tlw/dist_options.h"
#include "app/tlw/weights_hint.h"
#include "core/infer/feature_extractor.h"
#include "core/util/compute_threads.h"
#include "core/util/error.h"

namespace tlw::cli {
namespace {

struct FeaturesArguments {
    std::vector<std::string> paths;
    std::string out;
    std::string backbone = "vgg16";
    double alpha = 0.0;
    std::string layer;
    std::string pool = "avg";
    std::string imageSize = "224";
    std::string weights;
    bool download = false;
    bool allowRandom = false;
    std::size_t batchSize = 16;
    int threads = 0;
    std::string precision = "fp32";
    DistributedJobOptions dist;
};

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string text;
    for (const int64_t side : shape) text += (text.empty() ? "" : ", ") + std::to_string(side);
    return "(" + text + ")";
}

std::string poolingText(FeaturePooling pooling) {
    switch (pooling) {
        case FeaturePooling::Average:
            return "global average pooled";
        case FeaturePooling::Max:
            return "global max pooled";
        case FeaturePooling::None:
            break;
    }
    return "not pooled, channels last (N, H, W, C)";
}

void runFeatures(const FeaturesArguments& arguments) {
    if (arguments.batchSize == 0) throw Error("--batch-size must be at least 1");
    FeatureExtractionOptions options;
    options.inputs.assign(arguments.paths.begin(), arguments.paths.end());
    options.out = arguments.out;
    options.backbone = cli::backboneFromOptions(arguments.backbone, arguments.alpha);
    options.layer = arguments.layer;
    options.pooling = parseFeaturePooling(arguments.pool);
    options.imageSize = parseImageSize(arguments.imageSize);
    if (!arguments.weights.empty()) options.weightsFile = std::filesystem::path(arguments.weights);
    options.allowRandomInit = arguments.allowRandom;
    options.batchSize = arguments.batchSize;
    options.threads = arguments.threads;
    options.precision = parseComputePrecision(arguments.precision);

    TerminalProgress progress;
    options.download.allowed = arguments.download;
    options.download.progress = [&progress](const DownloadProgress& done) { progress.download(done); };
    options.progress = [&progress](std::size_t done, std::size_t total) {
        progress.images("features", done, total);
    };
    setComputeThreads(arguments.threads);
    const DistributedJob job(arguments.dist);  // one rank of a torchrun/srun job, or a job of one
    FeatureExtractionResult result;
    try {
        result = extractFeatures(options);
    } catch (const Error& e) {
        const std::string advice =
            missingWeightsAdvice(e, options.backbone, false,
                                 "Or add --allow-random for features of a network with random weights.");
        if (advice.empty()) throw;
        throw Error(e.what() + advice);
    }
    progress.end();
    if (!result.pretrained)
        std::cerr << "tlw: warning: features from a network that is " << result.weightsNote << '\n';
    if (result.writtenByRankZero) {
        std::cout << job.context().describe() << ": computed its share of the features; rank 0 wrote "
                  << result.npyFile.string() << " (float32 " << shapeText(result.shape) << ")\n";
        return;
    }
    printSkippedFiles(result.skipped);
    if (result.npyFile.empty()) {
        throw Error(result.imagesFound == 1 ? std::string("the image could not be read; nothing written")
                                            : "none of the " + std::to_string(result.imagesFound) +
                                                  " images could be read; nothing written");
    }
    std::cout << "wrote " << result.npyFile.string() << ": float32 " << shapeText(result.shape) << ", "
              << result.layer << " of " << backboneDisplayName(options.backbone) << " at "
              << toString(options.imageSize) << ", " << poolingText(options.pooling) << '\n'
              << "wrote " << result.csvFile.string() << ": index,file,label,subset of each row\n";
    if (!result.skipped.empty()) {
        std::cerr << "tlw: " << result.skipped.size() << (result.skipped.size() == 1 ? " file" : " files")
                  << " skipped (listed above); features of " << result.shape.front() << " images written\n";
    }
}

}  // namespace

void addFeaturesCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<FeaturesArguments>();
    CLI::App* command = app.add_subcommand(
        "features",
        "Write a backbone's activations at one layer for images and folders as a NumPy .npy file "
        "(float32, C order; rows listed in FILE.csv), for scikit-learn or Orange");
    command
        ->add_option("paths", arguments->paths,
                     "Image files and folders: a folder with class sub-folders (and optionally train/ val/) "
                     "labels its rows by class; other folders are searched recursively")
        ->required();
    command
        ->add_option("--out", arguments->out,
                     "The .npy file to write (replaced atomically); FILE.csv beside it")
        ->required();
    cli::addBackboneOptions(*command, arguments->backbone, arguments->alpha);
    command->add_option("--layer", arguments->layer,
                        "Keras layer name (see tlw summary); default: the end of the base, block5_pool for "
                        "VGG16 and fire9/concat for SqueezeNet (its last layer, drop9, is a dropout: the "
                        "same values at inference)");
    command
        ->add_option("--pool", arguments->pool,
                     "avg or max: global pooling, shape (N, C); none: the whole map, shape (N, H, W, C), "
                     "channels last like Keras")
        ->capture_default_str();
    command->add_option("--image-size", arguments->imageSize, "Input size: S or HxW (at least 32)")
        ->capture_default_str();
    command->add_option(
        "--weights", arguments->weights,
        "The Keras .h5 weights file; default: discovery ($TLW_WEIGHTS_DIR, ~/.keras/models/)");
    command->add_flag(
        "--download", arguments->download,
        "When no weights file is found, download the official Keras file (none exists for SqueezeNet)");
    command->add_flag("--allow-random", arguments->allowRandom,
                      "Without weights, go on with random ones (the features are then not pretrained)");
    command->add_option("--batch-size", arguments->batchSize, "Images per forward pass")
        ->capture_default_str();
    addThreadsOption(*command, arguments->threads);
    command
        ->add_option("--precision", arguments->precision,
                     "fp32, or bf16 (bfloat16 weights and activations; output still float32)")
        ->capture_default_str();
    addDistOptions(*command, arguments->dist);
    command->callback([arguments] { runFeatures(*arguments); });
}

}  // namespace tlw::cli
