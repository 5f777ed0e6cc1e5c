#include "ui/widgets/weights_panel.h"

#include <gtest/gtest.h>

#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

namespace tlw::ui {
namespace {

using State = WeightsStatus::State;

WeightsStatus missingVgg16() {
    WeightsStatus status;
    status.state = State::Missing;
    status.fileName = QStringLiteral("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5");
    status.searched = {QStringLiteral("/home/u/.keras/models"), QStringLiteral("/opt/weights")};
    status.suggestedFolder = QStringLiteral("/home/u/.keras/models");
    status.downloadBytes = 58889256;
    return status;
}

class WeightsPanelTest : public ::testing::Test {
protected:
    WeightsPanelTest() {
        m_panel.setBackboneName(QStringLiteral("VGG16"));
        m_panel.show();
    }
    bool shown(QWidget* widget) const { return !widget->isHidden(); }
    QProgressBar* progress() const {
        return m_panel.findChild<QProgressBar*>(QStringLiteral("weightsProgress"));
    }

    WeightsPanel m_panel;
};

TEST_F(WeightsPanelTest, MissingWeightsSayWhereTheyWereLookedForAndOfferEveryWayOut) {
    m_panel.setStatus(missingVgg16());
    EXPECT_EQ(m_panel.headline(),
              QStringLiteral("Missing: vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5, "
                             "the Keras ImageNet weights of VGG16."));
    EXPECT_EQ(m_panel.detail(),
              QStringLiteral("Looked for it in: /home/u/.keras/models, /opt/weights.\nPut the file in "
                             "/home/u/.keras/models (Keras's own cache) or in the folder named by "
                             "TLW_WEIGHTS_DIR, choose it, or download it from Keras's official address."));
    EXPECT_TRUE(shown(m_panel.chooseButton()));
    EXPECT_TRUE(shown(m_panel.downloadButton()));
    EXPECT_EQ(m_panel.downloadButton()->text(), QStringLiteral("Download (58.9 MB)"));
    EXPECT_TRUE(shown(m_panel.continueWithoutButton()));
    EXPECT_FALSE(shown(m_panel.cancelDownloadButton()));
    EXPECT_FALSE(shown(progress()));
    EXPECT_EQ(m_panel.description(),
              QStringLiteral("none: vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 not found"));
    EXPECT_TRUE(m_panel.styleSheet().contains(QStringLiteral("#fff6e5")));  // the warning frame
}

TEST_F(WeightsPanelTest, WithoutAnOfficialDownloadThereIsNoDownloadButton) {
    WeightsStatus status = missingVgg16();
    status.downloadBytes = 0;
    m_panel.setStatus(status);
    EXPECT_FALSE(shown(m_panel.downloadButton()));
    EXPECT_TRUE(m_panel.detail().endsWith(QStringLiteral("There is no official download for it.")));
}

TEST_F(WeightsPanelTest, ADownloadShowsItsProgressAndCanOnlyBeCancelled) {
    WeightsStatus status = missingVgg16();
    status.state = State::Downloading;
    status.path = QStringLiteral("/home/u/.keras/models/vgg16.h5");
    status.bytesDone = 14722314;
    status.bytesTotal = 58889256;
    m_panel.setStatus(status);
    EXPECT_EQ(m_panel.headline(),
              QStringLiteral("Downloading vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 "
                             "to /home/u/.keras/models/vgg16.h5…"));
    EXPECT_EQ(m_panel.detail(), QStringLiteral("14.7 of 58.9 MB"));
    ASSERT_TRUE(shown(progress()));
    EXPECT_EQ(progress()->maximum(), 1000);
    EXPECT_EQ(progress()->value(), 250);
    EXPECT_TRUE(shown(m_panel.cancelDownloadButton()));
    EXPECT_FALSE(shown(m_panel.chooseButton()));
    EXPECT_FALSE(shown(m_panel.downloadButton()));
    EXPECT_FALSE(shown(m_panel.continueWithoutButton()));

    status.bytesTotal = -1;  // a server that does not say
    m_panel.setStatus(status);
    EXPECT_EQ(m_panel.detail(), QStringLiteral("14.7 MB"));
    EXPECT_EQ(progress()->maximum(), 0);  // busy indicator
}

TEST_F(WeightsPanelTest, FoundWeightsNameTheFileAndHowTheyCameToBeThere) {
    WeightsStatus status;
    status.state = State::Found;
    status.path = QStringLiteral("/data/vgg16.h5");
    status.sizeBytes = 58889256;
    status.chosenByUser = true;
    m_panel.setStatus(status);
    EXPECT_EQ(m_panel.headline(), QStringLiteral("Found: /data/vgg16.h5 (58.9 MB, Keras ImageNet weights)"));
    EXPECT_EQ(m_panel.detail(), QStringLiteral("Chosen by you and checked: every layer of VGG16 is there."));
    EXPECT_EQ(m_panel.description(), QStringLiteral("VGG16, Keras ImageNet weights: /data/vgg16.h5"));
    EXPECT_TRUE(shown(m_panel.chooseButton()));  // another file can still be chosen
    EXPECT_FALSE(shown(m_panel.downloadButton()));
    EXPECT_FALSE(shown(m_panel.continueWithoutButton()));
    EXPECT_TRUE(m_panel.styleSheet().contains(QStringLiteral("#eef7ee")));  // the green frame

    status.chosenByUser = false;
    status.downloaded = true;
    m_panel.setStatus(status);
    EXPECT_EQ(m_panel.detail(),
              QStringLiteral("Downloaded just now and checked: every layer of VGG16 is there."));
}

TEST_F(WeightsPanelTest, NotPretrainedSaysWhatThatCostsAndHowToGetTheWeights) {
    WeightsStatus status = missingVgg16();
    status.state = State::NotPretrained;
    m_panel.setStatus(status);
    EXPECT_TRUE(
        m_panel.headline().startsWith(QStringLiteral("Not pretrained: VGG16 starts from random weights")));
    EXPECT_EQ(
        m_panel.detail(),
        QStringLiteral("To use the ImageNet weights, put vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 "
                       "in /home/u/.keras/models or in the folder named by TLW_WEIGHTS_DIR."));
    EXPECT_EQ(m_panel.description(),
              QStringLiteral("none: VGG16 starts from random weights (not pretrained)"));
    EXPECT_TRUE(shown(m_panel.downloadButton()));
    EXPECT_FALSE(shown(m_panel.continueWithoutButton()));  // already chosen
}

TEST_F(WeightsPanelTest, WhileLookingThereIsNothingToChooseYet) {
    WeightsStatus status;
    status.state = State::Checking;
    m_panel.setStatus(status);
    EXPECT_EQ(m_panel.headline(), QStringLiteral("Looking for the ImageNet weights of VGG16…"));
    EXPECT_TRUE(m_panel.detail().isEmpty());
    EXPECT_FALSE(shown(m_panel.chooseButton()));
    EXPECT_TRUE(m_panel.description().isEmpty());
}

TEST_F(WeightsPanelTest, EachButtonAsksForItsOwnThing) {
    m_panel.setStatus(missingVgg16());
    QSignalSpy choose(&m_panel, &WeightsPanel::chooseRequested);
    QSignalSpy download(&m_panel, &WeightsPanel::downloadRequested);
    QSignalSpy without(&m_panel, &WeightsPanel::continueWithoutRequested);
    QSignalSpy cancel(&m_panel, &WeightsPanel::cancelDownloadRequested);
    QTest::mouseClick(m_panel.chooseButton(), Qt::LeftButton);
    QTest::mouseClick(m_panel.downloadButton(), Qt::LeftButton);
    QTest::mouseClick(m_panel.continueWithoutButton(), Qt::LeftButton);
    WeightsStatus downloading = missingVgg16();
    downloading.state = State::Downloading;
    m_panel.setStatus(downloading);
    QTest::mouseClick(m_panel.cancelDownloadButton(), Qt::LeftButton);
    EXPECT_EQ(choose.count(), 1);
    EXPECT_EQ(download.count(), 1);
    EXPECT_EQ(without.count(), 1);
    EXPECT_EQ(cancel.count(), 1);
}

TEST_F(WeightsPanelTest, ANewBackboneNameRewordsTheTextsAndTheDescription) {
    WeightsStatus status = missingVgg16();
    status.state = State::NotPretrained;
    m_panel.setStatus(status);
    QSignalSpy described(&m_panel, &WeightsPanel::descriptionChanged);
    m_panel.setBackboneName(QStringLiteral("SqueezeNet 1.1"));
    EXPECT_TRUE(m_panel.headline().contains(QStringLiteral("SqueezeNet 1.1")));
    ASSERT_EQ(described.count(), 1);
    EXPECT_EQ(described.at(0).at(0).toString(),
              QStringLiteral("none: SqueezeNet 1.1 starts from random weights (not pretrained)"));
}

}  // namespace
}  // namespace tlw::ui
