#include "ui/util/wheel_guard.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTest>
#include <QWheelEvent>
#include <memory>

#include "tests/support/temp_dir.h"
#include "ui/pages/training_page.h"
#include "ui/util/preferences.h"
#include "ui/widgets/training_settings_form.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

// The Training page of a real window, short enough that its settings panel scrolls.
class WheelGuardTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_window = std::make_unique<MainWindow>(m_preferences, nullptr);
        m_window->resize(1024, 600);
        m_window->showPage(MainWindow::PageId::Training);
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
        // Activation focuses the first box of the form; a user scrolling the panel has clicked elsewhere.
        m_window->trainingPage()->startButton()->setFocus(Qt::MouseFocusReason);
        m_form = m_window->trainingPage()->settingsForm();
        m_scroll = qobject_cast<QScrollArea*>(m_form->parentWidget()->parentWidget());
        ASSERT_NE(m_scroll, nullptr);
        ASSERT_GT(m_scroll->verticalScrollBar()->maximum(), 0) << "the panel must scroll for this test";
    }

    // One notch of a mouse wheel turned towards the user, over the middle of `widget`.
    static void wheelDown(QWidget* widget) {
        const QPointF position = QRectF(widget->rect()).center();
        QWheelEvent event(position, widget->mapToGlobal(position), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(widget, &event);
    }

    test::TempDir m_dir;
    Preferences m_preferences{QString::fromStdString((m_dir / "settings.ini").string())};
    std::unique_ptr<MainWindow> m_window;
    TrainingSettingsForm* m_form = nullptr;
    QScrollArea* m_scroll = nullptr;
};

// Issue 17: scrolling the settings panel changed Patience from 3 to 7 without a sign.
TEST_F(WheelGuardTest, AnUnfocusedSpinBoxLeavesTheWheelToThePanel) {
    QSpinBox* epochs = m_form->epochsBox();
    const int before = epochs->value();
    EXPECT_EQ(epochs->focusPolicy(), Qt::StrongFocus);  // the wheel alone does not focus it
    ASSERT_FALSE(epochs->hasFocus());
    wheelDown(epochs);
    EXPECT_EQ(epochs->value(), before);
    EXPECT_GT(m_scroll->verticalScrollBar()->value(), 0);
}

TEST_F(WheelGuardTest, AnUnfocusedComboBoxKeepsItsChoice) {
    QComboBox* solver = m_form->headSolverBox();
    const int before = solver->currentIndex();
    EXPECT_EQ(solver->focusPolicy(), Qt::StrongFocus);
    ASSERT_FALSE(solver->hasFocus());
    wheelDown(solver);
    EXPECT_EQ(solver->currentIndex(), before);
    EXPECT_GT(m_scroll->verticalScrollBar()->value(), 0);
}

TEST_F(WheelGuardTest, AFocusedSpinBoxTakesTheWheel) {
    QSpinBox* epochs = m_form->epochsBox();
    epochs->setFocus(Qt::MouseFocusReason);
    ASSERT_TRUE(epochs->hasFocus());
    const int before = epochs->value();
    wheelDown(epochs);
    EXPECT_EQ(epochs->value(), before - 1);
    EXPECT_EQ(m_scroll->verticalScrollBar()->value(), 0);
}

}  // namespace
}  // namespace tlw::ui
