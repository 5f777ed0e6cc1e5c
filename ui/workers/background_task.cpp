#include "ui/workers/background_task.h"

#include <QMetaObject>
#include <exception>

#include "ui/workers/background_priority.h"

namespace tlw::ui {

namespace {
// More often than this the progress bar cannot show a difference, and each report is an event.
constexpr auto kProgressInterval = std::chrono::milliseconds(50);

enum class Outcome { Succeeded, Failed, Cancelled };
}  // namespace

void BackgroundTask::Job::progress(int64_t done, int64_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - m_lastProgress < kProgressInterval) return;
    m_lastProgress = now;
    BackgroundTask* owner = m_owner;
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        owner,
        [owner, generation, done, total] {
            if (generation == owner->m_generation && owner->m_running) emit owner->progressed(done, total);
        },
        Qt::QueuedConnection);
}

BackgroundTask::BackgroundTask(QObject* parent) : QObject(parent) {
    // One job at a time: a superseded job finishes (quickly, being cancelled) before the next starts, so
    // two scans never compete for the disk.
    m_pool.setMaxThreadCount(1);
}

BackgroundTask::~BackgroundTask() {
    if (m_cancel) m_cancel->store(true);
    m_pool.clear();
    m_pool.waitForDone();
    // Continuations and progress posted meanwhile are discarded with this object's pending events.
}

void BackgroundTask::start(Work work) {
    if (m_cancel) m_cancel->store(true);
    const quint64 generation = ++m_generation;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    m_running = true;
    emit started();
    m_pool.start([this, generation, cancel, work = std::move(work)] {
        runAtBackgroundPriority();  // a scan keeps every core busy: the window comes first
        Job job(this, generation, cancel);
        std::function<void()> continuation;
        Outcome outcome = Outcome::Succeeded;
        QString message;
        try {
            continuation = work(job);
        } catch (const std::exception& error) {
            outcome = Outcome::Failed;
            message = QString::fromUtf8(error.what());
        } catch (...) {
            outcome = Outcome::Failed;
            message = QStringLiteral("unknown error");
        }
        // Core reports a cancel by throwing or by returning early; either way the result is not wanted.
        if (job.cancelled()) outcome = Outcome::Cancelled;
        QMetaObject::invokeMethod(
            this,
            [this, generation, outcome, continuation, message, cancel] {
                if (generation != m_generation) return;  // superseded by a newer job
                m_running = false;
                // A cancel that came after the job's last check still means the result is not wanted.
                switch (cancel->load() ? Outcome::Cancelled : outcome) {
                    case Outcome::Succeeded:
                        if (continuation) continuation();
                        emit succeeded();
                        break;
                    case Outcome::Failed:
                        emit failed(message);
                        break;
                    case Outcome::Cancelled:
                        emit cancelled();
                        break;
                }
                emit finished();
            },
            Qt::QueuedConnection);
    });
}

void BackgroundTask::cancel() {
    if (m_running && m_cancel) m_cancel->store(true);
}

}  // namespace tlw::ui
