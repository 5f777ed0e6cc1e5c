#pragma once

// Each tlw sub-command lives in its own <name>_command.cpp and registers itself on the root CLI11 app.
// A command reports failure by throwing (main prints "tlw: error: <what>" and exits 1) or, for results
// that are not errors of the tool (an untrainable dataset, a training run stopped by Ctrl-C), by setting
// exitCode.

namespace CLI {
class App;
}

namespace tlw::cli {

struct CommandContext {
    int exitCode = 0;
};

// Registration functions, one per command file; main calls each.
void addMakeDemoCommand(CLI::App& app, CommandContext& context);
void addSummaryCommand(CLI::App& app, CommandContext& context);
void addMakeWeightsCommand(CLI::App& app, CommandContext& context);
void addWeightsCommand(CLI::App& app, CommandContext& context);
void addScanCommand(CLI::App& app, CommandContext& context);  // scan_command.cpp
void addFeaturesCommand(CLI::App& app, CommandContext& context);
void addPredictCommand(CLI::App& app, CommandContext& context);
void addTrainCommand(CLI::App& app, CommandContext& context);
void addResumeCommand(CLI::App& app, CommandContext& context);
void addEvaluateCommand(CLI::App& app, CommandContext& context);
void addExportCommand(CLI::App& app, CommandContext& context);
void addInfoCommand(CLI::App& app, CommandContext& context);
void addExplainCommand(CLI::App& app, CommandContext& context);
void addSimilarCommand(CLI::App& app, CommandContext& context);
void addAuditCommand(CLI::App& app, CommandContext& context);
void addTriageCommand(CLI::App& app, CommandContext& context);
void addSweepCommand(CLI::App& app, CommandContext& context);  // sweep_command.cpp
void addRunsCommand(CLI::App& app, CommandContext& context);   // runs_command.cpp
}  // namespace tlw::cli
