#include "core/models/backbone_loader.h"

#include <gtest/gtest.h>

#include "core/models/keras_weights_file.h"
#include "core/util/error.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

BackboneRequest offlineRequest(const test::TempDir& dir) {
    BackboneRequest request;
    request.kind = BackboneKind::SqueezeNet11;
    request.environment.kerasHome = dir / "keras";
    request.environment.appDataDir = dir / "data";
    request.download.allowed = false;
    return request;
}

TEST(PrepareBackbone, LoadsTheWeightsItFinds) {
    test::TempDir dir;
    BackboneRequest request = offlineRequest(dir);
    request.environment.weightsDir = dir / "weights";
    std::filesystem::create_directories(request.environment.weightsDir);
    writeRandomKerasWeightsFile(
        BackboneKind::SqueezeNet11, false, 1,
        request.environment.weightsDir / kerasWeightsFile(BackboneKind::SqueezeNet11, false).fileName);
    const PreparedBackbone prepared = prepareBackbone(request);
    EXPECT_TRUE(prepared.module->pretrained());
    EXPECT_FALSE(prepared.module->is_training());
    EXPECT_NE(prepared.weightsNote.find("ImageNet weights: " + (dir / "weights").string()),
              std::string::npos);
}

TEST(PrepareBackbone, WithoutWeightsThrowsOrFallsBackToRandomWhenAllowed) {
    test::TempDir dir;
    BackboneRequest request = offlineRequest(dir);
    EXPECT_THROW(prepareBackbone(request), Error);
    request.allowRandomInit = true;
    const PreparedBackbone prepared = prepareBackbone(request);
    EXPECT_FALSE(prepared.module->pretrained());
    EXPECT_EQ(prepared.weightsNote.rfind("not pretrained: ", 0), 0u) << prepared.weightsNote;
    EXPECT_NE(prepared.weightsNote.find("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5 not found"),
              std::string::npos)
        << prepared.weightsNote;
}

}  // namespace
}  // namespace tlw
