// tlw make-demo: writes the built-in seal-impression demo dataset (core/demo/seal_demo.h).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "app/tlw/commands.h"
#include "core/demo/seal_demo.h"

namespace tlw::cli {
namespace {

struct MakeDemoArguments {
    std::string dir;
    DemoOptions options;
};

void runMakeDemo(const MakeDemoArguments& arguments) {
    const std::filesystem::path dir =
        arguments.dir.empty() ? defaultDemoDir() : std::filesystem::path(arguments.dir);
    const bool showProgress = ::isatty(STDERR_FILENO) != 0;
    const auto started = std::chrono::steady_clock::now();
    const DemoSummary summary = generateSealDemo(dir, arguments.options, [&](int done, int total) {
        if (showProgress) std::fprintf(stderr, "\rrendering %d/%d images", done, total);
        return true;
    });
    if (showProgress) std::fprintf(stderr, "\n");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    for (const auto& warning : summary.warnings) std::cerr << "tlw: warning: " << warning << '\n';
    std::printf("Demo set: %s\n", summary.dir.c_str());
    std::printf("%zu classes x %d images, %dx%d pixels, seed %u (%.1f s)\n", summary.classes.size(),
                arguments.options.perClass, summary.imageSize, summary.imageSize, summary.seed, seconds);
    for (const auto& info : summary.classes)
        std::printf("  %-24s %s  (%s)\n", info.name.c_str(), info.chineseName.c_str(),
                    info.fontFamily.c_str());
    std::printf("Train on it: tlw train %s\n", summary.dir.c_str());
}

}  // namespace

void addMakeDemoCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<MakeDemoArguments>();
    CLI::App* command = app.add_subcommand(
        "make-demo",
        "Write the built-in demo dataset: synthetic seal impressions, one class per engraver style");
    command->add_option("DIR", arguments->dir,
                        "Output folder: missing, empty, or a previous demo set, which is replaced (default: "
                        "$XDG_DATA_HOME/tlworkbench/demo-seals)");
    command->add_option("--classes", arguments->options.classes, "Number of classes (styles)")
        ->check(CLI::Range(2, demoStyleCount()))
        ->capture_default_str();
    command->add_option("--per-class", arguments->options.perClass, "Images per class")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    command->add_option("--seed", arguments->options.seed, "Random seed; the same seed gives the same files")
        ->capture_default_str();
    command
        ->add_option("--image-size", arguments->options.imageSize, "Width and height of the images in pixels")
        ->check(CLI::Range(32, 2048))
        ->capture_default_str();
    command
        ->add_option("--threads", arguments->options.threads,
                     "Rendering threads (0: one per core); the files do not depend on it")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    command->callback([arguments] { runMakeDemo(*arguments); });
}

}  // namespace tlw::cli
