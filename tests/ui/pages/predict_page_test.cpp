#include "ui/pages/predict_page.h"

#include <gtest/gtest.h>

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>

#include "ui/widgets/drop_zone.h"

namespace tlw::ui {
namespace {

PredictionResult antOrBee(double ants) {
    PredictionResult result;
    result.imagePath = QStringLiteral("/nowhere/ant.jpg");
    result.topK = {{QStringLiteral("ants"), ants}, {QStringLiteral("bees"), 1.0 - ants}};
    return result;
}

// Issue 17: every class looked alike on a card; the top one now stands out in weight and a marker too,
// not in colour alone.
TEST(PredictPage, TheTopClassOfACardStandsOutByWeightMarkerAndColour) {
    PredictPage page;
    page.addPrediction(antOrBee(0.8));
    ASSERT_EQ(page.cards().size(), 1);
    const PredictionCard* card = page.cards().front();
    const QLabel* top = card->findChild<QLabel*>(QStringLiteral("topClassLabel"));
    ASSERT_NE(top, nullptr);
    EXPECT_TRUE(top->text().endsWith(QStringLiteral("ants"))) << top->text().toStdString();
    EXPECT_NE(top->text(), QStringLiteral("ants"));  // a marker before the name
    EXPECT_TRUE(top->font().bold());
    EXPECT_FALSE(top->toolTip().isEmpty());
    const QList<QLabel*> labels = card->findChildren<QLabel*>();
    const auto runnerUp = std::find_if(labels.begin(), labels.end(), [](const QLabel* label) {
        return label->text() == QStringLiteral("bees");
    });
    ASSERT_NE(runnerUp, labels.end());
    EXPECT_FALSE((*runnerUp)->font().bold());

    const QList<QProgressBar*> bars = card->findChildren<QProgressBar*>(QStringLiteral("probabilityBar"));
    ASSERT_EQ(bars.size(), 2);
    const auto topBar = std::find_if(
        bars.begin(), bars.end(), [](const QProgressBar* bar) { return bar->property("topClass").toBool(); });
    ASSERT_NE(topBar, bars.end());
    EXPECT_EQ((*topBar)->value(), 800);
    const QProgressBar* otherBar = bars.front() == *topBar ? bars.back() : bars.front();
    EXPECT_NE((*topBar)->palette().color(QPalette::Highlight),
              otherBar->palette().color(QPalette::Highlight));
}

// Issue 17: the empty page's text spoke of buttons it did not have. Every button it offers is named in
// its text, and Choose Folder… is one of them.
TEST(PredictPage, TheEmptyTextNamesEveryButtonBelowIt) {
    PredictPage page;
    const QList<QPushButton*> buttons = page.dropZone()->findChildren<QPushButton*>();
    ASSERT_GE(buttons.size(), 3);
    EXPECT_TRUE(buttons.contains(page.chooseFolderButton()));
    const QString text = page.dropZone()->headline() + QLatin1Char(' ') + page.dropZone()->hint();
    for (const QPushButton* button : buttons)
        EXPECT_TRUE(text.contains(button->text()))
            << button->text().toStdString() << " not in: " << text.toStdString();
}

TEST(PredictPage, ChooseFolderAsksForAFolderAndClassifiesItAsADroppedOne) {
    PredictPage page;
    QStringList starts;
    QString answer;
    page.setFolderDialog([&](const QString& start) {
        starts << start;
        return answer;
    });
    QSignalSpy requested(&page, &PredictPage::imagesRequested);
    page.chooseFolderButton()->click();  // cancelled
    EXPECT_EQ(requested.count(), 0);
    answer = QStringLiteral("/data/unsorted");
    page.chooseFolderButton()->click();
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.front().front().toStringList(), QStringList{answer});
    // With results shown, the same action sits beside Add Images… and opens where the last one did.
    page.addPrediction(antOrBee(0.6));
    page.addFolderButton()->click();
    EXPECT_EQ(requested.count(), 2);
    EXPECT_EQ(starts.last(), answer);
}

}  // namespace
}  // namespace tlw::ui
