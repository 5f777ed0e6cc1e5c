#include "ui/controllers/training_controller.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <cstdio>
#include <functional>

#include "core/models/trained_model.h"
#include "core/train/training_config.h"
#include "core/train/training_history.h"
#include "core/train/training_session.h"
#include "tests/support/shared_data.h"
#include "tests/ui/training_fixture.h"
#include "ui/adapters/paths.h"
#include "ui/charts/accuracy_chart.h"
#include "ui/charts/cross_validation_chart.h"
#include "ui/charts/loss_chart.h"
#include "ui/charts/training_charts.h"
#include "ui/controllers/trained_model_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/evaluation_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/predict_page.h"
#include "ui/pages/training_page.h"
#include "ui/util/event_loop_stall_detector.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/training_settings_form.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

class TrainingControllerTest : public test::TrainingWorkbenchTest {
protected:
    TrainingPage* page() { return workbench().window().trainingPage(); }
    // Random flips keep the frozen layers out of the cache: every epoch runs the whole network, slow
    // enough (a few tenths of a second) for a stop to land in the middle of a run.
    void slowDownEpochs() { page()->settingsForm()->flipBox()->setChecked(true); }
};

TEST_F(TrainingControllerTest, ATwoEpochRunFillsBothChartsReEnablesStartAndGivesASavableModel) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data: hymenoptera_tiny or SqueezeNet weights";
    ASSERT_TRUE(prepareTinySqueezeNet());
    setEpochs(2);
    QSignalSpy finished(&workbench().training(), &TrainingController::runFinished);
    clickStart();
    EXPECT_TRUE(workbench().training().isRunning());
    EXPECT_FALSE(page()->startButton()->isEnabled());
    EXPECT_TRUE(page()->stopButton()->isEnabled());
    ASSERT_TRUE(waitForTrainingToEnd());
    ASSERT_EQ(finished.count(), 1) << page()->banner()->headline().toStdString() << " "
                                   << page()->banner()->details().toStdString();

    EXPECT_EQ(accuracyPoints(false), 2);
    EXPECT_EQ(accuracyPoints(true), 2);
    EXPECT_EQ(lossPoints(false), 2);
    EXPECT_EQ(lossPoints(true), 2);
    EXPECT_TRUE(page()->startButton()->isEnabled());
    EXPECT_FALSE(page()->stopButton()->isEnabled());
    EXPECT_FALSE(page()->charts()->accuracyChart()->hasFineTuneMarker());
    EXPECT_TRUE(page()->progressText().startsWith(QStringLiteral("Finished: 2 epoch")))
        << page()->progressText().toStdString();
    const QString log = page()->logText();
    EXPECT_TRUE(log.contains(QStringLiteral("Epoch 2/2 - "))) << log.toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("val_accuracy: "))) << log.toStdString();
    // SqueezeNet's base is frozen by default: the cache does the frozen layers once.
    EXPECT_TRUE(page()->cacheText().startsWith(QStringLiteral("Frozen-prefix cache in use")))
        << page()->cacheText().toStdString();

    // The run's model, in the default models folder, becomes the workbench's model...
    const QString model = workbench().training().outputModel();
    EXPECT_TRUE(model.startsWith(workbench().training().defaultModelsFolder())) << model.toStdString();
    EXPECT_TRUE(model.endsWith(QStringLiteral(".tlwm")));
    ASSERT_TRUE(waitUntil([&] { return workbench().trainedModels().hasModel(); }));
    EXPECT_EQ(workbench().trainedModels().info().path, model);
    EXPECT_EQ(workbench().trainedModels().info().classNames,
              (QStringList{QStringLiteral("ants"), QStringLiteral("bees")}));
    QAction* save = workbench().window().findChild<QAction*>(QStringLiteral("saveModelAction"));
    ASSERT_NE(save, nullptr);
    EXPECT_TRUE(save->isEnabled());

    // ...which File > Save Model writes elsewhere, loadable, with the same classes.
    const auto saved = m_dir / "saved" / "ants-bees.tlwm";
    std::filesystem::create_directories(saved.parent_path());
    QSignalSpy savedSpy(&workbench().trainedModels(), &TrainedModelController::modelSaved);
    emit workbench().window().saveModelRequested(qpath(saved));
    ASSERT_TRUE(waitUntil([&] { return savedSpy.count() == 1; }));
    const tlw::TrainedModel reloaded = tlw::TrainedModel::load(saved);
    EXPECT_EQ(reloaded.description().classNames, (std::vector<std::string>{"ants", "bees"}));
    EXPECT_EQ(reloaded.description().imageSize.width, 64);
}

