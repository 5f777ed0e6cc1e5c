#include "core/train/plateau_monitor.h"

#include <algorithm>

namespace tlw {

EarlyStopping::EarlyStopping(const EarlyStoppingSettings& settings, MetricDirection direction)
    : m_settings(settings), m_direction(direction) {
    reset();
}

void EarlyStopping::reset() { m_state = State{m_direction.worst(), 0}; }

bool EarlyStopping::update(double current) {
    if (m_direction.improves(current, m_state.best, m_settings.minDelta)) {
        m_state.best = current;
        m_state.wait = 0;
        return false;
    }
    ++m_state.wait;
    return m_state.wait >= m_settings.patience;
}

LrPlateauReducer::LrPlateauReducer(const ReduceLrSettings& settings, MetricDirection direction)
    : m_settings(settings), m_direction(direction) {
    reset();
}

void LrPlateauReducer::reset() { m_state = State{m_direction.worst(), 0, 0}; }

double LrPlateauReducer::update(double current, double currentRate) {
    // Keras: a cooldown epoch resets the wait; an improvement resets it too; otherwise, once out of
    // cooldown (checked after this epoch's countdown), the wait grows and, at `patience`, the rate drops
    // and the cooldown starts. At the minimum rate nothing drops and the wait keeps growing.
    if (m_state.cooldownCounter > 0) {
        --m_state.cooldownCounter;
        m_state.wait = 0;
    }
    if (m_direction.improves(current, m_state.best, m_settings.minDelta)) {
        m_state.best = current;
        m_state.wait = 0;
        return currentRate;
    }
    if (m_state.cooldownCounter > 0) return currentRate;
    ++m_state.wait;
    if (m_state.wait < m_settings.patience || currentRate <= m_settings.minLearningRate) return currentRate;
    m_state.wait = 0;
    m_state.cooldownCounter = m_settings.cooldown;
    return std::max(currentRate * m_settings.factor, m_settings.minLearningRate);
}

bool BestEpochTracker::update(int epoch, double value) {
    if (m_epoch != 0 && !m_direction.improves(value, m_best, 0.0)) return false;
    m_best = value;
    m_epoch = epoch;
    return true;
}

}  // namespace tlw
