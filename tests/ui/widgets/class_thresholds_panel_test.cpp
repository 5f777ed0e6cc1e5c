#include "ui/widgets/class_thresholds_panel.h"

#include <gtest/gtest.h>

#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>

#include "ui/charts/coverage_chart.h"

namespace tlw::ui {
namespace {

// Three classes, four images: sure and right, sure and right, unsure and right, sure and wrong.
class ClassThresholdsPanelTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_panel.setImages({QStringLiteral("oak"), QStringLiteral("pine"), QStringLiteral("yew")},
                          {{0.95f, 0.03f, 0.02f}, {0.1f, 0.8f, 0.1f}, {0.4f, 0.3f, 0.3f}, {0.1f, 0.1f, 0.8f}},
                          {0, 1, 0, 1});
    }
    ClassThresholdsPanel m_panel;
};

TEST_F(ClassThresholdsPanelTest, TheSliderSetsEveryClassAndTheFiguresFollow) {
    EXPECT_TRUE(m_panel.chart()->hasCurve());
    EXPECT_TRUE(m_panel.figuresLabel()->text().contains(QStringLiteral("Coverage 100.0 %")))
        << m_panel.figuresLabel()->text().toStdString();
    m_panel.slider()->setValue(50);
    EXPECT_EQ(m_panel.thresholds(), (std::vector<double>{0.5, 0.5, 0.5}));
    ASSERT_TRUE(m_panel.point());
    EXPECT_EQ(m_panel.point()->answered, 3u);
    EXPECT_EQ(m_panel.point()->correct, 2u);
    EXPECT_TRUE(m_panel.figuresLabel()->text().contains(QStringLiteral("3 of 4 images")))
        << m_panel.figuresLabel()->text().toStdString();
    EXPECT_TRUE(m_panel.figuresLabel()->text().contains(QStringLiteral("66.7 %")))
        << m_panel.figuresLabel()->text().toStdString();
    // The ring sits at the chosen point.
    ASSERT_EQ(m_panel.chart()->marker()->dataCount(), 1);
    EXPECT_DOUBLE_EQ(m_panel.chart()->marker()->data()->at(0)->key, 0.75);
}

TEST_F(ClassThresholdsPanelTest, AClassBoxFineTunesOneClassAndSaveSendsEveryValue) {
    m_panel.slider()->setValue(50);
    m_panel.classBox(2)->setValue(0.9);  // yew must be very sure: its wrong answer becomes unknown
    EXPECT_EQ(m_panel.thresholds(), (std::vector<double>{0.5, 0.5, 0.9}));
    EXPECT_EQ(m_panel.point()->answered, 2u);
    EXPECT_DOUBLE_EQ(m_panel.point()->accuracy(), 1.0);
    EXPECT_TRUE(m_panel.figuresLabel()->text().contains(QStringLiteral("100.0 %")));

    EXPECT_FALSE(m_panel.saveButton()->isEnabled());  // until the page says the model can be saved
    m_panel.setSaveEnabled(true);
    ASSERT_TRUE(m_panel.saveButton()->isEnabled());
    QSignalSpy saved(&m_panel, &ClassThresholdsPanel::saveRequested);
    m_panel.saveButton()->click();
    ASSERT_EQ(saved.size(), 1);
    EXPECT_EQ(saved.at(0).at(0).value<std::vector<double>>(), (std::vector<double>{0.5, 0.5, 0.9}));
}

TEST_F(ClassThresholdsPanelTest, SavedThresholdsOfTheWrongLengthAreIgnored) {
    m_panel.setThresholds({0.2, 0.3, 0.4});
    EXPECT_EQ(m_panel.thresholds(), (std::vector<double>{0.2, 0.3, 0.4}));
    m_panel.setThresholds({0.9});
    EXPECT_EQ(m_panel.thresholds(), (std::vector<double>{0.2, 0.3, 0.4}));
    m_panel.clear();
    EXPECT_FALSE(m_panel.point());
    EXPECT_EQ(m_panel.classBox(0), nullptr);
}

}  // namespace
}  // namespace tlw::ui
