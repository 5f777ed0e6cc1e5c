#include "ui/controllers/model_controller.h"

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <algorithm>
#include <fstream>

#include "tests/support/shared_data.h"
#include "tests/ui/workbench_fixture.h"
#include "ui/controllers/workbench.h"
#include "ui/dialogs/about_dialog.h"
#include "ui/item_models/layer_table_model.h"
#include "ui/pages/model_page.h"
#include "ui/util/preferences.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/fine_tune_preset_button.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;
using State = WeightsStatus::State;

constexpr char kSqueezeNetFile[] = "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5";
constexpr char kVgg16File[] = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";

class ModelControllerTest : public test::WorkbenchTest {
protected:
    // The workbench with the Model page in front, as a user sees it.
    void start() {
        makeWorkbench();
        workbench().window().showPage(MainWindow::PageId::Model);
    }
    ModelPage* page() { return workbench().window().modelPage(); }
    bool waitForWeights() {
        return waitUntil([this] { return !workbench().model().isBusy(); });
    }
    void chooseBackbone(const char* id) {
        QComboBox* box = page()->backboneBox();
        box->setCurrentIndex(box->findData(QString::fromLatin1(id)));
        ASSERT_TRUE(waitForWeights());
    }
    // Space on a Trainable cell toggles its checkbox, as a user does from the keyboard.
    void toggleRow(int row) {
        QTableView* view = page()->layerView();
        view->setFocus();
        view->setCurrentIndex(page()->layerModel()->index(row, LayerTableModel::TrainableColumn));
        QTest::keyClick(view, Qt::Key_Space);
    }
    QString trainableLine() { return page()->summaryText().section(QLatin1Char('\n'), 1, 1); }
};

TEST_F(ModelControllerTest, LayerCheckboxesAndPresetsGiveKerasTotalsForVgg16) {
    start();
    LayerTableModel* layers = page()->layerModel();
    ASSERT_EQ(layers->rowCount(), 19);
    EXPECT_EQ(layers->layers()[16].name, "block5_conv2");
    // A new backbone starts as the tutorial does: the whole base frozen.
    EXPECT_EQ(trainableLine(), QStringLiteral("Trainable params: 0"));
    toggleRow(17);
    EXPECT_EQ(trainableLine(), QStringLiteral("Trainable params: 2,359,808"));
    toggleRow(17);
    EXPECT_EQ(trainableLine(), QStringLiteral("Trainable params: 0"));

    QTest::mouseClick(page()->unfreezeAllButton(), Qt::LeftButton);
    EXPECT_EQ(trainableLine(), QStringLiteral("Trainable params: 14,714,688"));
    toggleRow(1);  // block1_conv1: 1,792 parameters
    EXPECT_EQ(trainableLine(), QStringLiteral("Trainable params: 14,712,896"));

    ASSERT_EQ(page()->fineTunePresetButton()->text(), QStringLiteral("Fine-Tune as the Keras Tutorial"));
    QTest::mouseClick(page()->fineTunePresetButton(), Qt::LeftButton);
    EXPECT_EQ(page()->summaryText(), QStringLiteral("Total params: 14,714,688\nTrainable params: 4,719,616\n"
                                                    "Non-trainable params: 9,995,072"));
    EXPECT_EQ(page()->modelSettings().frozenPrefix, 16);
    // The menu names every preset with the fine_tune_at it sets, and each sets it.
    const QStringList presets = page()->fineTunePresetTexts();
    ASSERT_EQ(presets, (QStringList{QStringLiteral("Fine-Tune as the Keras Tutorial (fine_tune_at = 16)"),
                                    QStringLiteral("Fine-Tune the Last Block (fine_tune_at = 15)"),
                                    QStringLiteral("Fine-Tune the Last Two Blocks (fine_tune_at = 11)")}));
    page()->fineTunePresetButton()->menu()->actions().at(2)->trigger();
    EXPECT_EQ(page()->modelSettings().frozenPrefix, 11);
    page()->fineTunePresetButton()->menu()->actions().at(1)->trigger();
    EXPECT_EQ(page()->modelSettings().frozenPrefix, 15);

    // "Train from the selected layer on" is Keras's fine_tune_at = that row: the row itself trains.
    page()->layerView()->setCurrentIndex(QModelIndex());
    EXPECT_FALSE(page()->trainFromSelectedButton()->isEnabled());
    page()->layerView()->setCurrentIndex(layers->index(16, 0));
    EXPECT_EQ(page()->trainFromSelectedButton()->text(),
              QStringLiteral("Train From Selected Layer On (fine_tune_at = 16)"));
    QTest::mouseClick(page()->trainFromSelectedButton(), Qt::LeftButton);
    EXPECT_EQ(page()->modelSettings().frozenPrefix, 16);
    EXPECT_TRUE(layers->layers()[16].trainable);
    EXPECT_FALSE(layers->layers()[15].trainable);
    QTest::mouseClick(page()->freezeAllButton(), Qt::LeftButton);
    EXPECT_EQ(page()->modelSettings().frozenPrefix, 19);
}