// Counts the resizes a widget gets while a condition holds.
class ResizeCounter : public QObject {
public:
    ResizeCounter(QWidget* widget, std::function<bool()> counting) : m_counting(std::move(counting)) {
        widget->installEventFilter(this);
    }
    int count() const { return m_count; }

protected:
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Resize && m_counting()) ++m_count;
        return false;
    }

private:
    std::function<bool()> m_counting;
    int m_count = 0;
};

// A chart resized mid-run reallocates its buffers and repaints whole on the UI thread while training keeps
// every core busy. The lines above the charts change their text from Start to the last epoch, not the
// layout (the cache's line appearing at the first phase used to move them once a run).
TEST_F(TrainingControllerTest, TheChartsKeepTheirSizeFromStartToTheLastEpoch) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet());
    setEpochs(3);
    workbench().window().repaint();  // laid out as a user's window is before Start
    ResizeCounter resizes(page()->charts()->accuracyChart(), [this] { return accuracyPoints(false) < 3; });
    clickStart();
    ASSERT_TRUE(waitForTrainingToEnd());
    EXPECT_EQ(accuracyPoints(false), 3);
    EXPECT_FALSE(page()->cacheText().isEmpty());
    EXPECT_EQ(resizes.count(), 0);
}

TEST_F(TrainingControllerTest, TwoPhasesShowTheFineTuneMarkerAtThePhaseBoundary) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet());
    setEpochs(1);
    TrainingSettingsForm* form = page()->settingsForm();
    form->fineTuneBox()->setChecked(true);
    // SqueezeNet's preset: fire8 on, as the Model page's "Fine-Tune fire8–fire9".
    EXPECT_TRUE(form->fineTuneLayerLabel()->text().startsWith(QStringLiteral("From fire8")))
        << form->fineTuneLayerLabel()->text().toStdString();
    tlw::TrainingConfig settings = form->settings();
    ASSERT_TRUE(settings.fineTune);
    settings.fineTune->epochs = 1;
    form->setSettings(settings);
    clickStart();
    ASSERT_TRUE(waitForTrainingToEnd());
    EXPECT_EQ(accuracyPoints(false), 2);
    ASSERT_TRUE(page()->charts()->accuracyChart()->hasFineTuneMarker());
    EXPECT_DOUBLE_EQ(page()->charts()->accuracyChart()->fineTuneStart(), 1.5);
    EXPECT_TRUE(page()->logText().contains(QStringLiteral("Phase 2: epochs 2–2")))
        << page()->logText().toStdString();
}

// Issue 17: a two-phase run kept a phase-1 epoch and said nothing. Which epoch is kept is a choice on the
// form; the charts ring the kept epoch and the finished line names it, and says when fine-tuning did not
// beat phase 1.
TEST_F(TrainingControllerTest, TheKeptEpochFollowsTheChoiceOnTheChartsAndInTheFinishedLine) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet());
    setEpochs(1);
    TrainingSettingsForm* form = page()->settingsForm();
    tlw::TrainingConfig settings = form->settings();
    settings.fineTune = tlw::FineTuneSettings{};
    settings.fineTune->epochs = 2;
    form->setSettings(settings);
    for (const tlw::KeptWeights kept : {tlw::KeptWeights::Last, tlw::KeptWeights::Best}) {
        SCOPED_TRACE(tlw::keptWeightsId(kept));
        QComboBox* keep = form->keptWeightsBox();
        keep->setCurrentIndex(keep->findData(QString::fromStdString(tlw::keptWeightsId(kept))));
        clickStart();
        ASSERT_TRUE(waitForTrainingToEnd());
        ASSERT_TRUE(workbench().training().lastResult());
        const tlw::TrainingHistory& history = workbench().training().lastResult()->history;
        ASSERT_EQ(history.epochs.size(), 3u);
        const int expected = kept == tlw::KeptWeights::Last ? 3 : history.bestEpoch;
        EXPECT_EQ(history.keptEpoch, expected);
        EXPECT_EQ(page()->charts()->accuracyChart()->keptEpoch(), expected);
        EXPECT_EQ(page()->charts()->lossChart()->keptEpoch(), expected);
        EXPECT_EQ(page()->charts()->accuracyChart()->keptLabel(), QStringLiteral("Kept weights"));
        const QString finished = page()->progressText();
        const QString keptText =
            expected == history.bestEpoch
                ? QStringLiteral("The model holds the weights of epoch %1, the best by val_loss.")
                      .arg(expected)
                : QStringLiteral(
                      "The model holds the weights of the last epoch, 3; the best by val_loss was "
                      "epoch %1.")
                      .arg(history.bestEpoch);
        EXPECT_TRUE(finished.contains(keptText)) << finished.toStdString();
        EXPECT_EQ(
            finished.contains(QStringLiteral("Fine-tuning did not improve on phase 1's best val_loss.")),
            tlw::fineTuningImproved(history) == false)
            << finished.toStdString();
    }
}

