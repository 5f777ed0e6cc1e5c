// With the zh_CN translation installed, no text the user can see in the workbench window (labels,
// buttons, menus, tooltips, table headers, chart titles, the About dialog) is still English: such a text
// bypassed tr() or was never translated. Proper nouns and code identifiers are allowed explicitly.
#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSpinBox>

#include "tests/support/temp_dir.h"
#include "tests/ui/layer_fixtures.h"
#include "tests/ui/training_fixture.h"
#include "tests/ui/workbench_fixture.h"
#include "ui/adapters/run_notice_text.h"
#include "ui/charts/loss_chart.h"
#include "ui/charts/training_charts.h"
#include "ui/controllers/evaluation_controller.h"
#include "ui/controllers/prediction_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/dialogs/about_dialog.h"
#include "ui/dialogs/getting_started_dialog.h"
#include "ui/item_models/scan_report_model.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/evaluation_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/predict_page.h"
#include "ui/pages/training_page.h"
#include "ui/util/language_manager.h"
#include "ui/util/preferences.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/sidebar.h"
#include "ui/widgets/training_settings_form.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

// Names that stay as they are in Chinese: products, libraries, file formats, key names.
const char* const kAllowedWords[] = {
    "TL Workbench", "VGG16", "SqueezeNet", "MobileNet", "MobileNetV2", "ResNet50", "EfficientNetB0", "Keras",
    "TorchScript", "LibTorch", "OpenCV", "HDF5", "ImageNet", "Qt", "Adam", "RMSprop", "SGD", "CSV", "PNG",
    "PDF", "Ctrl", "Esc", "F1", "F5", "English", "CNN", "CPU", "Dropout", "MB", "JSON", "float32", "bfloat16",
    "AVX", "BF16", "AMX", "PyTorch", "scikit-learn", "JPEG", "L-BFGS", "GIF", "BMP", "TIFF", "WebP", "PNM",
    "ZIP", "kB", "GB", "NLL", "Grad-CAM", "t-SNE", "PCA", "Shift", ".tlw-quarantine", "bf16", "fp32",
    "ReduceLROnPlateau", "Normalization", "pthread",
    // BLAS libraries and instruction sets, as `tlw info --system` names them (longer names first).
    "OpenBLAS", "BLIS", "Intel MKL", "BLAS", "oneDNN", "avx512f", "avx2",
    // The convolution algorithm, a mathematician's name (as in "Winograd 3x3 卷积").
    "Winograd",
    // Export runtimes; after "oneDNN", which contains "DNN".
    "ONNX Runtime", "ONNX", "DNN"};

struct Text {
    QString where;
    QString text;
};

// What is left of `text` once code, markup, paths, identifiers and allowed names are taken out.
QString untranslatedRemainder(QString text) {
    static const QRegularExpression code(QStringLiteral("<code>.*?</code>"));
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    // Paths and folder names: "/tmp/x", "~/.keras/models/", "train/".
    static const QRegularExpression paths(QStringLiteral("(?:[~.]|\\b[\\w.-]+)?/[^\\s,，)）]*"));
    // Layer and group names (fire8, block5) are Keras's identifiers, the same in every language.
    static const QRegularExpression identifiers(
        QStringLiteral("\\b\\w*_\\w*\\b|\\*\\.\\w+|\\.h5\\b|\\b[a-z]+\\d+\\b"));
    // Keras's log keys before their figures: "loss: 0.4123 - val_accuracy: 0.8571".
    static const QRegularExpression metricKeys(QStringLiteral("\\b(loss|accuracy)(?=: )"));
    static const QRegularExpression fileNames(
        QStringLiteral("\\b[\\w-]+\\.(png|jpe?g|tlwproj|tlwm|pt|csv|checkpoint)\\b"));
    text.remove(code).remove(tags).remove(paths).remove(identifiers).remove(fileNames).remove(metricKeys);
    for (const char* word : kAllowedWords) text.remove(QString::fromLatin1(word));
    static const QRegularExpression latinWord(QStringLiteral("[A-Za-z]{2,}"));
    QStringList words;
    for (auto it = latinWord.globalMatch(text); it.hasNext();) words << it.next().captured();
    return words.join(QLatin1Char(' '));
}

