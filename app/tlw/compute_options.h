#pragma once

// Options that every tlw command running a network declares the same way.

#include <string>

#include "core/models/backbone.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace tlw::cli {

// --threads N: threads for decoding and the network, 0 (the default) one per core.
CLI::Option* addThreadsOption(CLI::App& command, int& threads);

// --backbone NAME and --alpha A (MobileNet's width multiplier; 0, the default, means none given).
void addBackboneOptions(CLI::App& command, std::string& backbone, double& alpha);
// The backbone those name ("mobilenet" with --alpha 0.25: MobileNet025); throws tlw::Error.
BackboneKind backboneFromOptions(const std::string& backbone, double alpha);

}  // namespace tlw::cli
