#include <gtest/gtest.h>

#include <QFile>
#include <QTest>

#include "tests/support/temp_dir.h"
#include "ui/charts/accuracy_chart.h"
#include "ui/charts/chart_legend.h"
#include "ui/charts/cross_validation_chart.h"
#include "ui/charts/loss_chart.h"
#include "ui/charts/training_charts.h"

namespace tlw::ui {
namespace {

QByteArray readAll(const std::filesystem::path& path) {
    QFile file(QString::fromStdString(path.string()));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

TEST(TrainingCharts, TwoAppendedEpochsGiveTwoPointsPerCurve) {
    TrainingCharts charts;
    charts.appendEpoch({1, 0.69, 0.55, 0.61, 0.62});
    charts.appendEpoch({2, 0.41, 0.81, 0.38, 0.86});
    for (EpochChart* chart :
         {static_cast<EpochChart*>(charts.accuracyChart()), static_cast<EpochChart*>(charts.lossChart())}) {
        EXPECT_EQ(chart->trainingPointCount(), 2);
        EXPECT_EQ(chart->validationPointCount(), 2);
    }
    EXPECT_DOUBLE_EQ(charts.accuracyChart()->trainingGraph()->data()->at(1)->value, 0.81);
    EXPECT_DOUBLE_EQ(charts.accuracyChart()->validationGraph()->data()->at(1)->value, 0.86);
    EXPECT_DOUBLE_EQ(charts.lossChart()->trainingGraph()->data()->at(0)->value, 0.69);
    EXPECT_DOUBLE_EQ(charts.lossChart()->validationGraph()->data()->at(1)->value, 0.38);
}

TEST(TrainingCharts, TitlesAxesAndLegendsFollowTheKerasTutorial) {
    TrainingCharts charts;
    AccuracyChart* accuracy = charts.accuracyChart();
    LossChart* loss = charts.lossChart();
    EXPECT_EQ(accuracy->title(), QStringLiteral("Training and Validation Accuracy"));
    EXPECT_EQ(loss->title(), QStringLiteral("Training and Validation Loss"));
    EXPECT_EQ(loss->yAxis->label(), QStringLiteral("Cross Entropy"));
    EXPECT_EQ(accuracy->trainingGraph()->name(), QStringLiteral("Training Accuracy"));
    EXPECT_EQ(loss->validationGraph()->name(), QStringLiteral("Validation Loss"));
}

// Legends sit under the plot, never over a curve: curves reach every corner as the data goes.
TEST(TrainingCharts, LegendsSitOutsideThePlotAreas) {
    TrainingCharts charts;
    charts.resize(1000, 700);
    charts.show();
    charts.appendEpoch({1, 0.69, 0.99, 0.61, 0.98});
    charts.appendEpoch({2, 0.01, 0.35, 0.02, 0.30});
    charts.setKeptEpoch(2);
    CrossValidationChart crossValidation;
    crossValidation.resize(500, 300);
    crossValidation.show();
    tlw::HeadSolveReport report;
    report.folds = 5;
    report.path = {{1e-2, 0.9, 0.3, 10}, {1e-1, 0.95, 0.2, 10}};
    crossValidation.setReport(report);
    QCoreApplication::processEvents();
    for (QCustomPlot* chart :
         {static_cast<QCustomPlot*>(charts.accuracyChart()), static_cast<QCustomPlot*>(charts.lossChart()),
          static_cast<QCustomPlot*>(&crossValidation)}) {
        chart->replot();
        EXPECT_TRUE(legendIsOutsidePlot(*chart)) << chart->metaObject()->className();
        EXPECT_GT(chart->axisRect()->rect().height(), chart->height() / 2)
            << "the legend leaves the plot its room: " << chart->axisRect()->rect().height() << " of "
            << chart->height() << ", legend " << chart->legend->outerRect().height();
    }
    QStringList names;  // a legend's grid counts its empty cells too: its entries are these
    for (int i = 0; i < charts.accuracyChart()->legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(charts.accuracyChart()->legend->item(i)))
            names << item->plottable()->name();
    EXPECT_EQ(names, QStringList({QStringLiteral("Training Accuracy"), QStringLiteral("Validation Accuracy"),
                                  QStringLiteral("Kept weights")}));
}

// The chosen strength is said in the legend, under the ring's symbol: a label inside the plot sat on the
// curves, since the chosen point is where accuracy peaks (and loss bottoms out).
TEST(CrossValidationChart, SaysTheChosenStrengthInTheLegendNotOverTheCurves) {
    CrossValidationChart chart;
    chart.resize(500, 300);
    chart.show();
    tlw::HeadSolveReport report;
    report.folds = 5;
    report.path = {{1e-2, 0.9, 0.3, 10}, {1e-1, 0.95, 0.2, 10}, {1.0, 0.93, 0.25, 10}};
    report.chosenIndex = 1;
    report.chosenStrength = 1e-1;
    chart.setReport(report);
    QCoreApplication::processEvents();
    chart.replot();
    EXPECT_EQ(chart.chosenLabel(), QStringLiteral("Chosen: 0.1"));
    QStringList names;
    for (int i = 0; i < chart.legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(chart.legend->item(i)))
            names << item->plottable()->name();
    EXPECT_TRUE(names.contains(chart.chosenLabel())) << names.join(QStringLiteral(", ")).toStdString();
    for (int i = 0; i < chart.itemCount(); ++i)  // the dashed line only: no text inside the plot
        EXPECT_EQ(qobject_cast<QCPItemText*>(chart.item(i)), nullptr);
    EXPECT_TRUE(legendIsOutsidePlot(chart));

    chart.clear();
    EXPECT_EQ(chart.legend->itemCount(), 2);
}

TEST(TrainingCharts, AccuracyAxisRunsFromBelowTheLowestValueToOneAndLossFromZero) {
    TrainingCharts charts;
    charts.appendEpoch({1, 1.8, 0.42, 1.2, 0.5});
    charts.appendEpoch({2, 0.9, 0.7, 0.8, 0.75});
    const QCPRange accuracy = charts.accuracyChart()->yAxis->range();
    EXPECT_LT(accuracy.lower, 0.42);
    EXPECT_GT(accuracy.lower, 0.3);
    EXPECT_DOUBLE_EQ(accuracy.upper, 1.0);
    const QCPRange loss = charts.lossChart()->yAxis->range();
    EXPECT_DOUBLE_EQ(loss.lower, 0.0);
    EXPECT_GE(loss.upper, 1.8);  // a first epoch above the tutorial's fixed 1.0 must stay visible
    const QCPRange epochs = charts.accuracyChart()->xAxis->range();
    EXPECT_LT(epochs.lower, 1.0);
    EXPECT_GT(epochs.upper, 2.0);
}

TEST(TrainingCharts, EpochWithoutValidationAddsOnlyTheTrainingPoint) {
    AccuracyChart chart;
    chart.appendEpoch({1, 0.5, 0.6, -1.0, -1.0});
    EXPECT_EQ(chart.trainingPointCount(), 1);
    EXPECT_EQ(chart.validationPointCount(), 0);
}

TEST(TrainingCharts, FineTuneMarkerIsDrawnAtTheEpochWithItsLabel) {
    TrainingCharts charts;
    EXPECT_FALSE(charts.accuracyChart()->hasFineTuneMarker());
    charts.appendEpoch({1, 0.6, 0.7, 0.5, 0.75});
    charts.setFineTuneStart(10);
    for (EpochChart* chart :
         {static_cast<EpochChart*>(charts.accuracyChart()), static_cast<EpochChart*>(charts.lossChart())}) {
        EXPECT_TRUE(chart->hasFineTuneMarker());
        EXPECT_DOUBLE_EQ(chart->fineTuneStart(), 10.0);
        EXPECT_EQ(chart->fineTuneLabel(), QStringLiteral("Start Fine Tuning"));
        EXPECT_GT(chart->xAxis->range().upper, 10.0);  // the marker is inside the visible range
    }
}

TEST(TrainingCharts, ClearRemovesPointsAndMarker) {
    TrainingCharts charts;
    charts.appendEpoch({1, 0.6, 0.7, 0.5, 0.75});
    charts.appendBatch(0.5, 0.6, 0.7);
    charts.setFineTuneStart(1);
    charts.clear();
    EXPECT_EQ(charts.accuracyChart()->trainingPointCount(), 0);
    EXPECT_EQ(charts.lossChart()->validationPointCount(), 0);
    EXPECT_EQ(charts.lossChart()->batchPointCount(), 0);
    EXPECT_FALSE(charts.lossChart()->hasFineTuneMarker());
}

TEST(EpochChart, BatchCurveIsAnExponentialMovingAverage) {
    LossChart chart;
    chart.setBatchSmoothing(0.5);
    chart.appendBatch(0.25, 1.0);
    chart.appendBatch(0.5, 0.0);
    chart.appendBatch(0.75, 0.0);
    ASSERT_EQ(chart.batchPointCount(), 3);
    EXPECT_DOUBLE_EQ(chart.batchGraph()->data()->at(0)->value, 1.0);
    EXPECT_DOUBLE_EQ(chart.batchGraph()->data()->at(1)->value, 0.5);
    EXPECT_DOUBLE_EQ(chart.batchGraph()->data()->at(2)->value, 0.25);
    EXPECT_FALSE(chart.batchCurveVisible());
    chart.setBatchCurveVisible(true);
    EXPECT_TRUE(chart.batchCurveVisible());
}

TEST(EpochChart, HoverReadoutNamesTheNearestEpochAndItsValues) {
    AccuracyChart chart;
    EXPECT_TRUE(chart.readoutAt(1.0).isEmpty());
    chart.appendEpoch({1, 0.6, 0.7, 0.5, 0.75});
    chart.appendEpoch({2, 0.4, 0.85, 0.45, 0.8});
    const QString text = chart.readoutAt(2.2);
    EXPECT_TRUE(text.startsWith(QStringLiteral("Epoch 2"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Training Accuracy: 0.850"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Validation Accuracy: 0.800"))) << text.toStdString();
}

TEST(EpochChart, HoveringShowsTheTracerOnTheNearestPoint) {
    AccuracyChart chart;
    chart.resize(500, 350);
    chart.show();
    chart.appendEpoch({1, 0.6, 0.7, 0.5, 0.75});
    chart.appendEpoch({2, 0.4, 0.85, 0.45, 0.8});
    chart.replot();
    const QPoint point(static_cast<int>(chart.xAxis->coordToPixel(2.0)),
                       static_cast<int>(chart.yAxis->coordToPixel(0.85)));
    QTest::mouseMove(&chart, point);
    QCoreApplication::processEvents();
    QCPItemTracer* tracer = nullptr;
    for (int i = 0; i < chart.itemCount(); ++i)
        if (auto* candidate = qobject_cast<QCPItemTracer*>(chart.item(i))) tracer = candidate;
    ASSERT_NE(tracer, nullptr);
    EXPECT_TRUE(tracer->visible());
    EXPECT_EQ(tracer->graph(), chart.trainingGraph());
}

TEST(EpochChart, ExportWritesNonEmptyPngAndPdf) {
    test::TempDir dir;
    TrainingCharts charts;
    charts.appendEpoch({1, 0.69, 0.55, 0.61, 0.62});
    charts.appendEpoch({2, 0.41, 0.81, 0.38, 0.86});
    charts.setFineTuneStart(1);
    QString error;
    const auto png = dir / "accuracy.png";
    const auto pdf = dir / "loss.pdf";
    ASSERT_TRUE(charts.accuracyChart()->exportPng(QString::fromStdString(png.string()), &error, 400, 300))
        << error.toStdString();
    ASSERT_TRUE(charts.lossChart()->exportPdf(QString::fromStdString(pdf.string()), &error, 400, 300))
        << error.toStdString();
    const QByteArray pngBytes = readAll(png);
    const QByteArray pdfBytes = readAll(pdf);
    EXPECT_TRUE(pngBytes.startsWith("\x89PNG\r\n\x1a\n"));
    EXPECT_GT(pngBytes.size(), 2000);
    EXPECT_TRUE(pdfBytes.startsWith("%PDF-"));
    EXPECT_GT(pdfBytes.size(), 1000);
    const QImage image = QImage::fromData(pngBytes, "PNG");
    EXPECT_EQ(image.size(), QSize(800, 600));  // exported at twice the pixels
}

TEST(EpochChart, ExportIntoAMissingFolderFailsAndNamesThePath) {
    test::TempDir dir;
    LossChart chart;
    const QString path = QString::fromStdString((dir / "no" / "such" / "chart.png").string());
    QString error;
    EXPECT_FALSE(chart.exportPng(path, &error, 200, 150));
    EXPECT_TRUE(error.contains(path)) << error.toStdString();
}

}  // namespace
}  // namespace tlw::ui