TEST_F(TrainingControllerTest, AStoppedRunSaysSoOnTheBarAndANewRunClearsTheOldBanner) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet());
    setEpochs(50);
    slowDownEpochs();
    clickStart();
    ASSERT_TRUE(waitUntil([&] { return accuracyPoints(false) >= 1; }));
    QTest::mouseClick(page()->stopButton(), Qt::LeftButton);
    ASSERT_TRUE(waitForTrainingToEnd());
    EXPECT_TRUE(page()->progressBar()->isTextVisible());
    EXPECT_TRUE(page()->progressBar()->text().startsWith(QStringLiteral("Stopped at")))
        << page()->progressBar()->text().toStdString();
    EXPECT_TRUE(page()->banner()->isVisible());  // "Training stopped. ..."

    setEpochs(1);
    clickStart();
    EXPECT_FALSE(page()->banner()->isVisible());
    EXPECT_FALSE(page()->progressBar()->isTextVisible());
    ASSERT_TRUE(waitForTrainingToEnd());
}

TEST_F(TrainingControllerTest, AnExactHeadRunShowsTheCrossValidationCurveInsteadOfEpochCurves) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet());
    setEpochs(3);
    QComboBox* solver = page()->settingsForm()->headSolverBox();
    solver->setCurrentIndex(solver->findData(QStringLiteral("exact")));
    EXPECT_EQ(solver->currentText(), QStringLiteral("Exact (L-BFGS, cross-validated)"));
    EXPECT_FALSE(page()->charts()->crossValidationShown());
    clickStart();
    ASSERT_TRUE(waitForTrainingToEnd());

    TrainingCharts* charts = page()->charts();
    EXPECT_TRUE(charts->crossValidationShown());
    EXPECT_FALSE(charts->epochChartsShown());  // one solve, not three epochs
    const CrossValidationChart* chart = charts->crossValidationChart();
    EXPECT_EQ(chart->pointCount(), 13);
    EXPECT_EQ(chart->lossGraph()->dataCount(), 13);
    EXPECT_GT(chart->chosenStrength(), 0.0);
    EXPECT_EQ(chart->xAxis->scaleType(), QCPAxis::stLogarithmic);
    EXPECT_TRUE(chart->title().contains(QStringLiteral("Cross-Validation"))) << chart->title().toStdString();
    EXPECT_TRUE(page()->logText().contains(QStringLiteral("Exact head: L2")))
        << page()->logText().toStdString();
    EXPECT_EQ(accuracyPoints(false), 1);

    // A new run clears it.
    page()->clearRun();
    EXPECT_FALSE(charts->crossValidationShown());
    EXPECT_TRUE(charts->epochChartsShown());
}

TEST_F(TrainingControllerTest, StopKeepsACheckpointAndResumeLastRunCarriesOnTheSameHistory) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet(96));
    setEpochs(4);
    slowDownEpochs();
    clickStart();
    // Stop as soon as the first epoch is on the charts.
    ASSERT_TRUE(waitUntil([&] { return accuracyPoints(false) >= 1 || !workbench().training().isRunning(); }));
    QTest::mouseClick(page()->stopButton(), Qt::LeftButton);
    EXPECT_FALSE(page()->stopButton()->isEnabled());  // one stop is enough
    ASSERT_TRUE(waitForTrainingToEnd());
    const int stoppedAt = accuracyPoints(false);
    ASSERT_GE(stoppedAt, 1);
    ASSERT_LT(stoppedAt, 4) << "the run ended before Stop took effect";
    EXPECT_TRUE(page()->progressText().startsWith(QStringLiteral("Stopped after %1 epoch").arg(stoppedAt)))
        << page()->progressText().toStdString();
    const QString model = workbench().training().outputModel();
    EXPECT_TRUE(std::filesystem::exists(tlw::checkpointPathFor(toPath(model))));
    ASSERT_TRUE(page()->resumeLastAction()->isEnabled());

    page()->resumeLastAction()->trigger();
    EXPECT_TRUE(workbench().training().isRunning());
    ASSERT_TRUE(waitForTrainingToEnd());
    // The earlier epochs come back from the history beside the model; the rest are new.
    EXPECT_EQ(accuracyPoints(false), 4);
    EXPECT_EQ(accuracyPoints(true), 4);
    EXPECT_EQ(workbench().training().outputModel(), model);
    EXPECT_TRUE(page()->logText().contains(QStringLiteral("Carrying on at epoch %1").arg(stoppedAt + 1)))
        << page()->logText().toStdString();
}

