// tlw: the command-line twin of TL Workbench. Each sub-command lives in its own *_command.cpp and
// registers itself here; main only parses, dispatches and turns errors into one line and exit code 1.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "core/util/version.h"

int main(int argc, char** argv) {
    CLI::App app{"tlw: transfer learning and fine-tuning of pretrained image CNNs (TL Workbench CLI)"};
    app.require_subcommand(0, 1);
    bool showVersion = false;
    app.add_flag("--version", showVersion, "Print the versions of tlw and its libraries");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    if (showVersion) {
        std::cout << "tlw " << tlw::tlwVersion() << " (LibTorch " << tlw::libtorchVersion() << ", OpenCV "
                  << tlw::opencvVersion() << ", HDF5 " << tlw::hdf5Version() << ")\n";
        return 0;
    }
    if (app.get_subcommands().empty()) {
        std::cout << app.help();
        return 0;
    }
    return 0;
}
