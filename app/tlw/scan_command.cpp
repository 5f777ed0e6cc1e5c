// tlw scan DIR: index, check and split a dataset folder and print what is in it and what is wrong with it.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "app/tlw/commands.h"
#include "core/data/dataset_scanner.h"
#include "core/data/split_manifest.h"
#include "core/models/layer_info.h"
#include "core/train/training_config.h"
#include "core/util/utf8.h"

namespace tlw::cli {
namespace {

constexpr int kExitUntrainable = 2;
constexpr std::size_t kListLimit = 50;  // longer lists are cut in the table (--json has everything)

struct ScanArguments {
    std::string directory;
    double validationSplit = 0.0;
    std::uint64_t seed = 1337;
    std::string manifest;
    std::string writeManifest;
    bool json = false;
    bool headersOnly = false;
    int threads = 0;
    double maxMegapixels = static_cast<double>(kDefaultMaxPixels) / 1e6;
    std::string cacheDir;
    bool noScanMemo = false;
};

// Terminal columns a UTF-8 string takes: CJK ideographs, kana, hangul and full-width forms take two.
std::size_t displayWidth(const std::string& text) {
    std::size_t width = 0;
    for (size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t code = length == 1 ? lead : lead & (0xFF >> (length + 1));
        for (int k = 1; k < length && i + static_cast<size_t>(k) < text.size(); ++k)
            code = (code << 6) | (static_cast<unsigned char>(text[i + static_cast<size_t>(k)]) & 0x3F);
        const bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
                          (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
                          (code >= 0xFF00 && code <= 0xFF60) || (code >= 0x20000 && code <= 0x3FFFD);
        width += wide ? 2 : 1;
        i += static_cast<size_t>(length);
    }
    return width;
}

std::string countOf(std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string padRight(const std::string& text, std::size_t width) {
    const std::size_t used = displayWidth(text);
    return text + std::string(width > used ? width - used : 0, ' ');
}

std::string padLeft(const std::string& text, std::size_t width) {
    return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
}

std::string describeLayout(const ScanReport& report) {
    switch (report.layout) {
        case SplitLayout::SplitFolders:
            return "fixed split folders (train/, val/ or validation/, test/)";
        case SplitLayout::ValidationFraction: {
            std::ostringstream text;
            text << "stratified validation split " << report.validationSplit << ", seed " << report.seed;
            return text.str();
        }
        case SplitLayout::Manifest:
            return "split from manifest " + report.manifest->u8string();
        case SplitLayout::NoSplit:
            break;
    }
    return "one folder per class, no validation split";
}

// "; 9,996 verified earlier, 4 now": how many decodes the scan memo spared.
std::string describeMemoUse(const ScanMemoUse& memo) {
    if (memo.file.empty()) return {};
    return "; " + formatThousands(static_cast<int64_t>(memo.verifiedEarlier())) + " verified earlier, " +
           formatThousands(static_cast<int64_t>(memo.checked)) + " now";
}

void printClassTable(const ScanReport& report, std::ostream& out) {
    std::vector<Subset> columns = {Subset::Train};
    if (report.layout != SplitLayout::NoSplit) columns.push_back(Subset::Validation);
    if (report.imagesIn(Subset::Test) > 0) columns.push_back(Subset::Test);
    std::size_t nameWidth = 5;
    for (const ClassCount& c : report.classes) nameWidth = std::max(nameWidth, displayWidth(c.name));
    out << padRight("class", nameWidth);
    for (const Subset subset : columns) out << "  " << padLeft(subsetName(subset), 10);
    out << "  " << padLeft("skipped", 7) << '\n';
    std::array<std::size_t, kSubsetCount> totals{};
    std::size_t skipped = 0;
    for (const ClassCount& c : report.classes) {
        out << padRight(c.name, nameWidth);
        for (const Subset subset : columns) {
            const std::size_t count = c.images[static_cast<size_t>(subsetIndex(subset))];
            totals[static_cast<size_t>(subsetIndex(subset))] += count;
            out << "  " << padLeft(std::to_string(count), 10);
        }
        out << "  " << padLeft(std::to_string(c.skipped), 7) << '\n';
        skipped += c.skipped;
    }
    out << padRight("total", nameWidth);
    for (const Subset subset : columns)
        out << "  " << padLeft(std::to_string(totals[static_cast<size_t>(subsetIndex(subset))]), 10);
    out << "  " << padLeft(std::to_string(skipped), 7) << '\n';
}

template <typename List, typename Print>
void printCapped(const List& items, std::ostream& out, Print print) {
    for (std::size_t i = 0; i < items.size() && i < kListLimit; ++i) print(items[i]);
    if (items.size() > kListLimit) out << "  ... and " << items.size() - kListLimit << " more (see --json)\n";
}

void printReport(const ScanReport& report, std::ostream& out) {
    const auto relative = [&](const std::filesystem::path& path) {
        return printableText(relativePathUnder(path, report.root));
    };
    out << "Dataset: " << report.root.u8string() << '\n' << "Layout:  " << describeLayout(report) << '\n';
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", report.seconds);
    out << "Checked " << report.imageFiles << " image files in " << seconds << " s ("
        << (report.verified ? "every image decoded" : "headers only") << describeMemoUse(report.memo)
        << "): " << report.usableImages << " usable\n";
    for (const std::string& note : report.memo.notes) out << "  " << note << '\n';
    out << '\n';
    if (!report.classes.empty()) {
        printClassTable(report, out);
        out << '\n';
    }
    if (!report.skipped.empty()) {
        out << "Skipped files (" << report.skipped.size() << "):\n";
        printCapped(report.skipped, out, [&](const SkippedFile& s) {
            out << "  " << relative(s.path) << ": " << s.reason << '\n';
        });
        out << '\n';
    }
    std::vector<std::string> ignored;
    if (!report.ignoredRootEntries.empty())
        ignored.push_back(countOf(report.ignoredRootEntries.size(), "entry", "entries") +
                          " beside the class folders");
    if (!report.ignoredOtherFiles.empty())
        ignored.push_back(countOf(report.ignoredOtherFiles.size(), "file", "files") +
                          " without an image extension");
    if (report.hiddenEntries > 0)
        ignored.push_back(countOf(report.hiddenEntries, "hidden entry", "hidden entries"));
    if (!ignored.empty()) {
        out << "Ignored: ";
        for (size_t i = 0; i < ignored.size(); ++i) out << (i ? ", " : "") << ignored[i];
        out << '\n';
        printCapped(report.ignoredRootEntries, out,
                    [&](const auto& p) { out << "  " << relative(p) << '\n'; });
        out << '\n';
    }
    if (!report.duplicates.empty()) {
        out << "Duplicates: " << countOf(report.duplicates.size(), "group", "groups")
            << " of byte-identical images (" << report.duplicateGroups(DuplicateKind::WithinClass)
            << " within a class, " << report.duplicateGroups(DuplicateKind::AcrossClasses)
            << " across classes, " << report.duplicateGroups(DuplicateKind::AcrossSubsets)
            << " across subsets)\n";
        printCapped(report.duplicates, out, [&](const DuplicateGroup& group) {
            out << "  " << duplicateKindName(group.kind()) << ": ";
            for (size_t i = 0; i < group.files.size(); ++i)
                out << (i ? " = " : "") << relative(group.files[i]);
            out << '\n';
        });
        out << '\n';
    }
    if (report.manifest && !report.notInManifest.empty()) {
        out << "Not in the manifest, left out (" << report.notInManifest.size() << "):\n";
        printCapped(report.notInManifest, out, [&](const auto& p) { out << "  " << relative(p) << '\n'; });
        out << '\n';
    }
    if (report.manifest && !report.missingFromManifest.empty()) {
        out << "In the manifest but missing (" << report.missingFromManifest.size() << "):\n";
        printCapped(report.missingFromManifest, out,
                    [&](const auto& p) { out << "  " << relative(p) << '\n'; });
        out << '\n';
    }
    if (!report.warnings.empty()) {
        out << "Warnings:\n";
        for (const tlw::ScanNotice& warning : report.warnings) out << "  - " << warning.english() << '\n';
        out << '\n';
    }
    if (!report.errors.empty()) {
        out << "Errors:\n";
        for (const tlw::ScanNotice& error : report.errors) out << "  - " << error.english() << '\n';
        out << '\n';
    }
    out << (report.trainable() ? "Result: trainable\n" : "Result: NOT trainable (see the errors above)\n");
}

int runScan(const ScanArguments& arguments) {
    ScanOptions options;
    options.validationSplit = arguments.validationSplit;
    options.seed = arguments.seed;
    options.threads = arguments.threads;
    options.verify = !arguments.headersOnly;
    options.limits.maxPixels = static_cast<std::uint64_t>(arguments.maxMegapixels * 1e6);
    if (!arguments.manifest.empty()) options.manifest = std::filesystem::u8path(arguments.manifest);
    if (!arguments.noScanMemo) {
        FeatureCacheSettings cache;
        cache.directory = std::filesystem::u8path(arguments.cacheDir);
        options.memoDirectory = featureCacheDirectory(cache);  // the memo tlw train keeps
    }
    const bool showProgress = !arguments.json && ::isatty(STDERR_FILENO);
    if (showProgress)
        options.progress = [](std::size_t done, std::size_t total) {
            std::fprintf(stderr, "\rchecking images: %zu / %zu", done, total);
            if (done == total) std::fprintf(stderr, "\r%40s\r", "");
        };

    const ScanResult result = scanDataset(std::filesystem::u8path(arguments.directory), options);
    if (arguments.json)
        std::cout << scanReportToJson(result.report) << '\n';
    else
        printReport(result.report, std::cout);
    if (!arguments.writeManifest.empty()) {
        writeSplitManifest(makeSplitManifest(result.dataset),
                           std::filesystem::u8path(arguments.writeManifest));
        if (!arguments.json)
            std::cout << "Split manifest written to " << arguments.writeManifest << " ("
                      << result.dataset.samples.size() << " files)\n";
    }
    return result.report.trainable() ? 0 : kExitUntrainable;
}

}  // namespace

void addScanCommand(CLI::App& app, CommandContext& context) {
    auto arguments = std::make_shared<ScanArguments>();
    CLI::App* scan = app.add_subcommand(
        "scan",
        "Index, check and split an image dataset folder (one sub-folder per class, or train/ + val/ folders) "
        "and report counts, bad files, duplicates and problems. Exit status: 0 trainable, 2 not trainable, "
        "1 error.");
    scan->add_option("dir", arguments->directory, "Dataset folder")->required();
    scan->add_option("--validation-split", arguments->validationSplit,
                     "Fraction of each class held out for validation (stratified), e.g. 0.2")
        ->check(CLI::Range(0.0, 0.99));
    scan->add_option("--seed", arguments->seed, "Seed of the validation split (default 1337)");
    scan->add_option("--manifest", arguments->manifest, "Reuse the split recorded in this manifest file");
    scan->add_option("--write-manifest", arguments->writeManifest, "Write the split to this manifest file");
    scan->add_flag("--json", arguments->json, "Print the report as JSON");
    scan->add_flag("--headers-only", arguments->headersOnly,
                   "Check headers and file structure only, without decoding every image (faster)");
    scan->add_option("--threads", arguments->threads, "Worker threads (default: one per core)")
        ->check(CLI::NonNegativeNumber);
    scan->add_option("--max-megapixels", arguments->maxMegapixels,
                     "Refuse images larger than this (decompression-bomb guard, default 100)")
        ->check(CLI::PositiveNumber);
    scan->add_flag("--no-scan-memo", arguments->noScanMemo,
                   "Decode every image, even those an earlier scan verified and that are unchanged since "
                   "(same size, times and inode); the memo in the cache folder is neither read nor updated");
    scan->add_option("--cache-dir", arguments->cacheDir,
                     "The cache folder holding the memo of verified images, as tlw train's --cache-dir "
                     "(default: $TLW_CACHE_DIR, else ~/.cache/tlworkbench/features)")
        ->type_name("DIR");
    scan->callback([arguments, &context] { context.exitCode = runScan(*arguments); });
}

}  // namespace tlw::cli