TEST_F(ModelControllerTest, TheWholeModelsSummaryCountsTheHead) {
    start();
    EXPECT_TRUE(page()->wholeModelSummaryText().contains(QStringLiteral("once a dataset")));
    page()->setClassCount(2);
    page()->findChild<QCheckBox*>(QStringLiteral("normalizeFeaturesBox"))->setChecked(false);
    // The tutorial's numbers: the frozen base and GlobalAveragePooling2D -> Dense(1) on 512 features.
    EXPECT_EQ(page()->wholeModelSummaryText(),
              QStringLiteral("With the head (2 classes):\nTotal params: 14,715,201\nTrainable params: 513\n"
                             "Non-trainable params: 14,714,688"));
    EXPECT_EQ(trainableLine(), QStringLiteral("Trainable params: 0"));  // the base's own line
    // Keras's Normalization adds its mean, variance and count as non-trainable; five classes, five units.
    page()->findChild<QCheckBox*>(QStringLiteral("normalizeFeaturesBox"))->setChecked(true);
    page()->setClassCount(5);
    EXPECT_TRUE(page()->wholeModelSummaryText().contains(QStringLiteral("Trainable params: 2,565\n")));
    EXPECT_TRUE(page()->wholeModelSummaryText().contains(QStringLiteral("Non-trainable params: 14,715,713")));
}

TEST_F(ModelControllerTest, ImageSizeAndTopRebuildTheTableKeepingTheFreezeSet) {
    start();
    QTest::mouseClick(page()->fineTunePresetButton(), Qt::LeftButton);
    page()->imageSizeBox()->setValue(160);
    LayerTableModel* layers = page()->layerModel();
    EXPECT_EQ(layers->data(layers->index(18, LayerTableModel::OutputShapeColumn)).toString(),
              QStringLiteral("(None, 5, 5, 512)"));
    EXPECT_EQ(page()->modelSettings().frozenPrefix, 16);

    page()->includeTopBox()->setChecked(true);
    EXPECT_EQ(page()->imageSizeBox()->value(), 224);
    EXPECT_FALSE(page()->imageSizeBox()->isEnabled());
    EXPECT_EQ(layers->rowCount(), 23);
    EXPECT_TRUE(page()->summaryText().startsWith(QStringLiteral("Total params: 138,357,544")));
    EXPECT_EQ(page()->modelSettings().frozenPrefix, 16);  // fc1, fc2, predictions come after: trainable
    ASSERT_TRUE(waitForWeights());
    EXPECT_TRUE(
        page()->weightsHeadline().contains(QStringLiteral("vgg16_weights_tf_dim_ordering_tf_kernels.h5")));

    page()->includeTopBox()->setChecked(false);
    EXPECT_EQ(page()->imageSizeBox()->value(), 160);
    EXPECT_EQ(layers->rowCount(), 19);
}

TEST_F(ModelControllerTest, SqueezeNetHasItsOwnTotalsAndFineTunesFire8AndFire9) {
    start();
    chooseBackbone("squeezenet");
    EXPECT_TRUE(page()->summaryText().startsWith(QStringLiteral("Total params: 722,496\n")));
    EXPECT_FALSE(page()->includeTopBox()->isEnabled());
    ASSERT_EQ(page()->fineTunePresetButton()->text(), QStringLiteral("Fine-Tune the Last Two Blocks"));
    QTest::mouseClick(page()->fineTunePresetButton(), Qt::LeftButton);
    // fire8 (squeezing 384 channels) and fire9 (512): 24,640 + 32,832 + 2 x (16,640 + 147,712) = 386,176.
    EXPECT_EQ(trainableLine(), QStringLiteral("Trainable params: 386,176"));
    const std::vector<tlw::LayerInfo>& layers = page()->layerModel()->layers();
    for (const tlw::LayerInfo& layer : layers)
        EXPECT_EQ(layer.trainable, layer.group == "fire8" || layer.group == "fire9") << layer.name;
}

