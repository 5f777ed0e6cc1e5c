// tlw triage on a SqueezeNet trained here (hymenoptera_tiny, 64x64) over hymenoptera_data/val, and on one
// trained on the demo seals over the demo folder: the CSV sorted by probability, copies or links per answer
// with unknown/, the originals untouched (every file's content hash before and after).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "tests/app/tlw/npy_file.h"
#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/app/tlw/trained_tiny_model_test.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::TlwRun;

using test::contains;

// Every file under the folder with a hash and the size of its bytes.
std::map<fs::path, std::pair<std::size_t, std::size_t>> contentHashes(const fs::path& folder) {
    std::map<fs::path, std::pair<std::size_t, std::size_t>> hashes;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        const std::string bytes = test::readText(entry.path());
        hashes[entry.path()] = {std::hash<std::string>{}(bytes), bytes.size()};
    }
    return hashes;
}

double number(const std::string& text) { return std::stod(text); }

// The CSV's column of that header.
std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    const auto found = std::find(header.begin(), header.end(), name);
    EXPECT_NE(found, header.end()) << name;
    return static_cast<std::size_t>(found - header.begin());
}

// The largest class probability of each data row, in the CSV's order, and the class that has it.
std::vector<std::pair<double, std::size_t>> topProbabilities(
    const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::pair<double, std::size_t>> tops;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        std::pair<double, std::size_t> top{-1.0, 0};
        for (std::size_t c = 0, k = 0; c < rows[0].size(); ++c)
            if (rows[0][c].rfind("p_", 0) == 0) top = std::max(top, {number(rows[r][c]), k++});
        tops.push_back(top);
    }
    return tops;
}

// Per class, the median top probability of the images it wins: thresholds that half of each class's
// answers pass and half do not.
std::string halfwayThresholds(const std::vector<std::pair<double, std::size_t>>& tops, std::size_t classes) {
    std::string list;
    for (std::size_t c = 0; c < classes; ++c) {
        std::vector<double> won;
        for (const auto& [probability, winner] : tops)
            if (winner == c) won.push_back(probability);
        std::sort(won.begin(), won.end());
        list +=
            (c == 0 ? "" : ",") + (won.empty() ? std::string("0.5") : std::to_string(won[won.size() / 2]));
    }
    return list;
}

class TlwTriageTest : public test::TrainedTinyModelTest {};

TEST_F(TlwTriageTest, SortsHymenopteraValIntoAFolderPerAnswerWithUnknownAndLeavesTheOriginals) {
    const fs::path val = test::sharedDataset("hymenoptera_data") / "val";
    TLW_REQUIRE_SHARED(val);
    const auto before = contentHashes(val);

    // First the ranking alone; then thresholds halfway through its probabilities, so that both answers
    // and unknown/ get images.
    const TlwRun ranked =
        tlw({"triage", model().string(), val.string(), "--csv", (m_out / "a.csv").string()});
    ASSERT_EQ(ranked.exitCode, 0) << ranked.err;
    const auto rows = test::readCsv(m_out / "a.csv");
    ASSERT_EQ(rows.size(), before.size() + 1);
    EXPECT_EQ(rows[0],
              (std::vector<std::string>{"rank", "file", "answer", "p_ants", "p_bees", "placed_at", "error"}));
    const auto tops = topProbabilities(rows);
    for (std::size_t i = 0; i + 1 < tops.size(); ++i) EXPECT_GE(tops[i].first, tops[i + 1].first) << i;
    EXPECT_EQ(rows[1][0], "1");
    EXPECT_TRUE(contains(ranked.out, "Surest answers:\n   1. ")) << ranked.out;

    const fs::path strict = m_out / "strict.tlwm";
    fs::copy_file(model(), strict);
    const TlwRun saved = tlw({"predict", strict.string(), rows[1][1], "--class-thresholds",
                              halfwayThresholds(tops, 2), "--save-thresholds"});
    ASSERT_EQ(saved.exitCode, 0) << saved.err;
    EXPECT_TRUE(contains(saved.err, "unknown below per class: ants ")) << saved.err;

    const fs::path out = m_out / "sorted";
    const TlwRun sortedRun = tlw({"triage", strict.string(), val.string(), "--csv",
                                  (m_out / "b.csv").string(), "--copy-to", out.string()});
    ASSERT_EQ(sortedRun.exitCode, 0) << sortedRun.err;
    EXPECT_EQ(contentHashes(val), before);
    // A folder per answer given, unknown/ among them, and nothing else.
    const auto sortedRows = test::readCsv(m_out / "b.csv");
    const std::size_t answer = column(sortedRows[0], "answer"), placed = column(sortedRows[0], "placed_at");
    std::set<std::string> answers, folders;
    for (std::size_t r = 1; r < sortedRows.size(); ++r) answers.insert(sortedRows[r][answer]);
    for (const auto& entry : fs::directory_iterator(out)) folders.insert(entry.path().filename().string());
    EXPECT_EQ(folders, answers);
    EXPECT_EQ(folders.count("unknown"), 1u);
    EXPECT_GE(folders.size(), 2u);
    for (const std::string& folder : folders)
        EXPECT_TRUE(folder == "ants" || folder == "bees" || folder == "unknown");
    std::size_t copies = 0;
    for (std::size_t r = 1; r < sortedRows.size(); ++r) {
        const fs::path copy = sortedRows[r][placed];
        EXPECT_EQ(copy.parent_path(), out / sortedRows[r][answer]);
        EXPECT_EQ(test::readText(copy), test::readText(sortedRows[r][1]));
        copies += fs::is_regular_file(copy) && !fs::is_symlink(copy);
    }
    EXPECT_EQ(copies, before.size());

    // Again into the same folder: every name is taken, nothing is replaced, each copy gets a suffix.
    const auto firstCopies = contentHashes(out);
    const TlwRun again = tlw({"triage", strict.string(), val.string(), "--csv", (m_out / "b.csv").string(),
                              "--copy-to", out.string()});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_EQ(again.err, "tlw: error: " + (m_out / "b.csv").string() + ": exists; --overwrite replaces it\n");
    const TlwRun twice = tlw({"triage", strict.string(), val.string(), "--csv", (m_out / "b.csv").string(),
                              "--overwrite", "--copy-to", out.string()});
    ASSERT_EQ(twice.exitCode, 0) << twice.err;
    for (const auto& [file, hash] : firstCopies) EXPECT_EQ(contentHashes(out).at(file), hash) << file;
    EXPECT_EQ(contentHashes(out).size(), 2 * before.size());
    EXPECT_TRUE(contains(twice.err, "tlw: name taken, so ")) << twice.err;
    EXPECT_EQ(contentHashes(val), before);
}

