#pragma once

// What the tlw train/resume/evaluate/predict tests share: a quick, real transfer-learning setting
// (SqueezeNet with the real ImageNet weights from ../shared, on hymenoptera_tiny at 64x64), an environment
// that keeps weight discovery and the feature cache inside the test's temp folder, and readers for the
// history files a run writes.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace tlw::test {

std::filesystem::path tinyHymenoptera();  // ../shared/datasets/hymenoptera_tiny (train/ 20, val/ 10)

// tlw train on hymenoptera_tiny with SqueezeNet at 64x64, the Adam head solver (these tests exercise
// epochs), one thread and a fixed seed, then `extra`. One thread: on a loaded machine (ctest -j, CI's 2
// cores) OpenMP's spinning workers can make a 0.2 s epoch take seconds, and one thread also keeps every
// run's arithmetic in the same order.
std::vector<std::string> quickTrainArguments(const std::filesystem::path& model,
                                             const std::vector<std::string>& extra);

// HOME, the feature cache and weight discovery inside home; only ../shared/weights is found.
std::vector<std::pair<std::string, std::string>> trainingEnvironment(const std::filesystem::path& home);
// The same as a prefix for a shell command line (runTlw).
std::string trainingEnvironmentText(const std::filesystem::path& home);

struct HistoryRow {
    int epoch = 0;
    int phase = 0;
    double loss = 0.0;
    double accuracy = 0.0;
    double valLoss = 0.0;
    double valAccuracy = 0.0;
};
// MODEL.history.csv as written by the engine (the columns tests compare; time columns left out).
std::vector<HistoryRow> readHistoryCsv(const std::filesystem::path& model);
// Two runs' histories epoch by epoch (phase exact, figures within 1e-5 relative): the same seed, settings and
// global batch give the same numbers up to float rounding, in one process or several.
void expectSameHistory(const std::vector<HistoryRow>& a, const std::vector<HistoryRow>& b);
// Epochs in MODEL.history.json, 0 while it does not exist yet. It is replaced atomically, so a reader
// never sees half a file.
int epochsInHistoryJson(const std::filesystem::path& model);

std::string readText(const std::filesystem::path& file);
// CSV rows split at commas (the files here have no quoted fields).
std::vector<std::vector<std::string>> readSimpleCsv(const std::filesystem::path& file);

}  // namespace tlw::test