void collectWidget(QWidget* widget, QList<Text>& texts) {
    const QString where =
        QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char('#') + widget->objectName();
    const auto add = [&](const QString& kind, const QString& text) {
        if (!text.trimmed().isEmpty()) texts.append({where + QLatin1Char(' ') + kind, text});
    };
    if (widget->isWindow()) add(QStringLiteral("windowTitle"), widget->windowTitle());
    add(QStringLiteral("toolTip"), widget->toolTip());
    add(QStringLiteral("statusTip"), widget->statusTip());
    if (auto* label = qobject_cast<QLabel*>(widget)) add(QStringLiteral("text"), label->text());
    if (auto* button = qobject_cast<QAbstractButton*>(widget)) add(QStringLiteral("text"), button->text());
    if (auto* group = qobject_cast<QGroupBox*>(widget)) add(QStringLiteral("title"), group->title());
    if (auto* edit = qobject_cast<QLineEdit*>(widget))
        add(QStringLiteral("placeholder"), edit->placeholderText());
    if (auto* combo = qobject_cast<QComboBox*>(widget))
        for (int i = 0; i < combo->count(); ++i) add(QStringLiteral("item"), combo->itemText(i));
    if (auto* spin = qobject_cast<QAbstractSpinBox*>(widget))
        add(QStringLiteral("special"), spin->specialValueText());
    if (auto* spin = qobject_cast<QSpinBox*>(widget))
        add(QStringLiteral("suffix"), spin->suffix() + spin->prefix());
    if (auto* spin = qobject_cast<QDoubleSpinBox*>(widget))
        add(QStringLiteral("suffix"), spin->suffix() + spin->prefix());
    if (auto* menu = qobject_cast<QMenu*>(widget)) add(QStringLiteral("title"), menu->title());
    for (QAction* action : widget->actions()) {
        add(QStringLiteral("action"), action->text());
        if (action->toolTip() != action->text().remove(QLatin1Char('&')))
            add(QStringLiteral("actionTip"), action->toolTip());
        if (QMenu* menu = action->menu()) add(QStringLiteral("menu"), menu->title());
    }
    if (auto* view = qobject_cast<QAbstractItemView*>(widget); view != nullptr && view->model() != nullptr) {
        for (int section = 0; section < view->model()->columnCount(); ++section) {
            add(QStringLiteral("header"), view->model()->headerData(section, Qt::Horizontal).toString());
            add(QStringLiteral("headerTip"),
                view->model()->headerData(section, Qt::Horizontal, Qt::ToolTipRole).toString());
        }
    }
    if (auto* plot = qobject_cast<QCustomPlot*>(widget)) {
        for (int i = 0; i < plot->graphCount(); ++i) add(QStringLiteral("graph"), plot->graph(i)->name());
        for (QCPAxis* axis : plot->axisRect()->axes()) add(QStringLiteral("axis"), axis->label());
        for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
            if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i)))
                add(QStringLiteral("title"), title->text());
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPItemText*>(plot->item(i)))
                add(QStringLiteral("item"), item->text());
    }
}

QList<Text> collectTexts(QWidget* root) {
    QList<Text> texts;
    collectWidget(root, texts);
    for (QWidget* child : root->findChildren<QWidget*>()) collectWidget(child, texts);
    return texts;
}