TEST_F(ModelControllerTest, ResNet50HasKerasTotalsAndFineTunesItsLastBlock) {
    start();
    chooseBackbone("resnet50");
    ASSERT_EQ(page()->layerModel()->rowCount(), 175);
    EXPECT_TRUE(page()->summaryText().startsWith(QStringLiteral("Total params: 23,587,712\n")));
    EXPECT_TRUE(page()->weightsHeadline().contains(
        QStringLiteral("resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5")));
    ASSERT_EQ(page()->fineTunePresetButton()->text(), QStringLiteral("Fine-Tune the Last Block"));
    QTest::mouseClick(page()->fineTunePresetButton(), Qt::LeftButton);
    // conv5_block3's three convolutions with biases and its BN layers' gamma and beta (their moving
    // statistics never train): 1,049,088 + 2,359,808 + 1,050,624 + 2 x (512 + 512 + 2,048) = 4,465,664.
    EXPECT_EQ(trainableLine(), QStringLiteral("Trainable params: 4,465,664"));
    EXPECT_EQ(page()->modelSettings().frozenPrefix, 165);
    for (const tlw::LayerInfo& layer : page()->layerModel()->layers())
        EXPECT_EQ(layer.trainable, layer.group == "conv5_block3") << layer.name;
}

TEST_F(ModelControllerTest, WithoutWeightsThePanelSaysWhatIsMissingAndWhereToPutIt) {
    start();
    const WeightsStatus status = page()->weightsStatus();
    ASSERT_EQ(status.state, State::Missing);
    EXPECT_TRUE(page()->weightsHeadline().contains(QString::fromLatin1(kVgg16File)));
    const QString kerasModels = qpath(m_home / ".keras" / "models");
    EXPECT_TRUE(status.searched.contains(kerasModels));
    EXPECT_TRUE(page()->weightsDetail().contains(kerasModels));
    EXPECT_TRUE(page()->weightsDetail().contains(QStringLiteral("TLW_WEIGHTS_DIR")));
    EXPECT_TRUE(page()->chooseWeightsButton()->isVisible());
    EXPECT_TRUE(page()->downloadButton()->isVisible());
    EXPECT_EQ(page()->downloadButton()->text(), QStringLiteral("Download (58.9 MB)"));
    EXPECT_TRUE(page()->continueWithoutButton()->isVisible());
    EXPECT_FALSE(page()->notPretrainedBadgeVisible());

    QTest::mouseClick(page()->continueWithoutButton(), Qt::LeftButton);
    EXPECT_EQ(page()->weightsStatus().state, State::NotPretrained);
    EXPECT_TRUE(page()->notPretrainedBadgeVisible());
    EXPECT_FALSE(page()->modelSettings().pretrained);
    // The base starts frozen, and frozen random weights are useless: the page says so, with the way out.
    EXPECT_TRUE(page()->randomFrozenWarningVisible());
    QTest::mouseClick(page()->unfreezeAllButton(), Qt::LeftButton);
    EXPECT_FALSE(page()->randomFrozenWarningVisible());
    QTest::mouseClick(page()->freezeAllButton(), Qt::LeftButton);
    EXPECT_TRUE(page()->randomFrozenWarningVisible());
    EXPECT_TRUE(page()->weightsDetail().contains(QStringLiteral("TLW_WEIGHTS_DIR")));
    EXPECT_TRUE(
        workbench().window().aboutDialog()->weightsDescription().contains(QStringLiteral("not pretrained")));
    // The choice lasts while the backbone stays: changing only the image size keeps the badge.
    page()->imageSizeBox()->setValue(192);
    ASSERT_TRUE(waitForWeights());
    EXPECT_TRUE(page()->notPretrainedBadgeVisible());
}

