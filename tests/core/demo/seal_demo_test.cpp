#include "core/demo/seal_demo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <set>

#include "core/demo/font_locator.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

DemoOptions smallOptions() {
    DemoOptions options;
    options.classes = 2;
    options.perClass = 3;
    options.imageSize = 64;
    options.seed = 5;
    return options;
}

// Every file under dir, by relative path, with its bytes.
std::map<std::string, std::string> filesUnder(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            files[fs::relative(entry.path(), dir).string()] = readFileBytes(entry.path());
    return files;
}

std::vector<fs::path> imagesOf(const fs::path& classDir) {
    std::vector<fs::path> images;
    for (const auto& entry : fs::directory_iterator(classDir)) images.push_back(entry.path());
    std::sort(images.begin(), images.end());
    return images;
}

size_t entriesIn(const fs::path& dir) {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++count;
    return count;
}

TEST(SealDemo, SameSeedGivesByteIdenticalFilesWhateverTheThreads) {
    test::TempDir dir;
    DemoOptions options = smallOptions();
    options.threads = 1;
    generateSealDemo(dir / "a", options);
    options.threads = 3;
    generateSealDemo(dir / "b", options);
    const auto first = filesUnder(dir / "a"), second = filesUnder(dir / "b");
    EXPECT_EQ(first.size(), 2u * 3u + 2u);  // images, README.txt, marker
    EXPECT_TRUE(first == second);
}

TEST(SealDemo, DifferentSeedGivesDifferentImages) {
    test::TempDir dir;
    DemoOptions options = smallOptions();
    generateSealDemo(dir / "a", options);
    options.seed = 6;
    generateSealDemo(dir / "b", options);
    const auto first = filesUnder(dir / "a"), second = filesUnder(dir / "b");
    int differing = 0;
    for (const auto& [name, bytes] : first)
        if (name.size() > 4 && name.substr(name.size() - 4) == ".png") differing += second.at(name) != bytes;
    EXPECT_EQ(differing, 6);
}

TEST(SealDemo, WritesOneFolderPerClassWithItsImagesAndAReadme) {
    test::TempDir dir;
    DemoOptions options = smallOptions();
    options.classes = 5;
    options.perClass = 4;
    const DemoSummary summary = generateSealDemo(dir / "seals", options);

    EXPECT_EQ(summary.imageCount, 20);
    ASSERT_EQ(summary.classes.size(), 5u);
    std::set<std::string> names;
    for (const auto& info : summary.classes) {
        names.insert(info.name);
        EXPECT_EQ(info.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string::npos) << info.name;
        EXPECT_EQ(info.images, 4);
        EXPECT_TRUE(fs::is_regular_file(info.fontFile)) << info.fontFile;
        const auto images = imagesOf(dir / "seals" / info.name);
        ASSERT_EQ(images.size(), 4u);
        EXPECT_EQ(images.front().filename(), "001.png");
        EXPECT_EQ(images.back().filename(), "004.png");
    }
    EXPECT_EQ(names.size(), 5u);
    EXPECT_EQ(entriesIn(dir / "seals"), 5u + 2u);
    const std::string readme = readFileBytes(dir / "seals" / "README.txt");
    for (const auto& info : summary.classes) {
        EXPECT_NE(readme.find(info.name), std::string::npos);
        EXPECT_NE(readme.find(info.chineseName), std::string::npos);
    }
    EXPECT_NE(readme.find("--seed 5"), std::string::npos);
    EXPECT_TRUE(isDemoSet(dir / "seals"));
    EXPECT_EQ(entriesIn(dir.path()), 1u) << "no staging folder may be left beside the set";
}

TEST(SealDemo, ImagesAre8BitRgbOfTheRequestedSize) {
    test::TempDir dir;
    DemoOptions options = smallOptions();
    options.imageSize = 72;
    const DemoSummary summary = generateSealDemo(dir.path(), options);
    for (const auto& info : summary.classes) {
        for (const auto& file : imagesOf(dir / info.name)) {
            const cv::Mat image = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
            EXPECT_EQ(image.type(), CV_8UC3) << file;
            EXPECT_EQ(image.cols, 72);
            EXPECT_EQ(image.rows, 72);
        }
    }
}

TEST(SealDemo, NoFontInstalledIsAnErrorNamingTheDebianPackages) {
    test::TempDir fonts, out;
    writeFileAtomically(fonts / "not-a-font.txt", "x");
    DemoOptions options = smallOptions();
    options.fontDirs = {fonts.path()};
    try {
        generateSealDemo(out / "seals", options);
        FAIL() << "expected tlw::Error";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("no Chinese font"), std::string::npos) << message;
        EXPECT_NE(message.find(fonts.path().string()), std::string::npos) << message;
        for (const auto& package : demoFontPackages())
            EXPECT_NE(message.find(package), std::string::npos) << message;
    }
    EXPECT_FALSE(fs::exists(out / "seals"));
    EXPECT_EQ(entriesIn(out.path()), 0u);
}