// Puts every page in the states that show their dynamic texts, with non-English data.
void fillWindow(MainWindow& window, const QString& folder) {
    DatasetOverview overview;
    overview.folder = folder;
    overview.classes = {{QStringLiteral("蚂蚁"), {folder + QStringLiteral("/1.png")}},
                        {QStringLiteral("蜜蜂"), {folder + QStringLiteral("/2.png")}}};
    overview.report.skipped = {{folder + QStringLiteral("/3.png"), QStringLiteral("……")}};
    overview.splitSource = DatasetSplitSource::SplitFolders;
    overview.splitFolders = {QStringLiteral("train"), QStringLiteral("val")};
    overview.report.warnings = {tlw::ScanNotice(tlw::ScanNotice::Kind::TinyClass, "蜜蜂", 1),
                                tlw::ScanNotice::imbalanced("蚂蚁", 40, "蜜蜂", 1)};
    overview.report.duplicates = {{DuplicateGroupEntry::Kind::AcrossSubsets,
                                   {folder + QStringLiteral("/1.png"), folder + QStringLiteral("/2.png")},
                                   1234}};
    overview.report.ignoredOtherFiles = {folder + QStringLiteral("/notes.txt")};
    overview.report.hiddenEntries = 1;
    window.datasetPage()->showOverview(overview);
    window.modelPage()->setLayers(fixtures::vgg16Layers());
    WeightsStatus weights;
    weights.state = WeightsStatus::State::Missing;
    weights.fileName = QStringLiteral("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5");
    weights.searched = {folder + QStringLiteral("/.keras/models"), folder + QStringLiteral("/weights")};
    weights.suggestedFolder = folder + QStringLiteral("/.keras/models");
    weights.downloadBytes = 58889256;
    window.modelPage()->setWeightsStatus(weights);
    TrainingProgress progress;
    progress.epoch = 2;
    progress.epochs = 10;
    progress.batch = 5;
    progress.batches = 20;
    progress.imagesPerSecond = 123.4;
    progress.etaSeconds = 75;
    window.trainingPage()->showProgress(progress);
    window.trainingPage()->setCacheStatus({true, QStringLiteral("block5_pool"), {}});
    window.trainingPage()->appendEpoch({1, 0.6, 0.7, 0.5, 0.75});
    window.trainingPage()->charts()->setFineTuneStart(1);
    window.trainingPage()->charts()->setBatchCurvesVisible(true);
    tlw::HeadSolveReport solve;
    solve.folds = 5;
    solve.path = {{1.0, 0.8, 0.5, 10}, {0.1, 0.85, 0.4, 12}};
    solve.chosenIndex = 1;
    solve.chosenStrength = 0.1;
    window.trainingPage()->showHeadSolve(solve);
    EvaluationSummary summary;
    summary.loss = 0.3;
    summary.accuracy = 0.9;
    summary.balancedAccuracy = 0.88;
    summary.imageCount = 150;
    summary.classNames = {QStringLiteral("蚂蚁"), QStringLiteral("胡蜂")};
    summary.perClass = {{QStringLiteral("蚂蚁"), 0.9, 0.85, 0.87, 70}};
    summary.confusion = {{60, 10}, {7, 76}};
    summary.images = {{folder + QStringLiteral("/1.png"), 0, 1, 2.3}};
    // Core's reasons are English by design (like its errors in a banner's details); data here.
    summary.failures = {folder + QStringLiteral("/bad.jpg: 截断的 JPEG")};
    TrainedModelInfo model{folder + QStringLiteral("/m.tlwm"),
                           QStringLiteral("VGG16"),
                           summary.classNames,
                           224,
                           false,
                           QString(),
                           {}};
    window.evaluationPage()->setModelInfo(model);
    window.predictPage()->setModelInfo(model);
    window.evaluationPage()->showSummary(summary);
    window.evaluationPage()->showCell(0, 1);
    window.evaluationPage()->setTestFolder(folder);
    PredictionResult prediction;
    prediction.imagePath = folder + QStringLiteral("/1.png");
    prediction.topK = {{QStringLiteral("胡蜂"), 0.9}};
    window.predictPage()->addPrediction(prediction);
}

class ChineseWindow : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_EQ(m_languages.apply(QStringLiteral("zh_CN")), QStringLiteral("zh_CN")); }
    void TearDown() override { m_languages.apply(QStringLiteral("en")); }

    tlw::test::TempDir m_dir;
    Preferences m_preferences{QString::fromStdString((m_dir / "settings.ini").string())};
    LanguageManager m_languages;
};

void expectNoEnglish(const QList<Text>& texts) {
    QStringList failures;
    for (const Text& text : texts) {
        const QString remainder = untranslatedRemainder(text.text);
        if (!remainder.isEmpty())
            failures << text.where + QStringLiteral(": \"") + text.text + QStringLiteral("\"");
    }
    EXPECT_TRUE(failures.isEmpty()) << failures.size() << " English texts:\n"
                                    << failures.join('\n').toStdString();
}

