#include "app/tlw/compute_options.h"

#include <CLI/CLI.hpp>

namespace tlw::cli {

CLI::Option* addThreadsOption(CLI::App& command, int& threads) {
    return command.add_option("--threads", threads, "Threads for decoding and the network (0: one per core)")
        ->check(CLI::Range(0, 4096))
        ->capture_default_str();
}

void addBackboneOptions(CLI::App& command, std::string& backbone, double& alpha) {
    command.add_option("--backbone", backbone, "vgg16, squeezenet, mobilenet, mobilenet_v2, resnet50 or efficientnet_b0")
        ->capture_default_str();
    command.add_option("--alpha", alpha,
                       "Width multiplier: MobileNet's 0.25, 0.5, 0.75 or 1.0 (the default), MobileNetV2's 0.35, 0.5, 0.75, "
                       "1.0 (the default), 1.3 or 1.4");
}

BackboneKind backboneFromOptions(const std::string& backbone, double alpha) {
    return parseBackboneKind(backbone, alpha > 0 ? std::optional<double>(alpha) : std::nullopt);
}

}  // namespace tlw::cli