TEST(SealDemo, MissingStyleFontFallsBackToAnInstalledOneWithAWarning) {
    const auto microHei = FontLocator(defaultFontDirs()).find("wqy-microhei.ttc");
    ASSERT_TRUE(microHei) << "fonts-wqy-microhei is in packaging/debian-build-deps.txt";
    test::TempDir fonts, out;
    fs::create_symlink(*microHei, fonts / "wqy-microhei.ttc");
    DemoOptions options = smallOptions();
    options.classes = 4;
    options.fontDirs = {fonts.path()};
    const DemoSummary summary = generateSealDemo(out.path(), options);
    ASSERT_EQ(summary.classes.size(), 4u);
    for (const auto& info : summary.classes) {
        EXPECT_EQ(info.fontFile, fonts / "wqy-microhei.ttc");
        EXPECT_TRUE(info.fontFallback) << info.name;  // the first four styles use the other three fonts
    }
    ASSERT_EQ(summary.warnings.size(), 4u);
    EXPECT_NE(summary.warnings[0].find("fonts-arphic-ukai"), std::string::npos) << summary.warnings[0];
    EXPECT_EQ(imagesOf(out / summary.classes[0].name).size(), 3u);
}

TEST(SealDemo, RefusesAFolderThatHoldsSomethingElseAndTouchesNothing) {
    test::TempDir dir;
    writeFileAtomically(dir / "thesis.docx", "precious");
    EXPECT_THROW(generateSealDemo(dir.path(), smallOptions()), Error);
    EXPECT_EQ(readFileBytes(dir / "thesis.docx"), "precious");
    EXPECT_EQ(entriesIn(dir.path()), 1u);
    EXPECT_THROW(generateSealDemo(dir / "thesis.docx", smallOptions()), Error);
}

TEST(SealDemo, ReplacesAPreviousDemoSetAsAWhole) {
    test::TempDir parent;
    const fs::path dir = parent / "seals";
    DemoOptions options = smallOptions();
    options.classes = 3;
    generateSealDemo(dir, options);
    options.classes = 2;
    options.seed = 77;
    generateSealDemo(dir, options);
    EXPECT_TRUE(isDemoSet(dir));
    EXPECT_EQ(entriesIn(dir), 2u + 2u) << "the third class of the old set is gone";
    EXPECT_NE(readFileBytes(dir / "README.txt").find("--seed 77"), std::string::npos);
    EXPECT_EQ(entriesIn(parent.path()), 1u) << "no old or staging folder left beside it";
}

TEST(SealDemo, RefusesToReplaceADemoSetHoldingAUsersFile) {
    test::TempDir dir;
    const DemoSummary summary = generateSealDemo(dir.path(), smallOptions());
    const fs::path added = dir / summary.classes[0].name / "my_own_seal.jpg";
    writeFileAtomically(added, "mine");
    try {
        generateSealDemo(dir.path(), smallOptions());
        FAIL() << "expected tlw::Error";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), added);
    }
    EXPECT_EQ(readFileBytes(added), "mine");
}

TEST(SealDemo, RejectsOptionsOutOfRange) {
    test::TempDir dir;
    const auto withOption = [](auto change) {
        DemoOptions options = smallOptions();
        change(options);
        return options;
    };
    EXPECT_THROW(generateSealDemo(dir.path(), withOption([](DemoOptions& o) { o.classes = 1; })), Error);
    EXPECT_THROW(
        generateSealDemo(dir.path(), withOption([](DemoOptions& o) { o.classes = demoStyleCount() + 1; })),
        Error);
    EXPECT_THROW(generateSealDemo(dir.path(), withOption([](DemoOptions& o) { o.perClass = 0; })), Error);
    EXPECT_THROW(generateSealDemo(dir.path(), withOption([](DemoOptions& o) { o.imageSize = 16; })), Error);
    EXPECT_EQ(entriesIn(dir.path()), 0u);
}

TEST(SealDemo, CancellingLeavesNothingBehind) {
    test::TempDir parent;
    DemoOptions options = smallOptions();
    options.perClass = 20;
    int calls = 0;
    EXPECT_THROW(generateSealDemo(parent / "seals", options,
                                  [&](int done, int total) {
                                      EXPECT_EQ(total, 40);
                                      EXPECT_LE(done, total);
                                      return ++calls < 2;
                                  }),
                 Error);
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(entriesIn(parent.path()), 0u);
}

