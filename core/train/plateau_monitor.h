#pragma once

#include <limits>
#include <optional>

#include "core/train/training_config.h"

// The epoch-end bookkeeping of keras.callbacks.EarlyStopping and ReduceLROnPlateau, as plain state
// machines (torch-free, saved in checkpoints so a resumed run decides exactly as an uninterrupted one).
namespace tlw {

// "Better" for a monitored quantity: lower loss, higher accuracy, by more than minDelta.
struct MetricDirection {
    bool higherIsBetter = false;
    bool improves(double current, double reference, double minDelta) const {
        return higherIsBetter ? current > reference + minDelta : current < reference - minDelta;
    }
    double worst() const {
        return higherIsBetter ? -std::numeric_limits<double>::infinity()
                              : std::numeric_limits<double>::infinity();
    }
};

// EarlyStopping(monitor, min_delta, patience): stop once the monitored value has not improved by more than
// minDelta for `patience` epochs in a row.
class EarlyStopping {
public:
    struct State {
        double best = std::numeric_limits<double>::infinity();
        int wait = 0;
    };

    EarlyStopping(const EarlyStoppingSettings& settings, MetricDirection direction);
    // Returns true when training should stop after this epoch.
    bool update(double current);
    void reset();  // a new phase starts counting afresh
    const State& state() const { return m_state; }
    void restore(const State& state) { m_state = state; }

private:
    EarlyStoppingSettings m_settings;
    MetricDirection m_direction;
    State m_state;
};

// ReduceLROnPlateau(monitor, factor, patience, min_delta, cooldown, min_lr), step for step as Keras.
class LrPlateauReducer {
public:
    struct State {
        double best = std::numeric_limits<double>::infinity();
        int wait = 0;
        int cooldownCounter = 0;
    };

    LrPlateauReducer(const ReduceLrSettings& settings, MetricDirection direction);
    // The learning rate for the next epoch (currentRate when unchanged).
    double update(double current, double currentRate);
    void reset();
    const State& state() const { return m_state; }
    void restore(const State& state) { m_state = state; }

private:
    ReduceLrSettings m_settings;
    MetricDirection m_direction;
    State m_state;
};

// Keeps the best epoch by the monitored value (ties keep the earlier epoch), for restoring its weights.
class BestEpochTracker {
public:
    explicit BestEpochTracker(MetricDirection direction)
        : m_direction(direction), m_best(direction.worst()) {}
    bool update(int epoch, double value);  // true when this epoch is the new best
    int bestEpoch() const { return m_epoch; }
    double bestValue() const { return m_best; }
    void restore(int epoch, double value) {
        m_epoch = epoch;
        m_best = value;
    }

private:
    MetricDirection m_direction;
    double m_best;
    int m_epoch = 0;
};

}  // namespace tlw