TEST_F(TlwTriageTest, RanksTheDemoSealsByOneClassWithLinksInRankOrder) {
    const fs::path demo = m_out / "demo";
    const TlwRun made =
        tlw({"make-demo", demo.string(), "--per-class", "6", "--image-size", "64", "--seed", "3"});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    const fs::path seals = m_out / "seals.tlwm";
    std::vector<std::string> train = test::quickTrainArguments(seals, {"--epochs", "1"});
    train[1] = demo.string();
    const TlwRun trained = tlw(train);
    ASSERT_EQ(trained.exitCode, 0) << trained.err;
    test::writeBytes(demo / "broken.png", "not an image");
    const auto before = contentHashes(demo);

    std::vector<std::string> classes;
    for (const auto& entry : fs::directory_iterator(demo))
        if (entry.is_directory()) classes.push_back(entry.path().filename().string());
    std::sort(classes.begin(), classes.end());
    ASSERT_EQ(classes.size(), 4u);
    const fs::path links = m_out / "links";
    const TlwRun run = tlw({"triage", seals.string(), demo.string(), "--class", classes[2], "--csv",
                            (m_out / "seals.csv").string(), "--link-to", links.string()});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.err, "broken.png")) << run.err;  // listed with its reason, not fatal
    EXPECT_EQ(contentHashes(demo), before);
    const auto rows = test::readCsv(m_out / "seals.csv");
    ASSERT_EQ(rows.size(), 4u * 6u + 2u);
    const std::size_t p = column(rows[0], "p_" + classes[2]), placed = column(rows[0], "placed_at");
    for (std::size_t r = 1; r + 2 < rows.size(); ++r) {
        EXPECT_GE(number(rows[r][p]), number(rows[r + 1][p]));
        EXPECT_TRUE(fs::is_symlink(rows[r][placed])) << rows[r][placed];
        char prefix[32];
        std::snprintf(prefix, sizeof prefix, "%04zu_", r);
        EXPECT_EQ(fs::path(rows[r][placed]).filename().string(),
                  prefix + fs::path(rows[r][1]).filename().string());
    }
    EXPECT_EQ(rows.back()[0], "");
    EXPECT_NE(rows.back().back(), "");
}

TEST_F(TlwTriageTest, BadArgumentsAreClearErrors) {
    const fs::path val = test::tinyHymenoptera() / "val";
    const TlwRun wrongClass = tlw(
        {"triage", model().string(), val.string(), "--class", "wasps", "--csv", (m_out / "x.csv").string()});
    EXPECT_EQ(wrongClass.exitCode, 1);
    EXPECT_EQ(wrongClass.err, "tlw: error: the model has no class 'wasps'; its classes: ants, bees\n");
    const TlwRun both = tlw({"triage", model().string(), val.string(), "--csv", (m_out / "x.csv").string(),
                             "--copy-to", "a", "--link-to", "b"});
    EXPECT_EQ(both.exitCode, 1);
    EXPECT_TRUE(contains(both.err, "--copy-to and --link-to exclude each other")) << both.err;
    EXPECT_FALSE(fs::exists(m_out / "x.csv"));
}

}  // namespace
}  // namespace tlw