TEST(TranslationCoverageCheck, FlagsEnglishButAllowsNamesCodeAndPaths) {
    EXPECT_EQ(untranslatedRemainder(QStringLiteral("Open Dataset Folder…")),
              QStringLiteral("Open Dataset Folder"));
    EXPECT_EQ(untranslatedRemainder(QStringLiteral("&File")), QStringLiteral("File"));
    EXPECT_TRUE(untranslatedRemainder(QStringLiteral("轮次（Keras：<code>epochs</code>）")).isEmpty());
    EXPECT_TRUE(untranslatedRemainder(QStringLiteral("文件夹：/tmp/tlw-abc/bees")).isEmpty());
    EXPECT_TRUE(untranslatedRemainder(QStringLiteral("VGG16 的 ImageNet 权重")).isEmpty());
    EXPECT_TRUE(untranslatedRemainder(QStringLiteral("固定的划分文件夹：train/, val/。")).isEmpty());
    EXPECT_TRUE(untranslatedRemainder(QStringLiteral("微调 fire8–fire9（58.9 MB）")).isEmpty());
    EXPECT_EQ(untranslatedRemainder(QStringLiteral("Fine-Tune fire8–fire9")), QStringLiteral("Fine Tune"));
    EXPECT_TRUE(
        untranslatedRemainder(QStringLiteral("设置 TLW_WEIGHTS_DIR 或 ~/.keras/models/ 中的 .h5 文件"))
            .isEmpty());
}

TEST_F(ChineseWindow, EveryVisibleTextOfTheMainWindowIsTranslated) {
    MainWindow window(m_preferences, &m_languages);
    window.show();
    fillWindow(window, QString::fromStdString(m_dir.path().string()));
    const QList<Text> texts = collectTexts(&window);
    EXPECT_GT(texts.size(), 150);  // the walk did reach the pages, menus and charts
    expectNoEnglish(texts);
    for (QMenu* menu : window.menuBar()->findChildren<QMenu*>()) expectNoEnglish(collectTexts(menu));
}

TEST_F(ChineseWindow, AboutDialogIsTranslated) {
    AboutDialog dialog;
    dialog.setWeightsDescription(QStringLiteral("SqueezeNet 1.1 ImageNet"));
    expectNoEnglish(collectTexts(&dialog));
}

TEST_F(ChineseWindow, GettingStartedIsTranslated) {
    GettingStartedDialog dialog;
    const QList<Text> texts = collectTexts(&dialog);
    EXPECT_GT(texts.size(), 3 * GettingStartedDialog::kStepCount);
    expectNoEnglish(texts);
}

TEST_F(ChineseWindow, GalleryCaptionsFollowALanguageSwitch) {
    m_languages.apply(QStringLiteral("en"));
    MainWindow window(m_preferences, &m_languages);
    window.show();
    fillWindow(window, QString::fromStdString(m_dir.path().string()));
    ThumbnailListModel* gallery = window.evaluationPage()->galleryModel();
    ASSERT_EQ(gallery->rowCount(), 1);
    const QModelIndex first = gallery->index(0);
    EXPECT_TRUE(gallery->data(first, Qt::DisplayRole).toString().startsWith(QStringLiteral("蚂蚁 → 胡蜂")));
    EXPECT_TRUE(gallery->data(first, Qt::ToolTipRole).toString().contains(QStringLiteral("True: 蚂蚁")));
    m_languages.apply(QStringLiteral("zh_CN"));
    QCoreApplication::processEvents();
    const QString caption = gallery->data(first, Qt::ToolTipRole).toString();
    EXPECT_TRUE(caption.contains(QStringLiteral("真实：蚂蚁"))) << caption.toStdString();
    EXPECT_TRUE(untranslatedRemainder(caption.section(QLatin1Char('\n'), 1)).isEmpty())
        << caption.toStdString();
}

TEST_F(ChineseWindow, TheCacheLineSaysWhyNotInChinese) {
    MainWindow window(m_preferences, &m_languages);
    window.show();
    for (const tlw::CacheRefusal refusal :
         {tlw::CacheRefusal::TurnedOff, tlw::CacheRefusal::NothingFrozen, tlw::CacheRefusal::Augmenting}) {
        window.trainingPage()->setCacheStatus({false, QString(), refusal});
        expectNoEnglish(collectTexts(window.trainingPage()));
    }
}