TEST_F(ModelControllerTest, SqueezeNetWeightsInTlwWeightsDirAreFound) {
    const auto weights = tlw::test::sharedWeights(kSqueezeNetFile);
    TLW_REQUIRE_SHARED(weights);
    m_environment.set("TLW_WEIGHTS_DIR", weights.parent_path().string());
    start();
    EXPECT_EQ(page()->weightsStatus().state, State::Missing);  // VGG16's are not there
    chooseBackbone("squeezenet");
    const WeightsStatus status = page()->weightsStatus();
    ASSERT_EQ(status.state, State::Found);
    EXPECT_EQ(status.path, qpath(weights));
    EXPECT_EQ(status.sizeBytes, 3002560);
    EXPECT_EQ(page()->weightsHeadline(),
              QStringLiteral("Found: %1 (3.0 MB, Keras ImageNet weights)").arg(qpath(weights)));
    EXPECT_FALSE(page()->downloadButton()->isVisible());
    EXPECT_TRUE(workbench().window().aboutDialog()->weightsDescription().contains(qpath(weights)));
}

TEST_F(ModelControllerTest, AChosenWeightsFileIsCheckedAndRemembered) {
    const auto weights = tlw::test::sharedWeights(kSqueezeNetFile);
    TLW_REQUIRE_SHARED(weights);
    start();
    chooseBackbone("squeezenet");
    ASSERT_EQ(page()->weightsStatus().state, State::Missing);
    emit workbench().window().weightsFileChosen(qpath(weights));
    ASSERT_TRUE(waitForWeights());
    EXPECT_EQ(page()->weightsStatus().state, State::Found);
    EXPECT_TRUE(page()->weightsStatus().chosenByUser);
    EXPECT_EQ(page()->modelSettings().weightsFile, qpath(weights));
    EXPECT_EQ(m_preferences->weightsFile(QStringLiteral("squeezenet")), qpath(weights));

    // Back to VGG16 (nothing there), then SqueezeNet again: the chosen file is used without asking.
    chooseBackbone("vgg16");
    EXPECT_EQ(page()->weightsStatus().state, State::Missing);
    chooseBackbone("squeezenet");
    EXPECT_EQ(page()->weightsStatus().state, State::Found);
    EXPECT_EQ(page()->weightsStatus().path, qpath(weights));
}

TEST_F(ModelControllerTest, ATruncatedWeightsFileIsRefusedWithTheFileAndTheReasonInTheBanner) {
    const auto weights = tlw::test::sharedWeights(kSqueezeNetFile);
    TLW_REQUIRE_SHARED(weights);
    const auto truncated = m_dir / "truncated.h5";
    {
        std::ifstream in(weights, std::ios::binary);
        std::string head(200000, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        std::ofstream(truncated, std::ios::binary).write(head.data(), in.gcount());
    }
    start();
    chooseBackbone("squeezenet");
    emit workbench().window().weightsFileChosen(qpath(truncated));
    ASSERT_TRUE(waitForWeights());
    EXPECT_EQ(page()->weightsStatus().state, State::Missing);
    ASSERT_TRUE(page()->banner()->isVisible());
    EXPECT_EQ(page()->banner()->severity(), ErrorBanner::Severity::Error);
    EXPECT_TRUE(page()->banner()->details().startsWith(qpath(truncated) + QStringLiteral(": ")))
        << page()->banner()->details().toStdString();
    EXPECT_TRUE(m_preferences->weightsFile(QStringLiteral("squeezenet")).isEmpty());
}

TEST_F(ModelControllerTest, ADownloadThatCannotConnectSaysSoAndLeavesNothingBehind) {
    start();
    workbench().model().setDownloadUrl(QStringLiteral("http://127.0.0.1:9/vgg16.h5"));
    ASSERT_TRUE(page()->downloadButton()->isVisible());
    QTest::mouseClick(page()->downloadButton(), Qt::LeftButton);
    ASSERT_TRUE(waitForWeights());
    EXPECT_EQ(page()->weightsStatus().state, State::Missing);
    ASSERT_TRUE(page()->banner()->isVisible());
    EXPECT_EQ(page()->banner()->headline(), QStringLiteral("The weights could not be downloaded."));
    EXPECT_TRUE(page()->banner()->details().contains(QString::fromLatin1(kVgg16File)))
        << page()->banner()->details().toStdString();
    const auto models = m_home / ".keras" / "models";
    if (std::filesystem::exists(models)) {
        EXPECT_TRUE(std::filesystem::is_empty(models));
    }
}

// An HTTP server that announces the whole file, sends the first 100 kB and then nothing more: a download
// that stays in progress until it is cancelled.
class StallingServer : public QObject {
public:
    StallingServer() {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* socket = m_server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 58889256\r\n\r\n");
                socket->write(QByteArray(100000, 'x'));
            });
        });
        EXPECT_TRUE(m_server.listen(QHostAddress::LocalHost));
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/vgg16.h5").arg(m_server.serverPort()); }

