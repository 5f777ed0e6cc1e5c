// Texts never clip: on every page, with English, Chinese and pseudo-German (every string 40 % longer,
// as German typically is), each visible button, check box and single-line label gets at least the width
// its text needs, and the window still fits a 1366-pixel-wide laptop screen. Set TLW_SCREENSHOT_DIR to
// also save what the test looked at.
#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QTranslator>

#include "tests/support/temp_dir.h"
#include "tests/ui/layer_fixtures.h"
#include "ui/charts/training_charts.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/evaluation_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/predict_page.h"
#include "ui/pages/training_page.h"
#include "ui/util/language_manager.h"
#include "ui/util/preferences.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

// Lengthens every workbench string by 40 %, keeping placeholders and accelerators intact.
class PseudoGermanTranslator : public QTranslator {
public:
    QString translate(const char* context, const char* source, const char* disambiguation,
                      int n) const override {
        Q_UNUSED(disambiguation);
        Q_UNUSED(n);
        if (context == nullptr || !QByteArray(context).startsWith("tlw::ui::")) return {};
        const QString text = QString::fromUtf8(source);
        if (text.trimmed().isEmpty() || text.contains(QLatin1Char('<'))) return {};
        return text + QStringLiteral(" ") + QString(static_cast<int>(text.size() * 0.4), QChar(0x00e4));
    }
    bool isEmpty() const override { return false; }
};

void fillWindow(MainWindow& window, const QString& folder) {
    DatasetOverview overview;
    overview.folder = folder;
    overview.classes = {{QStringLiteral("ants"), {folder + QStringLiteral("/1.png")}},
                        {QStringLiteral("bees"), {folder + QStringLiteral("/2.png")}}};
    overview.report.skipped = {{folder + QStringLiteral("/3.png"), QStringLiteral("not an image")}};
    window.datasetPage()->showOverview(overview);
    window.modelPage()->setLayers(fixtures::vgg16Layers());
    WeightsStatus weights;
    weights.state = WeightsStatus::State::Missing;
    weights.fileName = QStringLiteral("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5");
    weights.searched = {folder + QStringLiteral("/.keras/models"), folder + QStringLiteral("/weights")};
    weights.suggestedFolder = folder + QStringLiteral("/.keras/models");
    weights.downloadBytes = 58889256;
    window.modelPage()->setWeightsStatus(weights);
    TrainingProgress progress{TrainingStep::Training, 3, 10, 12, 20, 118.5, 340};
    window.trainingPage()->showProgress(progress);
    window.trainingPage()->setCacheStatus({true, QStringLiteral("block5_pool"), {}});
    window.trainingPage()->appendEpoch({1, 0.62, 0.68, 0.51, 0.74});
    window.trainingPage()->appendEpoch({2, 0.45, 0.80, 0.40, 0.83});
    window.trainingPage()->appendEpoch({3, 0.36, 0.85, 0.35, 0.86});
    window.trainingPage()->charts()->setFineTuneStart(2);
    window.trainingPage()->appendLog(QStringLiteral("epoch 3/10: loss 0.36, accuracy 0.85"));
    EvaluationSummary summary;
    summary.source = QStringLiteral("the test split (153 images)");
    summary.loss = 0.31;
    summary.accuracy = 0.9;
    summary.balancedAccuracy = 0.88;
    summary.imageCount = 153;
    summary.classNames = {QStringLiteral("ants"), QStringLiteral("bees")};
    summary.perClass = {{QStringLiteral("ants"), 0.9, 0.85, 0.87, 70},
                        {QStringLiteral("bees"), 0.88, 0.92, 0.9, 83}};
    summary.confusion = {{60, 10}, {7, 76}};
    summary.images = {{folder + QStringLiteral("/1.png"), 0, 1, 2.3}};
    TrainedModelInfo model{folder + QStringLiteral("/ants.tlwm"),
                           QStringLiteral("VGG16"),
                           summary.classNames,
                           224,
                           false,
                           QString(),
                           {}};
    window.evaluationPage()->setModelInfo(model);
    window.predictPage()->setModelInfo(model);
    window.evaluationPage()->showSummary(summary);
    PredictionResult prediction;
    prediction.imagePath = folder + QStringLiteral("/1.png");
    prediction.topK = {{QStringLiteral("bees"), 0.91}};
    window.predictPage()->addPrediction(prediction);
}

