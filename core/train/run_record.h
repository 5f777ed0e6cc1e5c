#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/train/training_config.h"
#include "core/train/training_history.h"

// A run's record, MODEL.run.json beside its model: what was trained on what, with which settings, when, how
// long, and how the kept epoch scored. Written by every run that saves a model (the CLI, the window, the
// sweep), read by `tlw runs` and the Training page's Runs tab to list runs and compare them. Torch-free.
namespace tlw {

struct RunFigures {
    std::optional<double> loss;
    std::optional<double> accuracy;
    std::optional<double> valLoss;
    std::optional<double> valAccuracy;
};

struct RunRecord {
    // Where the record was read from (not stored): readers find the model and the history beside it.
    std::filesystem::path recordFile;
    std::filesystem::path modelFile;  // the model beside the record when read; the written path otherwise
    std::filesystem::path dataDir;
    std::string backbone;    // backboneId: "vgg16", "squeezenet1_1", ...
    std::string startedAt;   // UTC, "2026-12-06T10:11:12Z"
    std::string finishedAt;  // UTC, when the model was saved
    double wallSeconds = 0.0;
    std::string settingsJson;  // trainingConfigToJson of the run's config
    int epochsRun = 0;
    int keptEpoch = 0;  // the epoch whose weights the model holds
    RunFigures kept;
    bool stopped = false;     // the run was stopped before its last epoch
    std::string historyFile;  // the history's file name, beside the model (MODEL.history.json)
};

std::filesystem::path runRecordPathFor(const std::filesystem::path& model);  // MODEL.run.json

// The record of a run that has just saved its model to config.outputModel.
RunRecord makeRunRecord(const TrainingConfig& config, const TrainingHistory& history, std::string startedAt,
                        double wallSeconds, bool stopped);

std::string runRecordToJson(const RunRecord& record);
// Throws tlw::Error naming `file` and what is wrong with the document.
RunRecord runRecordFromJson(const std::string& json, const std::filesystem::path& file);

// Writes the record atomically beside its model; throws tlw::Error.
void writeRunRecord(const RunRecord& record);
// Throws tlw::Error naming the file for a missing, unreadable or damaged record.
RunRecord readRunRecord(const std::filesystem::path& file);
// The run's history (the file beside its model); throws tlw::Error naming it.
TrainingHistory readRunHistory(const RunRecord& record);

struct RunListing {
    std::vector<RunRecord> runs;     // newest first (by finishedAt, then by model path)
    std::vector<std::string> notes;  // one per record that could not be read: "FILE: reason"
};

// Newest first: by finishedAt, then startedAt (both descending), then by model path.
void sortNewestFirst(std::vector<RunRecord>& runs);

// Every *.run.json directly in the folders, newest first; a run found twice is listed once. A folder that
// does not exist lists nothing; a damaged record is skipped with a note naming it.
RunListing listRuns(const std::vector<std::filesystem::path>& folders);
RunListing listRuns(const std::filesystem::path& folder);

// Where the window saves models without a project: $XDG_DATA_HOME/tlworkbench/models
// (~/.local/share/tlworkbench/models when XDG_DATA_HOME is unset); empty when neither is set.
std::filesystem::path defaultModelsFolder();

// A setting that differs between runs: its dotted key in the settings' JSON ("fine_tune.learning_rate") and
// its value in each run, in the runs' order ("" where a run's settings lack the key).
struct SettingDifference {
    std::string key;
    std::vector<std::string> values;
};

// The settings whose values differ between the runs, in key order. The model's own path and a split pinned
// beside it differ between any two runs and say nothing about how they were trained: left out.
std::vector<SettingDifference> settingDifferences(const std::vector<RunRecord>& runs);

}  // namespace tlw