TEST(SealDemo, IncompleteSetIsNotADemoSet) {
    test::TempDir dir;
    const DemoSummary summary = generateSealDemo(dir.path(), smallOptions());
    EXPECT_TRUE(isDemoSet(dir.path()));
    fs::remove(imagesOf(dir / summary.classes[1].name).back());
    EXPECT_FALSE(isDemoSet(dir.path()));
    EXPECT_FALSE(isDemoSet(dir / "nowhere"));
}

TEST(SealDemo, DefaultFolderIsUnderXdgDataHome) {
    const char* old = std::getenv("XDG_DATA_HOME");
    const std::string saved = old ? old : "";
    ::setenv("XDG_DATA_HOME", "/srv/data", 1);
    EXPECT_EQ(defaultDemoDir(), fs::path("/srv/data/tlworkbench/demo-seals"));
    if (old)
        ::setenv("XDG_DATA_HOME", saved.c_str(), 1);
    else
        ::unsetenv("XDG_DATA_HOME");
}

// Per-image statistics a classifier could pick up: how much of the seal's bounding box is red ink
// (a baiwen seal is a red block, a zhuwen one red lines), and how busy the image's edges are.
struct ImageStatistics {
    double redFill = 0;
    double edgeShare = 0;
};

ImageStatistics statisticsOf(const fs::path& file) {
    const cv::Mat image = cv::imread(file.string(), cv::IMREAD_COLOR);
    cv::Mat channels[3];
    cv::split(image, channels);
    cv::Mat red;
    cv::Mat redness;
    cv::subtract(channels[2], channels[1], redness, cv::noArray(), CV_16S);
    red = redness > 60;
    cv::Mat gray, edges;
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
    cv::Canny(gray, edges, 60, 150);
    std::vector<cv::Point> redPoints;
    cv::findNonZero(red, redPoints);
    const double box = redPoints.empty() ? 1.0 : cv::boundingRect(redPoints).area();
    return {redPoints.size() / box, cv::countNonZero(edges) / static_cast<double>(image.total())};
}

struct Spread {
    double mean = 0, deviation = 0;
};

Spread spreadOf(const std::vector<double>& values) {
    Spread spread;
    for (const double v : values) spread.mean += v / values.size();
    for (const double v : values) spread.deviation += (v - spread.mean) * (v - spread.mean) / values.size();
    spread.deviation = std::sqrt(spread.deviation);
    return spread;
}

TEST(SealDemo, ClassesDifferMeasurablyWhileImagesWithinAClassVary) {
    test::TempDir dir;
    DemoOptions options;
    options.classes = 4;
    options.perClass = 12;
    options.imageSize = 96;
    const DemoSummary summary = generateSealDemo(dir.path(), options);

    std::vector<Spread> redFill, edges;
    for (const auto& info : summary.classes) {
        std::vector<double> redFills, edgeShares;
        std::set<std::string> distinct;
        for (const auto& file : imagesOf(dir / info.name)) {
            const ImageStatistics statistics = statisticsOf(file);
            redFills.push_back(statistics.redFill);
            edgeShares.push_back(statistics.edgeShare);
            distinct.insert(readFileBytes(file));
        }
        EXPECT_EQ(distinct.size(), 12u) << info.name;
        redFill.push_back(spreadOf(redFills));
        edges.push_back(spreadOf(edgeShares));
        std::cout << info.name << ": red fill " << redFill.back().mean << " +- " << redFill.back().deviation
                  << ", edges " << edges.back().mean << " +- " << edges.back().deviation << '\n';
        EXPECT_GT(redFill.back().deviation, 0.01) << info.name << ": within-class variation must be real";
        EXPECT_GT(edges.back().deviation, 0.002) << info.name;
    }
    const auto clearlyApart = [](const Spread& a, const Spread& b) {
        return std::abs(a.mean - b.mean) > 2 * std::max(a.deviation, b.deviation);
    };
    // Classes 0 and 1 are baiwen (red blocks), 2 and 3 zhuwen (red lines on paper): far more red ink.
    for (const int baiwen : {0, 1})
        for (const int zhuwen : {2, 3}) {
            EXPECT_GT(redFill[baiwen].mean, redFill[zhuwen].mean) << baiwen << " vs " << zhuwen;
            EXPECT_TRUE(clearlyApart(redFill[baiwen], redFill[zhuwen])) << baiwen << " vs " << zhuwen;
        }
    // A two-character oval has far fewer edges than a four-character seal in a double frame.
    EXPECT_TRUE(clearlyApart(edges[2], edges[3]));
}

}  // namespace
}  // namespace tlw
