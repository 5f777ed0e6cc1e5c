// tlw audit DATA_DIR --csv OUT: the training images ranked by how likely their label is wrong (confident
// learning on out-of-fold probabilities), near-duplicates within and across classes and splits, and
// outliers, all from a pretrained backbone's pooled features; with --map-csv, the embedding map too.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/tlw/commands.h"
#include "app/tlw/compute_options.h"
#include "app/tlw/console_report.h"
#include "app/tlw/weights_hint.h"
#include "core/eval/data_audit.h"
#include "core/util/atomic_file.h"
#include "core/util/compute_threads.h"
#include "core/util/error.h"
#include "core/util/utf8.h"

namespace tlw::cli {
namespace {
namespace fs = std::filesystem;

struct AuditArguments {
    std::string dataDir;
    std::string csv;
    std::string duplicatesCsv;
    std::string outliersCsv;
    std::string mapCsv;
    bool overwrite = false;
    std::string backbone = "squeezenet";
    double alpha = 0.0;
    std::string weights;
    bool allowRandom = false;
    std::string imageSize = "224";
    int folds = 5;
    float similarity = kNearDuplicateSimilarity;
    double validationSplit = 0.0;
    std::uint64_t seed = 1337;
    int top = 10;
    std::size_t batchSize = 16;
    int threads = 0;
};

std::string fixed(double value, int digits) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", digits, value);
    return text;
}

DataAuditOptions optionsOf(const AuditArguments& arguments) {
    if (arguments.folds < 2)
        throw Error("--folds must be at least 2, got " + std::to_string(arguments.folds));
    if (!(arguments.similarity > 0.0f && arguments.similarity <= 1.0f))
        throw Error("--similarity must be in (0, 1], got " + fixed(arguments.similarity, 4));
    if (arguments.batchSize == 0) throw Error("--batch-size must be at least 1");
    if (arguments.top < 0) throw Error("--top must be at least 0");
    DataAuditOptions options;
    options.dataDir = fs::u8path(arguments.dataDir);
    options.backbone = backboneFromOptions(arguments.backbone, arguments.alpha);
    if (!arguments.weights.empty()) options.weightsFile = fs::u8path(arguments.weights);
    options.allowRandomInit = arguments.allowRandom;
    options.imageSize = parseImageSize(arguments.imageSize);
    options.folds = arguments.folds;
    options.duplicateSimilarity = arguments.similarity;
    options.validationSplit = arguments.validationSplit;
    options.seed = arguments.seed;
    options.batchSize = static_cast<int>(std::min<std::size_t>(arguments.batchSize, 65536));
    options.threads = arguments.threads;
    options.embeddingMap = !arguments.mapCsv.empty();
    options.tsne.seed = arguments.seed;
    return options;
}

// Every output is checked before the work, so that a long audit does not end in a refusal.
void checkOutputs(const AuditArguments& arguments) {
    for (const std::string& file :
         {arguments.csv, arguments.duplicatesCsv, arguments.outliersCsv, arguments.mapCsv}) {
        std::error_code error;
        if (!file.empty() && !arguments.overwrite && fs::exists(fs::u8path(file), error))
            throw Error(fs::u8path(file), "exists; --overwrite replaces it");
    }
}

void printSuspects(const DataAuditResult& result, int top) {
    std::cout << "label issues: " << result.issueCount << " of " << result.trainingImages
              << " training images (confident learning on out-of-fold probabilities of " << result.folds
              << " exact heads, L2 " << fixed(result.l2Strength, 6) << ")\n";
    const std::size_t shown = std::min(result.suspects.size(), static_cast<std::size_t>(top));
    for (std::size_t rank = 0; rank < shown; ++rank) {
        const LabelSuspect& suspect = result.suspects[rank];
        char text[48];
        std::snprintf(text, sizeof text, "%4zu. %+.4f%s ", rank + 1, suspect.score,
                      suspect.issue ? " *" : "  ");
        std::cout << text << printableText(result.classNames[suspect.given]) << " -> "
                  << printableText(result.classNames[suspect.suggested]) << "  "
                  << printableText(suspect.file.u8string()) << '\n';
    }
}

void printDuplicates(const DataAuditResult& result, float threshold, int top) {
    std::size_t counts[3] = {0, 0, 0};
    for (const NearDuplicatePair& pair : result.duplicates) ++counts[static_cast<int>(pair.kind)];
    std::cout << "near-duplicates (cosine >= " << fixed(threshold, 2) << "): " << result.duplicates.size()
              << " pairs: " << counts[0] << " within a class, " << counts[1] << " across classes, "
              << counts[2] << " across splits\n";
    const std::size_t shown = std::min(result.duplicates.size(), static_cast<std::size_t>(top));
    for (std::size_t i = 0; i < shown; ++i) {
        const NearDuplicatePair& pair = result.duplicates[i];
        std::cout << "  " << fixed(pair.similarity, 4) << "  " << duplicateKindId(pair.kind) << "  "
                  << printableText(pair.first.file.u8string()) << "  "
                  << printableText(pair.second.file.u8string()) << '\n';
    }
}

void printOutliers(const DataAuditResult& result, int top) {
    std::cout << "outliers (highest similarity to a class centroid below " << fixed(result.outlierFence, 4)
              << "): " << result.outliers.size() << '\n';
    const std::size_t shown = std::min(result.outliers.size(), static_cast<std::size_t>(top));
    for (std::size_t i = 0; i < shown; ++i) {
        const OutlierImage& outlier = result.outliers[i];
        std::cout << "  " << fixed(outlier.centroidSimilarity, 4) << "  "
                  << printableText(outlier.image.file.u8string()) << '\n';
    }
}

void printMap(const DataAuditResult& result) {
    if (result.map.images.empty()) return;
    std::cout << "embedding map: PCA and t-SNE of " << result.map.images.size() << " images (perplexity "
              << fixed(result.map.perplexity, 1) << ", " << fixed(result.map.tsneSeconds, 1) << " s";
    if (result.map.tsneMapped < result.map.images.size())
        std::cout << "; t-SNE mapped a sample of " << result.map.tsneMapped << ", the rest placed among it";
    std::cout << ")\n";
}

void writeCsv(const std::string& file, const std::string& text) {
    if (file.empty()) return;
    writeFileAtomically(fs::u8path(file), text);
    std::cerr << "tlw: wrote " << file << '\n';
}

DataAuditResult runAuditWithHint(DataAuditOptions& options) {
    try {
        return auditDataset(options);
    } catch (const Error& e) {
        const std::string advice =
            missingWeightsAdvice(e, options.backbone, false,
                                 "Or add --allow-random for an audit on random features (a poor one).");
        if (advice.empty()) throw;
        throw Error(e.what() + advice);
    }
}

void runAudit(const AuditArguments& arguments) {
    DataAuditOptions options = optionsOf(arguments);
    checkOutputs(arguments);
    setComputeThreads(arguments.threads);
    TerminalProgress progress;
    options.progress = [&progress](std::size_t done, std::size_t total) {
        progress.images("features", done, total);
    };
    const DataAuditResult result = runAuditWithHint(options);
    progress.end();
    for (const std::string& note : result.notes) std::cerr << "tlw: " << printableText(note) << '\n';
    if (!result.pretrained)
        std::cerr << "tlw: warning: features from a network that is " << result.weightsNote << '\n';
    std::cerr << "tlw: " << result.images << " images; features: " << result.featuresReused
              << " from the cache, " << result.featuresComputed << " computed ("
              << printableText(result.cacheDirectory.u8string()) << ")\n";
    printSuspects(result, arguments.top);
    printDuplicates(result, options.duplicateSimilarity, arguments.top);
    printOutliers(result, arguments.top);
    printMap(result);
    std::cout.flush();
    writeCsv(arguments.csv, labelSuspectsToCsv(result));
    writeCsv(arguments.duplicatesCsv, duplicatePairsToCsv(result));
    writeCsv(arguments.outliersCsv, outliersToCsv(result));
    writeCsv(arguments.mapCsv, embeddingMapToCsv(result));
}

}  // namespace

void addAuditCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<AuditArguments>();
    CLI::App* command = app.add_subcommand(
        "audit",
        "Rank the training images by how likely their label is wrong (confident learning), and list "
        "near-duplicates and outliers, from a pretrained backbone's pooled features");
    command
        ->add_option("data", arguments->dataDir, "The dataset folder (class folders, or train/ val/ test/)")
        ->required();
    command->add_option("--csv", arguments->csv, "Write path,given,suggested,score, most suspect first")
        ->required();
    command->add_option("--duplicates-csv", arguments->duplicatesCsv,
                        "Also write the near-duplicate pairs (kind,similarity,first,...,second,...)");
    command->add_option("--outliers-csv", arguments->outliersCsv,
                        "Also write the outliers (path,split,class,centroid_similarity,nearest_similarity)");
    command->add_option("--map-csv", arguments->mapCsv,
                        "Also draw the embedding map (PCA and t-SNE of every image) and write "
                        "path,split,class,x,y,method,suspect,misclassified");
    command->add_flag("--overwrite", arguments->overwrite, "Replace the CSV files when they exist");
    addBackboneOptions(*command, arguments->backbone, arguments->alpha);
    command->add_option(
        "--weights", arguments->weights,
        "The Keras .h5 weights file; default: discovery ($TLW_WEIGHTS_DIR, ~/.keras/models/)");
    command->add_flag("--allow-random", arguments->allowRandom,
                      "Without weights, go on with random ones (the audit is then of little use)");
    command->add_option("--image-size", arguments->imageSize, "Input size: S or HxW (at least 32)")
        ->capture_default_str();
    command->add_option("--folds", arguments->folds, "Folds of the out-of-fold probabilities")
        ->capture_default_str();
    command
        ->add_option("--similarity", arguments->similarity,
                     "Cosine similarity at or above which two images are near-duplicates")
        ->capture_default_str();
    command
        ->add_option("--validation-split", arguments->validationSplit,
                     "Without val/: hold out this stratified fraction as validation, as tlw train does")
        ->capture_default_str();
    command->add_option("--seed", arguments->seed, "Seed of the split and the folds")->capture_default_str();
    command->add_option("--top", arguments->top, "How many of each list to print")->capture_default_str();
    command->add_option("--batch-size", arguments->batchSize, "Images per forward pass")
        ->capture_default_str();
    addThreadsOption(*command, arguments->threads);
    command->callback([arguments] { runAudit(*arguments); });
}

}  // namespace tlw::cli
