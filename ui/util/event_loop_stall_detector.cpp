#include "ui/util/event_loop_stall_detector.h"

#include <algorithm>

namespace tlw::ui {

EventLoopStallDetector::EventLoopStallDetector(std::chrono::milliseconds tick, QObject* parent)
    : QObject(parent) {
    // A coarse timer may legitimately fire up to 5 % late; a precise one keeps idle gaps near the tick.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(tick);
    connect(&m_timer, &QTimer::timeout, this, &EventLoopStallDetector::onTick);
}

void EventLoopStallDetector::start() {
    reset();
    m_timer.start();
}

void EventLoopStallDetector::stop() {
    if (!m_timer.isActive()) return;
    onTick();
    m_timer.stop();
}

void EventLoopStallDetector::reset() {
    m_clock.start();
    m_lastTickNs = 0;
    m_longestGapNs = 0;
    m_ticks = 0;
}

void EventLoopStallDetector::onTick() {
    const qint64 now = m_clock.nsecsElapsed();
    m_longestGapNs = std::max(m_longestGapNs, now - m_lastTickNs);
    m_lastTickNs = now;
    ++m_ticks;
}

double EventLoopStallDetector::longestGapMs() const {
    qint64 longest = m_longestGapNs;
    if (m_timer.isActive()) longest = std::max(longest, m_clock.nsecsElapsed() - m_lastTickNs);
    return static_cast<double>(longest) / 1e6;
}

}  // namespace tlw::ui
