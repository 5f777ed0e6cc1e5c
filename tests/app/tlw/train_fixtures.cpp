#include "tests/app/tlw/train_fixtures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/app/tlw/tlw_runner.h"
#include "tests/support/shared_data.h"

namespace tlw::test {

std::filesystem::path tinyHymenoptera() { return sharedDataset("hymenoptera_tiny"); }

std::vector<std::string> quickTrainArguments(const std::filesystem::path& model,
                                             const std::vector<std::string>& extra) {
    // clang-format off
    std::vector<std::string> arguments{"train", tinyHymenoptera().string(),
                                       "--backbone", "squeezenet",
                                       "--image-size", "64",
                                       "--threads", "1",
                                       "--precision", "fp32",
                                       "--seed", "7",
                                       "--head-solver", "adam",
                                       "--out", model.string()};
    // clang-format on
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return arguments;
}

std::vector<std::pair<std::string, std::string>> trainingEnvironment(const std::filesystem::path& home) {
    return {{"HOME", home.string()}, {"TLW_WEIGHTS_DIR", (sharedDir() / "weights").string()},
            {"KERAS_HOME", ""},      {"XDG_DATA_HOME", ""},
            {"XDG_CACHE_HOME", ""},  {"TLW_CACHE_DIR", (home / "feature-cache").string()}};
}

std::string trainingEnvironmentText(const std::filesystem::path& home) {
    std::string text;
    for (const auto& [name, value] : trainingEnvironment(home)) text += name + "=" + shellQuoted(value) + " ";
    return text;
}

std::string readText(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    std::stringstream text;
    text << stream.rdbuf();
    return text.str();
}

std::vector<std::vector<std::string>> readSimpleCsv(const std::filesystem::path& file) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(readText(file));
    std::string line;
    while (std::getline(lines, line)) {
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1)
            cells.push_back(line.substr(start, comma - start));
        cells.push_back(line.substr(start));
        rows.push_back(cells);
    }
    return rows;
}

void expectSameHistory(const std::vector<HistoryRow>& a, const std::vector<HistoryRow>& b) {
    ASSERT_EQ(a.size(), b.size());
    ASSERT_FALSE(a.empty());
    const auto near = [](double x, double y) { return std::abs(x - y) <= 1e-5 * std::max(1.0, std::abs(y)); };
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].phase, b[i].phase) << "epoch " << i + 1;
        EXPECT_PRED2(near, a[i].loss, b[i].loss) << "epoch " << i + 1;
        EXPECT_PRED2(near, a[i].accuracy, b[i].accuracy) << "epoch " << i + 1;
        EXPECT_PRED2(near, a[i].valLoss, b[i].valLoss) << "epoch " << i + 1;
        EXPECT_PRED2(near, a[i].valAccuracy, b[i].valAccuracy) << "epoch " << i + 1;
    }
}

std::vector<HistoryRow> readHistoryCsv(const std::filesystem::path& model) {
    std::vector<HistoryRow> history;
    const auto rows = readSimpleCsv(std::filesystem::path(model).concat(".history.csv"));
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const std::vector<std::string>& cells = rows[i];
        if (cells.size() < 6) continue;
        history.push_back({std::stoi(cells[0]), std::stoi(cells[1]), std::stod(cells[2]), std::stod(cells[3]),
                           std::stod(cells[4]), std::stod(cells[5])});
    }
    return history;
}

namespace {

nlohmann::json historyJson(const std::filesystem::path& model) {
    const std::filesystem::path file = std::filesystem::path(model).concat(".history.json");
    if (!std::filesystem::exists(file)) return nlohmann::json();
    return nlohmann::json::parse(readText(file), nullptr, false);
}

}  // namespace

int epochsInHistoryJson(const std::filesystem::path& model) {
    const nlohmann::json history = historyJson(model);
    if (!history.is_object() || !history.contains("epochs")) return 0;
    return static_cast<int>(history["epochs"].size());
}

}  // namespace tlw::test
