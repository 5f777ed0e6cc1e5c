#include "core/models/imagenet_classes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/util/error.h"

namespace tlw {
namespace {

TEST(ImageNetClasses, HasTheThousandIlsvrcClassesInOutputOrder) {
    EXPECT_EQ(imagenetClassName(0), "tench");
    EXPECT_EQ(imagenetClassDescription(2),
              "great white shark, white shark, man-eater, man-eating shark, Carcharodon carcharias");
    EXPECT_EQ(imagenetClassName(2), "great white shark");
    EXPECT_EQ(imagenetKerasLabel(2), "great_white_shark");
    EXPECT_EQ(imagenetClassName(386), "African elephant");
    EXPECT_EQ(imagenetClassName(999), "toilet tissue");
    std::set<std::string> descriptions;
    for (int i = 0; i < kImageNetClassCount; ++i) {
        EXPECT_FALSE(imagenetClassName(i).empty()) << i;
        descriptions.insert(imagenetClassDescription(i));
    }
    // Only "crane" (the bird, 134, and the machine, 517) repeats, as in ImageNet itself.
    EXPECT_EQ(descriptions.size(), 999u);
    EXPECT_EQ(imagenetClassDescription(134), "crane");
    EXPECT_EQ(imagenetClassDescription(517), "crane");
    EXPECT_THROW(imagenetClassName(1000), Error);
    EXPECT_THROW(imagenetClassName(-1), Error);
}

TEST(TopImageNetPredictions, SortsProbabilitiesAndNamesThem) {
    std::vector<float> scores(1000, 0.0f);
    scores[386] = 0.6f;
    scores[101] = 0.25f;
    scores[7] = 0.1f;
    scores[999] = 0.04f;
    scores[0] = 0.01f;
    const std::vector<ImageNetPrediction> top = topImageNetPredictions(scores);
    ASSERT_EQ(top.size(), 5u);
    EXPECT_EQ(top[0].classIndex, 386);
    EXPECT_EQ(top[0].name, "African elephant");
    EXPECT_DOUBLE_EQ(top[0].probability, 0.6f);
    EXPECT_EQ(top[1].classIndex, 101);
    EXPECT_EQ(top[2].classIndex, 7);
    EXPECT_EQ(top[3].classIndex, 999);
    EXPECT_EQ(top[4].classIndex, 0);
    EXPECT_EQ(topImageNetPredictions(scores, 1).size(), 1u);
}

TEST(TopImageNetPredictions, AppliesSoftmaxToLogits) {
    std::vector<float> logits(1000, 0.0f);
    logits[3] = 2.0f;
    logits[4] = 1.0f;
    const std::vector<ImageNetPrediction> top = topImageNetPredictions(logits, 2, ImageNetScores::Logits);
    const double denominator = std::exp(2.0) + std::exp(1.0) + 998.0;
    EXPECT_EQ(top[0].classIndex, 3);
    EXPECT_NEAR(top[0].probability, std::exp(2.0) / denominator, 1e-9);
    EXPECT_NEAR(top[1].probability, std::exp(1.0) / denominator, 1e-9);
    // Large logits do not overflow.
    logits[5] = 1000.0f;
    EXPECT_NEAR(topImageNetPredictions(logits, 1, ImageNetScores::Logits)[0].probability, 1.0, 1e-12);
}

TEST(TopImageNetPredictions, RejectsWrongInput) {
    EXPECT_THROW(topImageNetPredictions(std::vector<float>(999, 0.0f)), Error);
    EXPECT_THROW(topImageNetPredictions(std::vector<float>(1000, 0.0f), 0), Error);
    std::vector<float> withNan(1000, 0.0f);
    withNan[3] = std::nanf("");
    EXPECT_THROW(topImageNetPredictions(withNan), Error);
}

}  // namespace
}  // namespace tlw
