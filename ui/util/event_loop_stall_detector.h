#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <chrono>

namespace tlw::ui {

// Measures how long the event loop of the thread it lives in (the UI thread) goes without running:
// a precise timer ticks every few milliseconds and the longest interval between two ticks is kept.
// A blocked loop delays the next tick, so the longest gap is the worst stall the user could have felt.
// Used by GUI tests and benches to prove "no stall above 50 ms" while loading thumbnails or training.
class EventLoopStallDetector : public QObject {
    Q_OBJECT
public:
    explicit EventLoopStallDetector(std::chrono::milliseconds tick = std::chrono::milliseconds(5),
                                    QObject* parent = nullptr);

    void start();  // also resets the measurement
    void stop();   // keeps the measurement; a gap still open at stop() counts
    void reset();
    bool isRunning() const { return m_timer.isActive(); }

    // The longest gap between ticks since start()/reset(), in milliseconds. While running, the gap
    // still open (time since the last tick) counts too, so a stall is seen even before the loop resumes.
    double longestGapMs() const;
    int tickCount() const { return m_ticks; }

private:
    void onTick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTickNs = 0;
    qint64 m_longestGapNs = 0;
    int m_ticks = 0;
};

}  // namespace tlw::ui
