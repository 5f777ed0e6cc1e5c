// tlw runs [FOLDER...]: the runs recorded beside their models (MODEL.run.json), newest first, one line each;
// --diff MODEL MODEL...: the settings that differ between those runs.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/tlw/commands.h"
#include "core/train/run_record.h"
#include "core/util/error.h"
#include "core/util/text_width.h"

namespace tlw::cli {
namespace {

struct RunsArguments {
    std::vector<std::string> folders;
    std::vector<std::string> diff;
};

using Row = std::vector<std::string>;

std::string figure(const std::optional<double>& value) {
    if (!value) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", *value);
    return text;
}

std::string seconds(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", value);
    return text;
}

// Columns as wide as their widest cell, two spaces apart; the last one unpadded.
void printTable(const std::vector<Row>& rows) {
    std::vector<std::size_t> widths;
    for (const Row& row : rows)
        for (std::size_t column = 0; column < row.size(); ++column) {
            if (widths.size() <= column) widths.push_back(0);
            widths[column] = std::max(widths[column], displayWidth(row[column]));
        }
    for (const Row& row : rows) {
        std::string line;
        for (std::size_t column = 0; column < row.size(); ++column)
            line += column + 1 == row.size() ? row[column] : padRight(row[column], widths[column]) + "  ";
        std::cout << line << '\n';
    }
}

Row runRow(const RunRecord& run) {
    return {run.finishedAt,
            run.modelFile.filename().u8string(),
            run.backbone,
            std::to_string(run.epochsRun) + (run.stopped ? " (stopped)" : ""),
            std::to_string(run.keptEpoch),
            figure(run.kept.valAccuracy),
            figure(run.kept.valLoss),
            seconds(run.wallSeconds)};
}

void listRunsIn(const std::vector<std::string>& folderArguments) {
    std::vector<std::filesystem::path> folders;
    for (const std::string& folder : folderArguments) folders.push_back(std::filesystem::u8path(folder));
    if (folders.empty()) folders.push_back(defaultModelsFolder());
    const RunListing listing = listRuns(folders);
    for (const std::string& note : listing.notes) std::cerr << "tlw: skipped " << note << '\n';
    if (listing.runs.empty()) {
        std::string where;
        for (const auto& folder : folders) where += (where.empty() ? "" : ", ") + folder.u8string();
        std::cout << "No runs recorded in " << where
                  << " (each run writes MODEL.run.json beside its model).\n";
        return;
    }
    std::vector<Row> rows{
        {"finished (UTC)", "model", "backbone", "epochs", "kept epoch", "val_accuracy", "val_loss", "time"}};
    for (const RunRecord& run : listing.runs) rows.push_back(runRow(run));
    printTable(rows);
}

// MODEL or MODEL.run.json.
RunRecord recordOf(const std::string& argument) {
    const std::filesystem::path path = std::filesystem::u8path(argument);
    const std::string name = path.filename().u8string();
    const bool isRecord = name.size() > 9 && name.compare(name.size() - 9, 9, ".run.json") == 0;
    return readRunRecord(isRecord ? path : runRecordPathFor(path));
}

void printDifferences(const std::vector<std::string>& models) {
    if (models.size() < 2) throw Error("--diff needs at least two models to compare");
    std::vector<RunRecord> runs;
    for (const std::string& model : models) runs.push_back(recordOf(model));
    const std::vector<SettingDifference> differences = settingDifferences(runs);
    if (differences.empty()) {
        std::cout << "The runs' settings are the same.\n";
        return;
    }
    Row header{"setting"};
    for (const RunRecord& run : runs) header.push_back(run.modelFile.filename().u8string());
    std::vector<Row> rows{header};
    for (const SettingDifference& difference : differences) {
        Row row{difference.key};
        for (const std::string& value : difference.values) row.push_back(value.empty() ? "-" : value);
        rows.push_back(row);
    }
    printTable(rows);
}

}  // namespace

void addRunsCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<RunsArguments>();
    CLI::App* command = app.add_subcommand(
        "runs",
        "The training runs recorded in the folders (each run writes MODEL.run.json beside its model), newest "
        "first: when each finished, its model, backbone, epochs, kept epoch, validation figures and time. "
        "Without a folder: the window's models folder ($XDG_DATA_HOME/tlworkbench/models)");
    command->add_option("folders", arguments->folders, "Folders holding models and their run records");
    command->add_option("--diff", arguments->diff,
                        "Print the settings that differ between these runs instead: two or more models (or "
                        "their MODEL.run.json)");
    command->callback([arguments] {
        if (!arguments->diff.empty())
            printDifferences(arguments->diff);
        else
            listRunsIn(arguments->folders);
    });
}

}  // namespace tlw::cli
