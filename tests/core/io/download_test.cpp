#include "core/io/download.h"

#include <gtest/gtest.h>

#include "core/io/weights_resolver.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

using test::TempDir;

// A published fact: MD5("The quick brown fox jumps over the lazy dog") = 9e107d9d372bb6826bd81d3542a419d6.
const char* const kFox = "The quick brown fox jumps over the lazy dog";
const char* const kFoxMd5 = "9e107d9d372bb6826bd81d3542a419d6";

std::string fileUrl(const std::filesystem::path& path) { return "file://" + path.string(); }

size_t entriesIn(const std::filesystem::path& folder) {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++count;
    return count;
}

TEST(Md5OfFile, MatchesTheKnownDigest) {
    TempDir dir;
    writeFileAtomically(dir / "fox.txt", kFox);
    EXPECT_EQ(md5OfFile(dir / "fox.txt"), kFoxMd5);
}

TEST(DownloadFile, CopiesVerifiesAndReportsProgress) {
    TempDir dir;
    writeFileAtomically(dir / "fox.txt", kFox);
    std::vector<DownloadProgress> reports;
    DownloadRequest request;
    request.url = fileUrl(dir / "fox.txt");
    request.md5 = kFoxMd5;
    request.destination = dir / "cache" / "models" / "fox.h5";
    request.progress = [&reports](const DownloadProgress& progress) { reports.push_back(progress); };
    downloadFile(request);
    EXPECT_EQ(readFileBytes(request.destination), kFox);
    ASSERT_FALSE(reports.empty());
    EXPECT_EQ(reports.back().bytesDone, 43);
    EXPECT_EQ(reports.back().bytesTotal, 43);
    EXPECT_EQ(entriesIn(dir / "cache" / "models"), 1u);
}

TEST(DownloadFile, ChecksumMismatchLeavesNothingBehind) {
    TempDir dir;
    writeFileAtomically(dir / "fox.txt", kFox);
    std::filesystem::create_directories(dir / "models");
    DownloadRequest request;
    request.url = fileUrl(dir / "fox.txt");
    request.md5 = "6d6bbae143d832006294945121d1f1fc";
    request.destination = dir / "models" / "vgg16.h5";
    try {
        downloadFile(request);
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("checksum mismatch"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(kFoxMd5), std::string::npos) << e.what();
    }
    EXPECT_EQ(entriesIn(dir / "models"), 0u);
}

TEST(DownloadFile, UnreachableHostIsAClearError) {
    TempDir dir;
    DownloadRequest request;
    request.url = "http://127.0.0.1:1/vgg16.h5";
    request.destination = dir / "vgg16.h5";
    try {
        downloadFile(request);
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), dir / "vgg16.h5");
        EXPECT_NE(std::string(e.what()).find("http://127.0.0.1:1/vgg16.h5"), std::string::npos) << e.what();
    }
    EXPECT_EQ(entriesIn(dir.path()), 0u);
}

TEST(DownloadFile, MissingSourceAndCancelAreErrors) {
    TempDir dir;
    DownloadRequest request;
    request.url = fileUrl(dir / "absent.h5");
    request.destination = dir / "out.h5";
    EXPECT_THROW(downloadFile(request), Error);

    writeFileAtomically(dir / "fox.txt", kFox);
    std::atomic<bool> cancel{true};
    request.url = fileUrl(dir / "fox.txt");
    request.cancel = &cancel;
    try {
        downloadFile(request);
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("cancelled"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "out.h5"));
}

WeightsEnvironment environmentIn(const TempDir& dir) {
    WeightsEnvironment environment;
    environment.kerasHome = dir / "keras";
    environment.appDataDir = dir / "appdata";
    return environment;
}

TEST(ResolveBackboneWeights, DownloadsIntoKerasCacheWhenNothingIsFound) {
    TempDir dir;
    // A stand-in served by file:// whose MD5 is the published one cannot be made; check the mechanics with
    // the real VGG16 name and expect exactly the checksum failure, then nothing saved in ~/.keras/models.
    writeFileAtomically(dir / "served.h5", kFox);
    WeightsDownloadOptions options;
    options.urlOverride = fileUrl(dir / "served.h5");
    try {
        resolveBackboneWeights(BackboneKind::Vgg16, false, std::nullopt, environmentIn(dir), options);
        FAIL() << "no exception";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("checksum mismatch"), std::string::npos) << message;
        EXPECT_NE(message.find("Put the file in"), std::string::npos) << message;
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "keras" / "models" /
                                         "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"));
}

TEST(ResolveBackboneWeights, FoundFilesNeedNoDownloadAndOfflineFailsClearly) {
    TempDir dir;
    const WeightsEnvironment environment = environmentIn(dir);
    WeightsDownloadOptions offline;
    offline.urlOverride = "http://127.0.0.1:1/vgg16.h5";
    try {
        resolveBackboneWeights(BackboneKind::Vgg16, false, std::nullopt, environment, offline);
        FAIL() << "no exception";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("download from http://127.0.0.1:1/vgg16.h5 failed"), std::string::npos)
            << message;
        EXPECT_NE(message.find((dir / "keras" / "models").string()), std::string::npos) << message;
    }
    offline.allowed = false;
    EXPECT_THROW(resolveBackboneWeights(BackboneKind::Vgg16, false, std::nullopt, environment, offline),
                 Error);
    // SqueezeNet has no official download: discovery only, and the message says so.
    try {
        resolveBackboneWeights(BackboneKind::SqueezeNet11, false, std::nullopt, environment);
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("no official download"), std::string::npos) << e.what();
    }

    std::filesystem::create_directories(environment.kerasModelsDir());
    writeFileAtomically(environment.kerasModelsDir() / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
                        "x");
    const WeightsResolution found =
        resolveBackboneWeights(BackboneKind::Vgg16, false, std::nullopt, environment, offline);
    EXPECT_FALSE(found.downloaded);
    EXPECT_EQ(found.file, environment.kerasModelsDir() / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5");
}

}  // namespace
}  // namespace tlw
