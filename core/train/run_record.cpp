#include "core/train/run_record.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/models/backbone.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/utc_time.h"

namespace tlw {
namespace {

using nlohmann::json;

constexpr const char* kRecordSuffix = ".run.json";
constexpr std::uint64_t kMaxRecordBytes = 4u << 20;  // a record is a few KiB; anything larger is not one

json optionalJson(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

std::optional<double> optionalFrom(const json& in, const char* key) {
    if (!in.contains(key) || in.at(key).is_null()) return std::nullopt;
    return in.at(key).get<double>();
}

json figuresJson(const RunFigures& figures) {
    return {{"loss", optionalJson(figures.loss)},
            {"accuracy", optionalJson(figures.accuracy)},
            {"val_loss", optionalJson(figures.valLoss)},
            {"val_accuracy", optionalJson(figures.valAccuracy)}};
}

RunFigures figuresFrom(const json& in) {
    return {optionalFrom(in, "loss"), optionalFrom(in, "accuracy"), optionalFrom(in, "val_loss"),
            optionalFrom(in, "val_accuracy")};
}

bool endsWith(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// MODEL.run.json -> MODEL, in the record's folder: a run's files travel together, so the model is the one
// beside the record even after the folder was moved.
std::filesystem::path modelBeside(const std::filesystem::path& recordFile) {
    const std::string name = recordFile.filename().u8string();
    return recordFile.parent_path() /
           std::filesystem::u8path(name.substr(0, name.size() - std::strlen(kRecordSuffix)));
}

// {"a": {"b": 1}, "c": [1, 2]} -> a.b = "1", c = "[1,2]"; strings as they are.
void flatten(const json& value, const std::string& key, std::map<std::string, std::string>& into) {
    if (value.is_object()) {
        for (const auto& item : value.items())
            flatten(item.value(), key.empty() ? item.key() : key + "." + item.key(), into);
        return;
    }
    into[key] = value.is_string() ? value.get<std::string>() : value.dump();
}

std::map<std::string, std::string> flatSettings(const RunRecord& run) {
    std::map<std::string, std::string> settings;
    const json parsed = json::parse(run.settingsJson, nullptr, false);
    if (parsed.is_discarded()) return settings;
    flatten(parsed, "", settings);
    // The model's own path and the split pinned beside it name the run, not how it was trained.
    const auto model = settings.find("output_model");
    if (model != settings.end()) {
        const auto manifest = settings.find("manifest");
        if (manifest != settings.end() && manifest->second == model->second + ".split.json")
            settings.erase(manifest);
        settings.erase(model);
    }
    return settings;
}

}  // namespace

std::filesystem::path runRecordPathFor(const std::filesystem::path& model) {
    return std::filesystem::path(model).concat(kRecordSuffix);
}

RunRecord makeRunRecord(const TrainingConfig& config, const TrainingHistory& history, std::string startedAt,
                        double wallSeconds, bool stopped) {
    RunRecord record;
    record.recordFile = runRecordPathFor(config.outputModel);
    record.modelFile = config.outputModel;
    record.dataDir = config.dataDir;
    record.backbone = backboneId(config.backbone);
    record.startedAt = std::move(startedAt);
    record.finishedAt = utcNow();
    record.wallSeconds = wallSeconds;
    record.settingsJson = trainingConfigToJson(config);
    record.epochsRun = history.epochs.empty() ? 0 : history.epochs.back().epoch;
    record.keptEpoch = history.keptEpoch;
    if (const EpochMetrics* kept = history.kept())
        record.kept = {kept->loss, kept->accuracy, kept->valLoss, kept->valAccuracy};
    record.stopped = stopped;
    record.historyFile = historyJsonPathFor(config.outputModel).filename().u8string();
    return record;
}

std::string runRecordToJson(const RunRecord& record) {
    json out;
    out["format"] = "tlw-run-1";
    out["model"] = record.modelFile.u8string();
    out["data_dir"] = record.dataDir.u8string();
    out["backbone"] = record.backbone;
    out["started_at"] = record.startedAt;
    out["finished_at"] = record.finishedAt;
    out["wall_seconds"] = record.wallSeconds;
    out["epochs_run"] = record.epochsRun;
    out["kept_epoch"] = record.keptEpoch;
    out["kept"] = figuresJson(record.kept);
    out["stopped"] = record.stopped;
    out["history_file"] = record.historyFile;
    out["settings"] = json::parse(record.settingsJson);
    return out.dump(2);
}

RunRecord runRecordFromJson(const std::string& text, const std::filesystem::path& file) {
    RunRecord record;
    record.recordFile = file;
    try {
        const json in = json::parse(text);
        if (!in.is_object() || in.value("format", std::string()) != "tlw-run-1")
            throw Error(file, "not a run record (no \"format\": \"tlw-run-1\")");
        record.modelFile = std::filesystem::u8path(in.at("model").get<std::string>());
        record.dataDir = std::filesystem::u8path(in.at("data_dir").get<std::string>());
        record.backbone = in.at("backbone").get<std::string>();
        record.startedAt = in.at("started_at").get<std::string>();
        record.finishedAt = in.at("finished_at").get<std::string>();
        record.wallSeconds = in.at("wall_seconds").get<double>();
        record.epochsRun = in.at("epochs_run").get<int>();
        record.keptEpoch = in.at("kept_epoch").get<int>();
        record.kept = figuresFrom(in.at("kept"));
        record.stopped = in.at("stopped").get<bool>();
        record.historyFile = in.at("history_file").get<std::string>();
        if (!in.at("settings").is_object())
            throw Error(file, "damaged run record: \"settings\" is not an object");
        record.settingsJson = in.at("settings").dump(2);
    } catch (const json::exception& e) {
        throw Error(file, std::string("damaged run record: ") + e.what());
    }
    if (endsWith(file.filename().u8string(), kRecordSuffix)) record.modelFile = modelBeside(file);
    return record;
}

void writeRunRecord(const RunRecord& record) {
    writeFileAtomically(runRecordPathFor(record.modelFile), runRecordToJson(record));
}

RunRecord readRunRecord(const std::filesystem::path& file) {
    return runRecordFromJson(readFileBytes(file, kMaxRecordBytes), file);
}

TrainingHistory readRunHistory(const RunRecord& record) {
    const std::filesystem::path file =
        record.recordFile.parent_path() / std::filesystem::u8path(record.historyFile);
    try {
        return historyFromJson(readFileBytes(file));
    } catch (const Error& error) {
        if (!error.file().empty()) throw;
        throw Error(file, error.reason());
    }
}

// The times are whole seconds: two short runs can finish within the same one, and then the model written
// last is the newer (a missing file counts as the oldest). Each model file is looked at once, before the
// sort: a file written while the comparator asked again would make the order inconsistent, which std::sort
// must never see.
void sortNewestFirst(std::vector<RunRecord>& runs) {
    struct Keyed {
        RunRecord run;
        std::filesystem::file_time_type written;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(runs.size());
    for (RunRecord& run : runs) {
        std::error_code error;
        const auto time = std::filesystem::last_write_time(run.modelFile, error);
        keyed.push_back({std::move(run), error ? std::filesystem::file_time_type::min() : time});
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        if (a.run.finishedAt != b.run.finishedAt) return a.run.finishedAt > b.run.finishedAt;
        if (a.run.startedAt != b.run.startedAt) return a.run.startedAt > b.run.startedAt;
        if (a.written != b.written) return a.written > b.written;
        return a.run.modelFile < b.run.modelFile;
    });
    for (size_t i = 0; i < runs.size(); ++i) runs[i] = std::move(keyed[i].run);
}

RunListing listRuns(const std::vector<std::filesystem::path>& folders) {
    RunListing listing;
    std::set<std::filesystem::path> seen;
    for (const std::filesystem::path& folder : folders) {
        std::error_code error;
        for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end;
             it.increment(error)) {
            const std::filesystem::path file = it->path();
            if (!endsWith(file.filename().u8string(), kRecordSuffix)) continue;
            std::error_code canonicalError;
            const std::filesystem::path canonical = std::filesystem::weakly_canonical(file, canonicalError);
            if (!seen.insert(canonicalError ? file : canonical).second) continue;
            try {
                listing.runs.push_back(readRunRecord(file));
            } catch (const Error& damaged) {
                listing.notes.push_back(std::string(damaged.what()) + " (skipped)");
            }
        }
    }
    sortNewestFirst(listing.runs);
    return listing;
}

RunListing listRuns(const std::filesystem::path& folder) { return listRuns(std::vector{folder}); }

std::filesystem::path defaultModelsFolder() {
    const char* dataHome = std::getenv("XDG_DATA_HOME");
    if (dataHome != nullptr && *dataHome != '\0')
        return std::filesystem::path(dataHome) / "tlworkbench" / "models";
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') return {};
    return std::filesystem::path(home) / ".local" / "share" / "tlworkbench" / "models";
}

std::vector<SettingDifference> settingDifferences(const std::vector<RunRecord>& runs) {
    std::vector<std::map<std::string, std::string>> settings;
    std::set<std::string> keys;
    for (const RunRecord& run : runs) {
        settings.push_back(flatSettings(run));
        for (const auto& [key, value] : settings.back()) keys.insert(key);
    }
    std::vector<SettingDifference> differences;
    for (const std::string& key : keys) {
        SettingDifference row{key, {}};
        for (const auto& one : settings) {
            const auto found = one.find(key);
            row.values.push_back(found == one.end() ? std::string() : found->second);
        }
        const bool allEqual =
            std::all_of(row.values.begin(), row.values.end(),
                        [&](const std::string& value) { return value == row.values.front(); });
        if (!allEqual) differences.push_back(std::move(row));
    }
    return differences;
}

}  // namespace tlw