private:
    QTcpServer m_server;
};

TEST_F(ModelControllerTest, ADownloadShowsItsProgressAndCancelLeavesNothingBehind) {
    StallingServer server;
    start();
    workbench().model().setDownloadUrl(server.url());
    QTest::mouseClick(page()->downloadButton(), Qt::LeftButton);
    EXPECT_EQ(page()->weightsStatus().state, State::Downloading);
    EXPECT_TRUE(page()->cancelDownloadButton()->isVisible());
    EXPECT_FALSE(page()->downloadButton()->isVisible());
    ASSERT_TRUE(waitUntil([this] { return page()->weightsStatus().bytesDone >= 100000; }));
    EXPECT_EQ(page()->weightsStatus().bytesTotal, 58889256);
    EXPECT_TRUE(page()->weightsDetail().contains(QStringLiteral("of 58.9 MB")))
        << page()->weightsDetail().toStdString();
    EXPECT_TRUE(page()->weightsHeadline().contains(qpath(m_home / ".keras" / "models")));

    QTest::mouseClick(page()->cancelDownloadButton(), Qt::LeftButton);
    ASSERT_TRUE(waitForWeights());
    EXPECT_EQ(page()->weightsStatus().state, State::Missing);
    EXPECT_FALSE(page()->banner()->isVisible());  // a cancel is not an error
    const auto models = m_home / ".keras" / "models";
    if (std::filesystem::exists(models)) {
        EXPECT_TRUE(std::filesystem::is_empty(models));
    }
}

TEST_F(ModelControllerTest, AtStartSqueezeNetIsChosenWhenOnlyItsWeightsAreThere) {
    const auto weights = tlw::test::sharedWeights(kSqueezeNetFile);
    TLW_REQUIRE_SHARED(weights);
    m_environment.set("TLW_WEIGHTS_DIR", weights.parent_path().string());
    start();
    workbench().model().preferBackboneWithWeights();
    ASSERT_TRUE(waitForWeights());
    EXPECT_EQ(page()->modelSettings().backbone, QStringLiteral("squeezenet"));
    // Frozen whole, as the tutorial starts: not up to VGG16's layer count (pool3).
    const std::vector<bool> trainable = page()->modelSettings().trainable;
    ASSERT_EQ(trainable.size(), 63u);
    EXPECT_TRUE(std::none_of(trainable.begin(), trainable.end(), [](bool t) { return t; }));
    EXPECT_EQ(page()->weightsStatus().state, State::Found);
    EXPECT_FALSE(page()->banner()->isVisible());
}

TEST_F(ModelControllerTest, AtStartWithNoWeightsAtAllTheBannerSaysNotPretrainedAndWhereToPutThem) {
    start();
    workbench().model().preferBackboneWithWeights();
    ASSERT_TRUE(waitForWeights());
    EXPECT_EQ(page()->modelSettings().backbone, QStringLiteral("vgg16"));
    ASSERT_TRUE(page()->banner()->isVisible());
    EXPECT_EQ(page()->banner()->severity(), ErrorBanner::Severity::Warning);
    EXPECT_TRUE(page()->banner()->headline().contains(QStringLiteral("not pretrained")));
    EXPECT_TRUE(page()->banner()->details().contains(QStringLiteral("TLW_WEIGHTS_DIR")));
    EXPECT_TRUE(page()->banner()->details().contains(QStringLiteral("~/.keras/models/")));
}

}  // namespace
}  // namespace tlw::ui
