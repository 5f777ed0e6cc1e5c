#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace tlw::ui {

// Runs one long core call (a dataset scan, a download, the demo generator) at a time on a thread of its
// own and reports back on the owner's thread, so the window never waits. The job gets a cancel flag to
// hand to core and a progress function; it returns a continuation that delivers its result on the owner's
// thread. Starting a new job cancels the one running, whose late progress and result are then dropped.
// The destructor cancels and waits, and whatever the finished job posted dies with this object.
class BackgroundTask : public QObject {
    Q_OBJECT
public:
    // What a job sees on its worker thread.
    class Job {
    public:
        const std::atomic<bool>& cancelFlag() const { return *m_cancel; }
        bool cancelled() const { return m_cancel->load(); }
        // Thread-safe; forwarded at most every 50 ms (and always for the last step, done == total).
        void progress(int64_t done, int64_t total);

    private:
        friend class BackgroundTask;
        Job(BackgroundTask* owner, quint64 generation, std::shared_ptr<std::atomic<bool>> cancel)
            : m_owner(owner), m_generation(generation), m_cancel(std::move(cancel)) {}

        BackgroundTask* m_owner;
        quint64 m_generation;
        std::shared_ptr<std::atomic<bool>> m_cancel;
        std::chrono::steady_clock::time_point m_lastProgress{};
    };

    // Runs on the worker thread; the function it returns runs on the owner's thread unless the job was
    // cancelled or superseded. A std::exception thrown by the job becomes failed(what()).
    using Work = std::function<std::function<void()>(Job& job)>;

    explicit BackgroundTask(QObject* parent = nullptr);
    ~BackgroundTask() override;

    void start(Work work);
    bool isRunning() const { return m_running; }

public slots:
    void cancel();  // sets the job's cancel flag; cancelled() follows once the job has returned

signals:
    void started();
    void progressed(qint64 done, qint64 total);
    void succeeded();  // after the continuation ran
    void failed(const QString& message);
    void cancelled();
    void finished();  // after any of succeeded, failed or cancelled

private:
    QThreadPool m_pool;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
};

}  // namespace tlw::ui
