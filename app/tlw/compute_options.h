#pragma once

// Options that every tlw command running a network declares the same way.

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace tlw::cli {

// --threads N: threads for decoding and the network, 0 (the default) one per core.
CLI::Option* addThreadsOption(CLI::App& command, int& threads);

}  // namespace tlw::cli