QStringList clippedTexts(QWidget& page) {
    QStringList clipped;
    for (QWidget* widget : page.findChildren<QWidget*>()) {
        if (!widget->isVisible() || widget->width() == 0) continue;
        QString text;
        if (auto* button = qobject_cast<QAbstractButton*>(widget)) text = button->text();
        if (auto* label = qobject_cast<QLabel*>(widget); label != nullptr && !label->wordWrap())
            text = label->text();
        if (auto* group = qobject_cast<QGroupBox*>(widget)) text = group->title();
        if (text.isEmpty()) continue;
        if (widget->width() < widget->minimumSizeHint().width())
            clipped << QStringLiteral("%1 \"%2\": %3 px wide, needs %4")
                           .arg(QString::fromLatin1(widget->metaObject()->className()), text)
                           .arg(widget->width())
                           .arg(widget->minimumSizeHint().width());
    }
    return clipped;
}

// backbone: core's id to select on the Model page first (its settings row differs: the BN option of
// MobileNet and ResNet50, their fine-tuning preset's button).
void expectNothingClipped(const QString& language, QTranslator* extra = nullptr,
                          const QString& backbone = QString()) {
    test::TempDir dir;
    Preferences preferences(QString::fromStdString((dir / "settings.ini").string()));
    LanguageManager languages;
    languages.apply(language);
    if (extra != nullptr) QCoreApplication::installTranslator(extra);
    {
        MainWindow window(preferences, nullptr);
        window.resize(1280, 820);
        window.show();
        fillWindow(window, QString::fromStdString(dir.path().string()));
        if (!backbone.isEmpty()) {
            QComboBox* box = window.modelPage()->backboneBox();
            box->setCurrentIndex(box->findData(backbone));
            EXPECT_EQ(box->currentData().toString(), backbone);
        }
        const QString screenshots = qEnvironmentVariable("TLW_SCREENSHOT_DIR");
        for (int i = 0; i < MainWindow::kPageCount; ++i) {
            window.showPage(static_cast<MainWindow::PageId>(i));
            QCoreApplication::processEvents();
            const QStringList clipped = clippedTexts(*window.page(static_cast<MainWindow::PageId>(i)));
            EXPECT_TRUE(clipped.isEmpty()) << language.toStdString() << " page " << i << ":\n"
                                           << clipped.join('\n').toStdString();
            if (!screenshots.isEmpty())
                window.grab().save(
                    QDir(screenshots).filePath(QStringLiteral("layout-%1-%2.png").arg(language).arg(i)));
        }
        EXPECT_LE(window.minimumSizeHint().width(), 1366) << language.toStdString();
        EXPECT_LE(window.minimumSizeHint().height(), 768) << language.toStdString();
    }
    if (extra != nullptr) QCoreApplication::removeTranslator(extra);
    languages.apply(QStringLiteral("en"));
}

TEST(WindowLayout, EnglishTextsAreNeverClipped) { expectNothingClipped(QStringLiteral("en")); }

TEST(WindowLayout, ChineseTextsAreNeverClipped) { expectNothingClipped(QStringLiteral("zh_CN")); }

TEST(WindowLayout, MobileNetSettingsFitInChineseAndGermanLength) {
    expectNothingClipped(QStringLiteral("zh_CN"), nullptr, QStringLiteral("mobilenet_0.25"));
    PseudoGermanTranslator german;
    expectNothingClipped(QStringLiteral("en"), &german, QStringLiteral("mobilenet_0.25"));
}

TEST(WindowLayout, ResNet50SettingsFitInChineseAndGermanLength) {
    expectNothingClipped(QStringLiteral("zh_CN"), nullptr, QStringLiteral("resnet50"));
    PseudoGermanTranslator german;
    expectNothingClipped(QStringLiteral("en"), &german, QStringLiteral("resnet50"));
}

TEST(WindowLayout, GermanLengthTextsAreNeverClipped) {
    PseudoGermanTranslator german;
    expectNothingClipped(QStringLiteral("en"), &german);
}

}  // namespace
}  // namespace tlw::ui
