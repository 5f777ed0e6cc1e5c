// The Predict page's insight: where the model looks (a Grad-CAM overlay on every card, with a colour bar,
// remembered across a restart) and which training images each image looks like.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QDir>
#include <QTest>
#include <QToolButton>
#include <algorithm>

#include "core/train/training_session.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"
#include "tests/ui/training_fixture.h"
#include "ui/controllers/prediction_controller.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/pages/predict_page.h"
#include "ui/widgets/colour_bar.h"
#include "ui/widgets/prediction_card.h"
#include "ui/widgets/similar_strip.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

constexpr char kSqueezeNetWeights[] = "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5";

class PredictionInsightTest : public test::WorkbenchTest {
protected:
    PredictPage* page() { return workbench().window().predictPage(); }
    bool openModel(const std::filesystem::path& model) {
        makeWorkbench();
        if (model.empty()) return false;
        emit workbench().window().openModelRequested(qpath(model));
        return waitUntil([this] { return workbench().trainedModels().hasModel(); });
    }
    bool predict(const QStringList& images) {
        emit workbench().window().predictionRequested(images);
        return waitUntil(
            [&] { return !workbench().prediction().isBusy() && page()->predictionCount() == images.size(); });
    }
    static QString valImage(const char* classFolder, const char* file) {
        return qpath(tlw::test::sharedDataset("hymenoptera_tiny") / "val" / classFolder / file);
    }
    QStringList twoImages() const {
        return {valImage("bees", "1032546534_06907fe3b3.jpg"), firstImageIn("ants")};
    }
    static QString firstImageIn(const char* classFolder) {
        const QDir folder(valImage(classFolder, ""));
        return folder.filePath(folder.entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name).value(0));
    }
    bool allCardsShowTheirMap() {
        return waitUntil([this] {
            const QList<PredictionCard*> cards = page()->cards();
            return !cards.isEmpty() && std::all_of(cards.begin(), cards.end(), [](PredictionCard* card) {
                return card->isShowingHeatMap();
            });
        });
    }
};

TEST_F(PredictionInsightTest, TheToggleDrawsEachTopClassMapWithAColourBarAndIsRememberedAcrossARestart) {
    if (!openModel(test::tinyTrainedModel())) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(predict(twoImages()));
    PredictionCard* card = page()->cards().front();
    const QImage plain = card->thumbnailImage();
    ASSERT_FALSE(plain.isNull());
    EXPECT_FALSE(page()->gradCamToggle()->isChecked());
    EXPECT_TRUE(page()->colourBar()->isHidden());

    QTest::mouseClick(page()->gradCamToggle(), Qt::LeftButton);
    ASSERT_TRUE(page()->gradCamToggle()->isChecked());
    EXPECT_FALSE(page()->colourBar()->isHidden());
    ASSERT_TRUE(allCardsShowTheirMap());
    for (PredictionCard* each : page()->cards())
        EXPECT_EQ(each->heatMapClass(), each->topClassIndex()) << each->result().imagePath.toStdString();
    EXPECT_NE(card->thumbnailImage(), plain);

    page()->gradCamToggle()->setChecked(false);
    EXPECT_EQ(card->thumbnailImage(), plain);
    EXPECT_TRUE(page()->colourBar()->isHidden());
    page()->gradCamToggle()->setChecked(true);
    EXPECT_TRUE(card->isShowingHeatMap());  // the map was kept

    // A restart: the page starts with the overlay on, and new cards get their map.
    m_workbench.reset();
    ASSERT_TRUE(openModel(test::tinyTrainedModel()));
    EXPECT_TRUE(page()->gradCamToggle()->isChecked());
    ASSERT_TRUE(predict({twoImages().front()}));
    EXPECT_TRUE(allCardsShowTheirMap());
}

TEST_F(PredictionInsightTest, LooksLikeListsTheNearestTrainingImagesOrTheClosestOfEachClass) {
    if (!openModel(test::tinyTrainedModel())) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(predict({twoImages().front()}));
    SimilarStrip* strip = page()->cards().front()->similarStrip();
    ASSERT_TRUE(waitUntil([&] { return !strip->images().empty(); }, 120000))
        << strip->messageText().toStdString();
    const std::vector<SimilarTrainingImage> nearest = strip->images();
    ASSERT_EQ(nearest.size(), static_cast<std::size_t>(PredictionController::kSimilarImages));
    EXPECT_EQ(strip->imageButtons().size(), PredictionController::kSimilarImages);
    for (std::size_t i = 0; i < nearest.size(); ++i) {
        EXPECT_TRUE(
            nearest[i].path.contains(QStringLiteral("/train/") + nearest[i].className + QLatin1Char('/')))
            << nearest[i].path.toStdString();
        if (i > 0) {
            EXPECT_LE(nearest[i].similarity, nearest[i - 1].similarity);
        }
    }
    EXPECT_EQ(strip->imageButtons().front()->text().section(QLatin1Char('\n'), 0, 0),
              nearest.front().className);

    page()->perClassToggle()->setChecked(true);
    ASSERT_TRUE(waitUntil([&] { return strip->isPerClass() && !strip->images().empty(); }));
    ASSERT_EQ(strip->images().size(), 2u);  // ants and bees
    EXPECT_NE(strip->images()[0].className, strip->images()[1].className);
    EXPECT_EQ(strip->headingText(), QStringLiteral("Closest of each class:"));
}

// A model trained on a copy of hymenoptera_tiny whose folder is then renamed.
std::filesystem::path modelOfMovedData(const std::filesystem::path& dir, std::filesystem::path& moved) {
    const auto data = tlw::test::sharedDataset("hymenoptera_tiny");
    const auto weights = tlw::test::sharedWeights(kSqueezeNetWeights);
    if (!std::filesystem::exists(data) || !std::filesystem::exists(weights)) return {};
    std::filesystem::copy(data, dir / "data", std::filesystem::copy_options::recursive);
    tlw::TrainingConfig config;
    config.dataDir = dir / "data";
    config.backbone = tlw::BackboneKind::SqueezeNet11;
    config.imageSize = {64, 64};
    config.weightsFile = weights;
    config.allowDownload = false;
    config.epochs = 1;
    config.batchSize = 8;
    config.cache.directory = dir / "cache";
    config.outputModel = dir / "moved.tlwm";
    tlw::TrainingObserver quiet;
    tlw::TrainingSession(config).run(quiet);
    moved = dir / "data";
    std::filesystem::rename(dir / "data", dir / "data-elsewhere");
    return config.outputModel;
}

TEST_F(PredictionInsightTest, AMovedTrainingFolderIsNamedOnTheCardAndThePredictionStands) {
    tlw::test::TempDir dir;
    std::filesystem::path moved;
    if (!openModel(modelOfMovedData(dir.path(), moved))) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(predict({twoImages().front()}));
    PredictionCard* card = page()->cards().front();
    EXPECT_TRUE(card->result().error.isEmpty());
    EXPECT_FALSE(card->result().topK.empty());
    SimilarStrip* strip = card->similarStrip();
    ASSERT_TRUE(waitUntil([&] { return strip->messageText().contains(QStringLiteral("no longer")); }))
        << strip->messageText().toStdString();
    EXPECT_TRUE(strip->messageText().contains(QDir::toNativeSeparators(qpath(moved))))
        << strip->messageText().toStdString();
    EXPECT_TRUE(strip->images().empty());
}

}  // namespace
}  // namespace tlw::ui
