#include "ui/widgets/run_switcher.h"

#include <gtest/gtest.h>

#include <QAction>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>

#include "core/train/run_record.h"
#include "tests/support/temp_dir.h"
#include "ui/adapters/paths.h"

namespace tlw::ui {
namespace {

tlw::RunRecord recordedRun(const std::filesystem::path& model, double valAccuracy) {
    tlw::TrainingConfig config;
    config.dataDir = "/data/flowers";
    config.outputModel = model;
    tlw::TrainingHistory history;
    history.epochs.push_back({1, 1, 0.5, 0.75, 0.4, valAccuracy});
    history.bestEpoch = history.keptEpoch = 1;
    tlw::RunRecord record = tlw::makeRunRecord(config, history, "2026-12-06T09:00:00Z", 3.0, false);
    record.finishedAt = "2026-12-06T09:01:00Z";
    tlw::writeRunRecord(record);
    return tlw::readRunRecord(tlw::runRecordPathFor(model));
}

TEST(RunSwitcherTest, NamesTheModelsRunAndOffersTheOthers) {
    tlw::test::TempDir dir;
    const tlw::RunRecord first = recordedRun(dir.path() / "first.tlwm", 0.875);
    const tlw::RunRecord second = recordedRun(dir.path() / "second.tlwm", 0.5);
    RunSwitcher switcher;
    EXPECT_TRUE(switcher.text().startsWith(QStringLiteral("No trained model yet")))
        << switcher.text().toStdString();
    EXPECT_EQ(switcher.switchButton()->text(), QStringLiteral("Switch Run…"));

    switcher.setModel(toQString(first.modelFile));
    EXPECT_TRUE(switcher.text().startsWith(QStringLiteral("Model: first.tlwm — run finished ")))
        << switcher.text().toStdString();
    EXPECT_TRUE(switcher.text().endsWith(QStringLiteral("val_accuracy 0.8750")))
        << switcher.text().toStdString();

    switcher.refreshMenu();  // no source: nothing to switch to
    ASSERT_EQ(switcher.menu()->actions().size(), 1);
    EXPECT_FALSE(switcher.menu()->actions()[0]->isEnabled());

    switcher.setRunSource([&] { return std::vector<tlw::RunRecord>{second, first}; });
    switcher.refreshMenu();
    const QList<QAction*> actions = switcher.menu()->actions();
    ASSERT_EQ(actions.size(), 2);
    EXPECT_TRUE(actions[0]->text().startsWith(QStringLiteral("second.tlwm — run finished ")))
        << actions[0]->text().toStdString();
    EXPECT_FALSE(actions[0]->isChecked());
    EXPECT_TRUE(actions[1]->isChecked());
    QSignalSpy chosen(&switcher, &RunSwitcher::runChosen);
    actions[0]->trigger();
    ASSERT_EQ(chosen.count(), 1);
    EXPECT_EQ(chosen.at(0).at(0).toString(), toQString(second.modelFile));
}

TEST(RunSwitcherTest, AModelWithoutARecordSaysSo) {
    tlw::test::TempDir dir;
    RunSwitcher switcher;
    switcher.setModel(toQString(dir.path() / "elsewhere.tlwm"));
    EXPECT_EQ(switcher.text(), QStringLiteral("Model: elsewhere.tlwm (no run record beside it)"));
}

}  // namespace
}  // namespace tlw::ui
