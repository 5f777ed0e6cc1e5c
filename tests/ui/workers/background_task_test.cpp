#include "ui/workers/background_task.h"

#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QThread>
#include <atomic>
#include <stdexcept>

#include "tests/ui/workbench_fixture.h"

namespace tlw::ui {
namespace {

using test::waitUntil;

TEST(BackgroundTask, RunsTheJobOffTheUiThreadAndItsContinuationOnIt) {
    BackgroundTask task;
    QSignalSpy succeeded(&task, &BackgroundTask::succeeded);
    QSignalSpy finished(&task, &BackgroundTask::finished);
    QThread* jobThread = nullptr;
    QThread* continuationThread = nullptr;
    int result = 0;
    task.start([&](BackgroundTask::Job&) -> std::function<void()> {
        jobThread = QThread::currentThread();
        const int computed = 6 * 7;
        return [&, computed] {
            continuationThread = QThread::currentThread();
            result = computed;
        };
    });
    EXPECT_TRUE(task.isRunning());
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
    EXPECT_FALSE(task.isRunning());
    EXPECT_EQ(succeeded.count(), 1);
    EXPECT_EQ(result, 42);
    EXPECT_NE(jobThread, QThread::currentThread());
    EXPECT_EQ(continuationThread, QThread::currentThread());
}

TEST(BackgroundTask, ReportsProgressThrottledButAlwaysTheLastStep) {
    BackgroundTask task;
    QSignalSpy progressed(&task, &BackgroundTask::progressed);
    QSignalSpy finished(&task, &BackgroundTask::finished);
    task.start([](BackgroundTask::Job& job) -> std::function<void()> {
        for (int i = 1; i <= 10000; ++i) job.progress(i, 10000);
        return {};
    });
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
    ASSERT_GE(progressed.count(), 1);
    EXPECT_LT(progressed.count(), 100);
    EXPECT_EQ(progressed.last().at(0).toLongLong(), 10000);
    EXPECT_EQ(progressed.last().at(1).toLongLong(), 10000);
}

TEST(BackgroundTask, AnExceptionBecomesFailedWithItsMessage) {
    BackgroundTask task;
    QSignalSpy failed(&task, &BackgroundTask::failed);
    QSignalSpy succeeded(&task, &BackgroundTask::succeeded);
    task.start([](BackgroundTask::Job&) -> std::function<void()> {
        throw std::runtime_error("/data/x.png: truncated PNG");
    });
    ASSERT_TRUE(waitUntil([&] { return failed.count() == 1; }));
    EXPECT_EQ(failed.at(0).at(0).toString(), QStringLiteral("/data/x.png: truncated PNG"));
    EXPECT_EQ(succeeded.count(), 0);
}

TEST(BackgroundTask, CancelStopsTheJobAndDropsItsResult) {
    BackgroundTask task;
    QSignalSpy cancelled(&task, &BackgroundTask::cancelled);
    std::atomic<bool> started{false};
    bool continued = false;
    task.start([&](BackgroundTask::Job& job) -> std::function<void()> {
        started = true;
        while (!job.cancelled()) QThread::msleep(1);
        return [&] { continued = true; };
    });
    ASSERT_TRUE(waitUntil([&] { return started.load(); }));
    task.cancel();
    ASSERT_TRUE(waitUntil([&] { return cancelled.count() == 1; }));
    EXPECT_FALSE(continued);
    EXPECT_FALSE(task.isRunning());
}

TEST(BackgroundTask, ANewJobSupersedesTheRunningOne) {
    BackgroundTask task;
    QSignalSpy finished(&task, &BackgroundTask::finished);
    QSignalSpy cancelled(&task, &BackgroundTask::cancelled);
    QStringList results;
    task.start([&](BackgroundTask::Job& job) -> std::function<void()> {
        while (!job.cancelled()) QThread::msleep(1);
        return [&] { results << QStringLiteral("first"); };
    });
    task.start([&](BackgroundTask::Job&) -> std::function<void()> {
        return [&] { results << QStringLiteral("second"); };
    });
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
    QCoreApplication::processEvents();
    EXPECT_EQ(results, QStringList{QStringLiteral("second")});
    EXPECT_EQ(cancelled.count(), 0);  // the superseded job is dropped silently
}

TEST(BackgroundTask, DestroyingItCancelsAndWaitsForTheJob) {
    std::atomic<bool> jobReturned{false};
    std::atomic<bool> started{false};
    {
        BackgroundTask task;
        task.start([&](BackgroundTask::Job& job) -> std::function<void()> {
            started = true;
            while (!job.cancelled()) QThread::msleep(1);
            jobReturned = true;
            return {};
        });
        ASSERT_TRUE(waitUntil([&] { return started.load(); }));
    }
    EXPECT_TRUE(jobReturned.load());
    QCoreApplication::processEvents();  // whatever the job posted died with the task
}

}  // namespace
}  // namespace tlw::ui