TEST_F(TrainingControllerTest, ARunOnADatasetWithATestSplitShowsItsTestFiguresOnTheEvaluationPage) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    // train/, val/ and test/ folders of two classes, every image a different colour.
    const auto root = m_dir / "colours";
    int shade = 0;
    for (const char* subset : {"train", "val", "test"})
        for (const char* name : {"red", "blue"})
            for (int i = 0; i < (std::string(subset) == "train" ? 6 : 3); ++i, shade += 7) {
                const QColor colour =
                    std::string(name) == "red" ? QColor(200, shade % 120, 40) : QColor(40, shade % 120, 200);
                test::writePng(root / subset / name / (std::to_string(i) + ".png"), colour, 64);
            }
    ASSERT_TRUE(prepareSqueezeNet(root));
    setEpochs(1, 4);
    clickStart();
    ASSERT_TRUE(waitForTrainingToEnd());
    EvaluationPage* evaluation = workbench().window().evaluationPage();
    ASSERT_TRUE(waitUntil([&] { return evaluation->hasResults(); }));
    EXPECT_EQ(evaluation->summary().imageCount, 6);
    EXPECT_TRUE(evaluation->summary().source.text().startsWith(
        QStringLiteral("the test split, evaluated at the end")))
        << evaluation->summary().source.text().toStdString();
    EXPECT_EQ(evaluation->modelInfo().path, workbench().training().outputModel());
}

// Issue 17: a new run's model silently cleared the Predict page's cards. Start now asks first; declining
// starts nothing and keeps them, accepting trains and clears them once the new model is in use.
TEST_F(TrainingControllerTest, StartAsksBeforeANewModelClearsThePredictPagesCards) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet());
    setEpochs(1);
    PredictPage* predict = workbench().window().predictPage();
    PredictionResult card;
    card.imagePath = QStringLiteral("/nowhere/ant.jpg");
    card.topK = {{QStringLiteral("ants"), 0.9}, {QStringLiteral("bees"), 0.1}};
    predict->addPrediction(card);
    ASSERT_EQ(predict->predictionCount(), 1);

    QString question;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    QTimer answerer;
    QObject::connect(&answerer, &QTimer::timeout, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box == nullptr || box->objectName() != QStringLiteral("clearPredictionsBox")) return;
        question = box->text();
        if (answer == QMessageBox::Cancel) return box->button(QMessageBox::Cancel)->click();
        box->defaultButton()->click();  // "Train and Clear Them"
    });
    answerer.start(10);
    clickStart();
    EXPECT_EQ(question, QStringLiteral("The Predict page shows 1 prediction(s) of the current model."));
    EXPECT_FALSE(workbench().training().isRunning());
    EXPECT_EQ(predict->predictionCount(), 1);

    question.clear();
    answer = QMessageBox::Yes;
    clickStart();
    answerer.stop();
    EXPECT_FALSE(question.isEmpty());
    ASSERT_TRUE(workbench().training().isRunning());
    ASSERT_TRUE(waitForTrainingToEnd());
    ASSERT_TRUE(waitUntil([&] { return predict->modelInfo().path == workbench().training().outputModel(); }));
    EXPECT_EQ(predict->predictionCount(), 0);
}

// A resumed run saves its model too, which replaces the cards: it asks first, as Start does.
TEST_F(TrainingControllerTest, ResumeAsksBeforeItsModelClearsThePredictPagesCards) {
    makeWorkbench();
    PredictionResult card;
    card.imagePath = QStringLiteral("/nowhere/ant.jpg");
    card.topK = {{QStringLiteral("ants"), 1.0}};
    workbench().window().predictPage()->addPrediction(card);
    bool asked = false;
    QTimer answerer;
    QObject::connect(&answerer, &QTimer::timeout, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box == nullptr || box->objectName() != QStringLiteral("clearPredictionsBox")) return;
        asked = true;
        box->button(QMessageBox::Cancel)->click();
    });
    answerer.start(10);
    const QString checkpoint = qpath(m_dir / "run.tlwm.checkpoint");
    EXPECT_FALSE(workbench().training().resume(checkpoint));
    answerer.stop();
    EXPECT_TRUE(asked);
    EXPECT_FALSE(workbench().training().isRunning());
    EXPECT_EQ(workbench().window().predictPage()->predictionCount(), 1);
}

