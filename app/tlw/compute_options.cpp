#include "app/tlw/compute_options.h"

#include <CLI/CLI.hpp>

namespace tlw::cli {

CLI::Option* addThreadsOption(CLI::App& command, int& threads) {
    return command.add_option("--threads", threads, "Threads for decoding and the network (0: one per core)")
        ->check(CLI::Range(0, 4096))
        ->capture_default_str();
}

}  // namespace tlw::cli