// Every kind of line a training run writes to the log (core keeps them as data: core/train/run_notice.h),
// worded in Chinese with its names, paths and figures: no English word left. Core's own reasons that have
// no kind (an operating system's error text, a weights file's fault) are paths here.
tlw::RunNotice sampleNotice(tlw::RunNotice::Kind kind) {
    using Kind = tlw::RunNotice::Kind;
    tlw::RunNotice notice(kind, {}, {2, 1, 1, 3, 0.875, 0.31, 12, 4e-6, 1e-5, 1, 0.21});
    if (kind <= Kind::IdenticalFiles)
        notice.texts = {"validation", "/data/猫/1.png",
                        "truncated JPEG (data ends before the end-of-image marker)"};
    else
        notice.texts = {"/data/model.tlwm", "fire9", "drop9"};
    if (kind == Kind::ScanWarning) notice.scan = tlw::ScanNotice(tlw::ScanNotice::Kind::TinyClass, "猫", 3);
    if (kind == Kind::ClassWeights) notice.texts = {"猫", "狗"};
    if (kind == Kind::EarlyStopping || kind == Kind::RestoredBest || kind == Kind::KeptLast)
        notice.texts = {"accuracy"};  // no validation images: the training figure
    if (kind == Kind::EpochImageSkipped)
        notice.texts = {"/data/猫/1.png", "corrupt PNG: CRC error in the IDAT chunk"};
    if (kind == Kind::NotCalibrated) notice.texts = {"no validation images"};
    return notice;
}

TEST_F(ChineseWindow, EveryKindOfTrainingLogLineIsWordedInChinese) {
    using Kind = tlw::RunNotice::Kind;
    for (int k = 0; k < static_cast<int>(Kind::Other); ++k) {  // Other: a line from elsewhere, kept whole
        for (const double flag : {0.0, 1.0}) {
            tlw::RunNotice notice = sampleNotice(static_cast<Kind>(k));
            if (notice.kind == Kind::AdamInsteadOfExact) notice.values[0] = 1 + flag;
            if (notice.kind == Kind::Pretrained || notice.kind == Kind::PrecisionAutoCpu ||
                notice.kind == Kind::ComputePrecision)
                notice.values[0] = flag;
            notice.values[1] = flag;  // the kinds' switches: downloaded, from the cache, ...
            notice.values[9] = flag;
            const QString line = RunNoticeText::of(notice);
            EXPECT_FALSE(line.isEmpty()) << k;
            EXPECT_TRUE(untranslatedRemainder(line).isEmpty())
                << "kind " << k << ": " << line.toStdString() << "\n(English: " << notice.english() << ")";
        }
    }
}

TEST_F(ChineseWindow, SwitchingLanguageRetranslatesAnOpenWindowImmediately) {
    m_languages.apply(QStringLiteral("en"));
    MainWindow window(m_preferences, &m_languages);
    window.show();
    EXPECT_EQ(window.sidebar()->entryText(0), QStringLiteral("Dataset"));
    EXPECT_EQ(window.modelPage()->title(), QStringLiteral("Model"));
    m_languages.apply(QStringLiteral("zh_CN"));
    QCoreApplication::processEvents();  // Qt posts QEvent::LanguageChange; it arrives on the next pass
    EXPECT_EQ(window.sidebar()->entryText(0), QStringLiteral("数据集"));
    EXPECT_EQ(window.modelPage()->title(), QStringLiteral("模型"));
    EXPECT_EQ(window.trainingPage()->charts()->lossChart()->yAxis->label(), QStringLiteral("交叉熵"));
    m_languages.apply(QStringLiteral("en"));
    QCoreApplication::processEvents();
    EXPECT_EQ(window.sidebar()->entryText(0), QStringLiteral("Dataset"));
}

// Every text of an item model (a tree's sections and their rows), as the view shows them.
void collectItems(const QAbstractItemModel& model, const QModelIndex& parent, const QString& where,
                  QList<Text>& texts) {
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        texts.append({where, index.data().toString()});
        collectItems(model, index, where, texts);
    }
}

// The whole application, started in English, with texts on screen that the controllers composed: the
// banners, the scan report's findings (core's, as data), the training log. Switching to Chinese re-words
// them all at once.
class LanguageSwitch : public test::WorkbenchTest {
protected:
    void SetUp() override { ASSERT_EQ(m_languages.apply(QStringLiteral("en")), QStringLiteral("en")); }
    void TearDown() override { m_languages.apply(QStringLiteral("en")); }
    LanguageManager m_languages;
};