TEST_F(TrainingControllerTest, WithoutADatasetStartExplainsWhatIsMissing) {
    makeWorkbench();
    QTest::mouseClick(page()->startButton(), Qt::LeftButton);
    EXPECT_FALSE(workbench().training().isRunning());
    EXPECT_TRUE(page()->banner()->isVisible());
    EXPECT_EQ(page()->banner()->headline(), QStringLiteral("Open a dataset folder first (Dataset page)."));
}

TEST_F(TrainingControllerTest, MissingWeightsStopTheRunBeforeItStartsAndSaySo) {
    const auto tiny = tlw::test::sharedDataset("hymenoptera_tiny");
    TLW_REQUIRE_SHARED(tiny);
    makeWorkbench();  // no weights anywhere: VGG16's are missing
    workbench().window().openDatasetFolder(qpath(tiny));
    ASSERT_TRUE(waitUntil([&] { return workbench().window().datasetPage()->hasDataset(); }));
    clickStart();
    EXPECT_FALSE(workbench().training().isRunning());
    EXPECT_EQ(page()->banner()->headline(), QStringLiteral("The pretrained weights are missing."));
}

TEST_F(TrainingControllerTest, ClosingTheWindowMidTrainingAsksStopsWritesTheCheckpointAndCloses) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet(96));
    setEpochs(50);
    slowDownEpochs();
    clickStart();
    ASSERT_TRUE(waitUntil([&] { return accuracyPoints(false) >= 1; }));
    MainWindow& window = workbench().window();
    // Answer the questions the window asks, as a user would: the project is not saved (don't), training
    // is running (stop it).
    bool asked = false;
    QTimer answerer;
    QObject::connect(&answerer, &QTimer::timeout, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box == nullptr) return;
        if (box->objectName() == QStringLiteral("unsavedProjectBox"))
            return box->button(QMessageBox::Discard)->click();
        asked = true;
        box->button(QMessageBox::Yes)->click();
    });
    answerer.start(10);
    window.close();
    answerer.stop();
    EXPECT_TRUE(asked);
    EXPECT_TRUE(window.isVisible());  // not before the checkpoint is written
    EXPECT_TRUE(window.isClosingAfterTraining());
    ASSERT_TRUE(waitUntil([&] { return !window.isVisible(); }, 60000));
    EXPECT_FALSE(workbench().training().isRunning());
    EXPECT_LT(accuracyPoints(false), 50);
    EXPECT_TRUE(
        std::filesystem::exists(tlw::checkpointPathFor(toPath(workbench().training().outputModel()))));
    m_workbench.reset();  // and it goes without a crash or a thread left behind
}

TEST_F(TrainingControllerTest, DestroyingTheWorkbenchDuringARunStopsItAndJoinsTheThread) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet(96));
    setEpochs(50);
    slowDownEpochs();
    clickStart();
    ASSERT_TRUE(waitUntil([&] { return accuracyPoints(false) >= 1; }));
    const auto checkpoint = tlw::checkpointPathFor(toPath(workbench().training().outputModel()));
    m_workbench.reset();  // as when the application quits without asking: stop, checkpoint, join
    EXPECT_TRUE(std::filesystem::exists(checkpoint));
}

// Runs alone (ctest's responsiveness entry): training keeps every core busy meanwhile.
class TrainingResponsiveness : public test::TrainingWorkbenchTest {};

TEST_F(TrainingResponsiveness, ATrainingRunNeverStallsTheUiThreadAbove50ms) {
    if (!haveSharedData()) GTEST_SKIP() << "missing shared data";
    ASSERT_TRUE(prepareTinySqueezeNet());
    setEpochs(3);
    workbench().window().trainingPage()->charts()->setBatchCurvesVisible(true);
    // A user's window has been on screen before Start is pressed: its first paint (fonts, glyph caches, about
    // 20 ms offscreen) belongs to opening the window, not to the run.
    workbench().window().repaint();
    EventLoopStallDetector detector;
    detector.start();
    clickStart();
    ASSERT_TRUE(waitForTrainingToEnd());
    ASSERT_TRUE(waitUntil([&] { return workbench().trainedModels().hasModel(); }));
    detector.stop();
    std::printf("longest UI-thread stall during a 3-epoch run: %.1f ms\n", detector.longestGapMs());
    EXPECT_EQ(accuracyPoints(false), 3);
    EXPECT_LT(detector.longestGapMs(), 50.0);
}

}  // namespace
}  // namespace tlw::ui
