#include "core/io/weights_discovery.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

using test::TempDir;

const char* const kNotop = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";

WeightsEnvironment environmentIn(const TempDir& dir) {
    WeightsEnvironment environment;
    environment.weightsDir = dir / "env";
    environment.kerasHome = dir / "home" / ".keras";
    environment.appDataDir = dir / "data" / "tlworkbench" / "weights";
    return environment;
}

void touch(const std::filesystem::path& file) {
    std::filesystem::create_directories(file.parent_path());
    writeFileAtomically(file, "x");
}

TEST(WeightsDiscovery, SearchesEnvironmentThenKerasCacheThenAppData) {
    TempDir dir;
    const WeightsEnvironment environment = environmentIn(dir);
    EXPECT_EQ(weightsSearchFolders(environment),
              (std::vector<std::filesystem::path>{dir / "env", dir / "home" / ".keras" / "models",
                                                  dir / "data" / "tlworkbench" / "weights"}));

    touch(environment.appDataDir / kNotop);
    EXPECT_EQ(findBackboneWeights(BackboneKind::Vgg16, false, std::nullopt, environment).found,
              environment.appDataDir / kNotop);
    touch(environment.kerasModelsDir() / kNotop);
    EXPECT_EQ(findBackboneWeights(BackboneKind::Vgg16, false, std::nullopt, environment).found,
              environment.kerasModelsDir() / kNotop);
    touch(environment.weightsDir / kNotop);
    const WeightsSearch search = findBackboneWeights(BackboneKind::Vgg16, false, std::nullopt, environment);
    EXPECT_EQ(search.found, environment.weightsDir / kNotop);
    EXPECT_EQ(search.searched.size(), 1u);  // stops at the first match

    touch(dir / "mine.h5");
    EXPECT_EQ(findBackboneWeights(BackboneKind::Vgg16, false, dir / "mine.h5", environment).found,
              dir / "mine.h5");
}

TEST(WeightsDiscovery, LooksForTheFileOfTheAskedModel) {
    TempDir dir;
    const WeightsEnvironment environment = environmentIn(dir);
    touch(environment.kerasModelsDir() / kNotop);
    EXPECT_FALSE(findBackboneWeights(BackboneKind::Vgg16, true, std::nullopt, environment).found);
    EXPECT_FALSE(findBackboneWeights(BackboneKind::SqueezeNet11, false, std::nullopt, environment).found);
    touch(environment.kerasModelsDir() / "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
    EXPECT_TRUE(findBackboneWeights(BackboneKind::SqueezeNet11, false, std::nullopt, environment).found);
}

TEST(WeightsDiscovery, NotFoundSaysWhereItLookedAndWhatToDo) {
    TempDir dir;
    WeightsEnvironment environment = environmentIn(dir);
    environment.weightsDir.clear();  // unset: not searched
    const WeightsSearch search = findBackboneWeights(BackboneKind::Vgg16, false, std::nullopt, environment);
    ASSERT_FALSE(search.found);
    EXPECT_EQ(search.searched.size(), 2u);
    const std::string message = search.notFoundMessage();
    EXPECT_NE(message.find(kNotop), std::string::npos) << message;
    EXPECT_NE(message.find((dir / "home" / ".keras" / "models").string()), std::string::npos) << message;
    EXPECT_NE(message.find(environment.appDataDir.string()), std::string::npos) << message;
    EXPECT_NE(message.find("TLW_WEIGHTS_DIR"), std::string::npos) << message;
}

TEST(WeightsDiscovery, MissingExplicitFileIsAnError) {
    TempDir dir;
    touch(environmentIn(dir).kerasModelsDir() / kNotop);  // must not be used instead
    EXPECT_THROW(findBackboneWeights(BackboneKind::Vgg16, false, dir / "typo.h5", environmentIn(dir)), Error);
}

TEST(WeightsDiscovery, AnExplicitPipeIsNamedAsSuchNotAsMissing) {
    TempDir dir;
    ASSERT_EQ(::mkfifo((dir / "fifo.h5").c_str(), 0600), 0);
    try {
        findBackboneWeights(BackboneKind::Vgg16, false, dir / "fifo.h5", environmentIn(dir));
        ADD_FAILURE() << "a named pipe was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("a named pipe"), std::string::npos) << e.what();
    }
}

TEST(WeightsDiscovery, EnvironmentComesFromTheProcess) {
    const char* oldHome = std::getenv("HOME");
    const std::string savedHome = oldHome != nullptr ? oldHome : "";
    ::setenv("TLW_WEIGHTS_DIR", "/opt/weights", 1);
    ::setenv("KERAS_HOME", "/srv/keras", 1);
    ::setenv("XDG_DATA_HOME", "/home/u/data", 1);
    const WeightsEnvironment environment = WeightsEnvironment::fromProcess();
    EXPECT_EQ(environment.weightsDir, "/opt/weights");
    EXPECT_EQ(environment.kerasModelsDir(), "/srv/keras/models");
    EXPECT_EQ(environment.appDataDir, "/home/u/data/tlworkbench/weights");
    ::unsetenv("TLW_WEIGHTS_DIR");
    ::unsetenv("KERAS_HOME");
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("HOME", "/home/u", 1);
    const WeightsEnvironment defaults = WeightsEnvironment::fromProcess();
    EXPECT_TRUE(defaults.weightsDir.empty());
    EXPECT_EQ(defaults.kerasModelsDir(), "/home/u/.keras/models");
    EXPECT_EQ(defaults.appDataDir, "/home/u/.local/share/tlworkbench/weights");
    ::setenv("HOME", savedHome.c_str(), 1);
}

}  // namespace
}  // namespace tlw
