#include "ui/controllers/demo_controller.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "tests/ui/workbench_fixture.h"
#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/pages/dataset_page.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {
namespace {

using test::qpath;
using test::waitUntil;

class DemoControllerTest : public test::WorkbenchTest {
protected:
    void SetUp() override {
        makeWorkbench();
        tlw::DemoOptions options;
        options.classes = 2;
        options.perClass = 4;
        options.imageSize = 48;
        workbench().demo().setOptions(options);
    }
    DatasetPage* page() { return workbench().window().datasetPage(); }
    bool waitForDemo() {
        return waitUntil([this] {
            return !workbench().demo().isGenerating() && !workbench().datasets().isScanning() &&
                   !page()->isBusy();
        });
    }
};

TEST_F(DemoControllerTest, TheStartPageButtonGeneratesTheDemoSetInXdgDataHomeAndOpensIt) {
    const auto expected = m_home / ".local" / "share" / "tlworkbench" / "demo-seals";
    EXPECT_EQ(workbench().demo().folder(), qpath(expected));
    QSignalSpy opened(&workbench().demo(), &DemoController::demoOpened);
    auto* button = page()->findChild<QPushButton*>(QStringLiteral("demoButton"));
    ASSERT_NE(button, nullptr);
    ASSERT_TRUE(button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    EXPECT_TRUE(page()->isBusy());
    ASSERT_TRUE(waitForDemo());
    ASSERT_EQ(opened.count(), 1);
    EXPECT_TRUE(tlw::isDemoSet(expected));
    ASSERT_TRUE(page()->hasDataset());
    EXPECT_EQ(page()->folder(), qpath(expected));
    EXPECT_EQ(page()->classCount(), 2);
    EXPECT_EQ(page()->overview().usableImages, 8);
}

TEST_F(DemoControllerTest, TheHelpMenuOpensAnExistingDemoSetWithoutDrawingItAgain) {
    const auto folder = m_home / ".local" / "share" / "tlworkbench" / "demo-seals";
    tlw::DemoOptions options;
    options.classes = 3;
    options.perClass = 2;
    options.imageSize = 40;
    tlw::generateSealDemo(folder, options);
    const auto written = std::filesystem::last_write_time(folder / "README.txt");
    auto* action = workbench().window().findChild<QAction*>(QStringLiteral("demoAction"));
    ASSERT_NE(action, nullptr);
    action->trigger();
    EXPECT_FALSE(workbench().demo().isGenerating());
    ASSERT_TRUE(waitForDemo());
    EXPECT_EQ(page()->classCount(), 3);
    EXPECT_EQ(std::filesystem::last_write_time(folder / "README.txt"), written);
}

TEST_F(DemoControllerTest, AFolderThatIsNotADemoSetIsLeftAloneAndTheErrorShown) {
    const auto folder = m_dir / "my_photos";
    test::writeText(folder / "holiday.txt", "mine");
    workbench().demo().setFolder(qpath(folder));
    workbench().demo().openDemo();
    ASSERT_TRUE(waitForDemo());
    EXPECT_FALSE(page()->hasDataset());
    EXPECT_TRUE(page()->banner()->isVisible());
    EXPECT_TRUE(std::filesystem::exists(folder / "holiday.txt"));
}

}  // namespace
}  // namespace tlw::ui
