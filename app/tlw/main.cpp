// tlw: the command-line twin of TL Workbench. Each sub-command lives in its own *_command.cpp and
// registers itself here; main only parses, dispatches and turns errors into one line and exit code 1
// (a command may set another code: 2 for an untrainable dataset, 130 for a training run stopped by Ctrl-C).
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <string>

#include "app/tlw/commands.h"
#include "core/util/version.h"

int main(int argc, char** argv) {
    CLI::App app{"tlw: transfer learning and fine-tuning of pretrained image CNNs (TL Workbench CLI)"};
    app.require_subcommand(0, 1);
    // Usage mistakes read like every other tlw error: one line, exit status 1.
    app.failure_message([](const CLI::App* root, const CLI::Error& e) {
        const auto chosen = root->get_subcommands();
        const std::string help =
            chosen.empty() ? "tlw --help" : "tlw " + chosen.front()->get_name() + " --help";
        return "tlw: error: " + std::string(e.what()) + " (see " + help + ")\n";
    });
    app.set_version_flag("--version", [] {
        return "tlw " + tlw::tlwVersion() + " (LibTorch " + tlw::libtorchVersion() + ", OpenCV " +
               tlw::opencvVersion() + ", HDF5 " + tlw::hdf5Version() + ")";
    });

    tlw::cli::CommandContext context;
    // Sub-commands register here, one line each.
    tlw::cli::addMakeDemoCommand(app, context);
    tlw::cli::addSummaryCommand(app, context);
    tlw::cli::addMakeWeightsCommand(app, context);
    tlw::cli::addWeightsCommand(app, context);
    tlw::cli::addScanCommand(app, context);
    tlw::cli::addFeaturesCommand(app, context);
    tlw::cli::addPredictCommand(app, context);
    tlw::cli::addTrainCommand(app, context);
    tlw::cli::addResumeCommand(app, context);
    tlw::cli::addEvaluateCommand(app, context);
    tlw::cli::addExportCommand(app, context);
    tlw::cli::addInfoCommand(app, context);
    tlw::cli::addExplainCommand(app, context);
    tlw::cli::addSimilarCommand(app, context);
    tlw::cli::addAuditCommand(app, context);
    tlw::cli::addTriageCommand(app, context);
    tlw::cli::addSweepCommand(app, context);
    tlw::cli::addRunsCommand(app, context);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 1;  // --help and --version end here too, with 0
    } catch (const std::exception& e) {
        std::cerr << "tlw: error: " << e.what() << '\n';
        return 1;
    }
    if (app.get_subcommands().empty()) std::cout << app.help();
    return context.exitCode;
}
