// The Evaluation page's gallery with "Show where the model looks": the maps of a confusion-matrix cell's
// images, drawn over their thumbnails, remembered across a restart.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QTest>

#include "tests/support/shared_data.h"
#include "tests/ui/training_fixture.h"
#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/evaluation_controller.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/item_models/confusion_matrix_model.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/evaluation_page.h"
#include "ui/widgets/colour_bar.h"
#include "ui/widgets/gallery_grad_cam.h"
#include "ui/windows/main_window.h"
#include "ui/workers/thumbnail_loader.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

class EvaluationGradCamTest : public test::WorkbenchTest {
protected:
    EvaluationPage* page() { return workbench().window().evaluationPage(); }
    bool openTinyDatasetAndModel() {
        const auto model = test::tinyTrainedModel();
        makeWorkbench();
        if (model.empty()) return false;
        MainWindow& window = workbench().window();
        window.openDatasetFolder(qpath(tlw::test::sharedDataset("hymenoptera_tiny")));
        emit window.openModelRequested(qpath(model));
        const bool ready = waitUntil([&] {
            return window.datasetPage()->hasDataset() && !workbench().datasets().isScanning() &&
                   workbench().trainedModels().hasModel();
        });
        window.showPage(MainWindow::PageId::Evaluation);
        return ready;
    }
    bool evaluate() {
        emit workbench().window().evaluateRequested(QString());
        return waitUntil([this] { return !workbench().evaluation().isBusy() && page()->hasResults(); });
    }
    // The gallery shows a confusion-matrix cell that has images.
    void showAFullCell() {
        for (int cell = 0; cell < 4; ++cell)
            if (page()->confusionModel()->count(cell / 2, cell % 2) > 0)
                return page()->showCell(cell / 2, cell % 2);
    }
    QImage decoration(int row) {
        ThumbnailListModel* gallery = page()->galleryModel();
        return gallery->data(gallery->index(row), Qt::DecorationRole).value<QPixmap>().toImage();
    }
};

TEST_F(EvaluationGradCamTest, TheToggleDrawsTheMapsOverACellsImagesAndIsRememberedAcrossARestart) {
    if (!openTinyDatasetAndModel()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(evaluate());
    showAFullCell();
    ThumbnailListModel* gallery = page()->galleryModel();
    ASSERT_GT(gallery->rowCount(), 0);
    GalleryGradCam* gradCam = page()->galleryGradCam();
    EXPECT_FALSE(gradCam->isOn());
    EXPECT_TRUE(gradCam->colourBar()->isHidden());

    QTest::mouseClick(gradCam->toggle(), Qt::LeftButton);
    ASSERT_TRUE(gradCam->isOn());
    EXPECT_FALSE(gradCam->colourBar()->isHidden());
    const int rows = gallery->rowCount();
    gallery->requestThumbnails(0, rows - 1);
    ASSERT_TRUE(waitUntil([&] {
        for (int row = 0; row < rows; ++row)
            if (!gradCam->hasHeatMap(gallery->pathAt(row)) ||
                gallery->stateAt(row) != ThumbnailListModel::State::Ready)
                return false;
        return true;
    }));
    const std::optional<QPixmap> plain = gallery->loader()->thumbnail(gallery->pathAt(0));
    ASSERT_TRUE(plain.has_value());
    EXPECT_NE(decoration(0), plain->toImage());
    gradCam->setOn(false);
    EXPECT_EQ(decoration(0), plain->toImage());
    gradCam->setOn(true);

    m_workbench.reset();
    ASSERT_TRUE(openTinyDatasetAndModel());
    EXPECT_TRUE(page()->galleryGradCam()->isOn());
    EXPECT_FALSE(page()->galleryGradCam()->colourBar()->isHidden());
}

}  // namespace
}  // namespace tlw::ui