TEST_F(LanguageSwitch, BannersScanFindingsAndTheLogAreRewordedWithNoEnglishLeft) {
    Workbench& bench = makeWorkbench();
    MainWindow& window = bench.window();
    // 猫 has two images; 狗 only a broken file: not trainable, with warnings and a skipped file.
    const auto root = m_dir / "宠物";
    test::writePng(root / "猫" / "1.png", Qt::red);
    test::writePng(root / "猫" / "2.png", Qt::blue);
    test::writeText(root / "狗" / "坏.jpg", "not a JPEG");
    window.openDatasetFolder(test::qpath(root));
    ASSERT_TRUE(test::waitUntil([&] { return window.datasetPage()->hasDataset(); }));
    ASSERT_FALSE(window.datasetPage()->overview().trainable);
    window.trainingPage()->requestStart();   // refused: the Training page's banner says why
    bench.evaluation().evaluate(QString());  // no model yet
    bench.prediction().predict({test::qpath(root / "猫" / "1.png")});
    window.trainingPage()->appendLog([] { return MainWindow::tr("Dataset"); });
    PredictionResult prediction;  // a card with its thresholds' answer and the top class marked
    prediction.topK = {{QStringLiteral("猫"), 0.55}, {QStringLiteral("狗"), 0.45}};
    prediction.unknownAnswer = true;
    prediction.image = QImage(8, 8, QImage::Format_RGB32);
    window.predictPage()->addPrediction(prediction);
    ASSERT_TRUE(window.trainingPage()->banner()->isVisibleTo(window.trainingPage()));
    const QString englishHeadline = window.trainingPage()->banner()->headline();
    const QString englishDetails = window.trainingPage()->banner()->details();
    EXPECT_TRUE(
        englishDetails.contains(QStringLiteral("The class “狗” has no usable images (1 file skipped)")))
        << englishDetails.toStdString();

    m_languages.apply(QStringLiteral("zh_CN"));
    QCoreApplication::processEvents();

    EXPECT_NE(window.trainingPage()->banner()->headline(), englishHeadline);
    EXPECT_TRUE(window.trainingPage()->banner()->details().contains(QStringLiteral("类别“狗”没有可用的图像")))
        << window.trainingPage()->banner()->details().toStdString();
    EXPECT_TRUE(window.trainingPage()->logText().endsWith(QStringLiteral("数据集")))
        << window.trainingPage()->logText().toStdString();
    QList<Text> texts = collectTexts(&window);
    for (const auto* model : window.datasetPage()->findChildren<const ScanReportModel*>())
        collectItems(*model, QModelIndex(), QStringLiteral("scan report"), texts);
    for (Page* page : {static_cast<Page*>(window.datasetPage()), static_cast<Page*>(window.trainingPage()),
                       static_cast<Page*>(window.evaluationPage()), static_cast<Page*>(window.predictPage())})
        texts.append({page->title() + QStringLiteral(" banner"),
                      page->banner()->headline() + QLatin1Char(' ') + page->banner()->details()});
    expectNoEnglish(texts);
}

// A real run (SqueezeNet with its ImageNet weights on hymenoptera_tiny, exact head), its log written in
// English: after a switch to Chinese every line of it, core's included, reads in Chinese.
class LanguageSwitchAfterARun : public test::TrainingWorkbenchTest {
protected:
    void SetUp() override { ASSERT_EQ(m_languages.apply(QStringLiteral("en")), QStringLiteral("en")); }
    void TearDown() override { m_languages.apply(QStringLiteral("en")); }
    LanguageManager m_languages;
};

TEST_F(LanguageSwitchAfterARun, EveryLineOfTheTrainingLogIsReworded) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet());
    setEpochs(2);
    TrainingPage* page = workbench().window().trainingPage();
    QComboBox* solver = page->settingsForm()->headSolverBox();
    solver->setCurrentIndex(solver->findData(QStringLiteral("exact")));
    clickStart();
    ASSERT_TRUE(waitForTrainingToEnd());
    const QString english = page->logText();
    for (const char* line : {"ImageNet weights: ", "Frozen prefix: ", "Solving the head exactly",
                             "Exact head: L2", "Calibration: temperature", "Saved the model to "})
        EXPECT_TRUE(english.contains(QString::fromLatin1(line))) << line << " in\n" << english.toStdString();

    m_languages.apply(QStringLiteral("zh_CN"));
    QCoreApplication::processEvents();
    const QStringList lines = page->logText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    EXPECT_GT(lines.size(), 10);
    // The dataset's class names are data, English here.
    static const QRegularExpression classNames(QStringLiteral("\\b(ants|bees)\\b"));
    for (QString line : lines)
        EXPECT_TRUE(untranslatedRemainder(line.remove(classNames)).isEmpty()) << line.toStdString();
}

}  // namespace
}  // namespace tlw::ui
