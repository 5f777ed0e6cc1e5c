#pragma once

// The part `tlw train` and `tlw resume` share: run a TrainingSession to its end with Keras-like output and
// Ctrl-C handling, and turn the outcome into the exit status.

#include "core/train/training_session.h"

namespace tlw::cli {

// 0 when the run ended (all epochs, or early stopping); 128 + the signal when Ctrl-C (130) or SIGTERM
// (143) stopped it, after the checkpoint and the best model so far were saved. Throws tlw::Error.
int runTrainingSession(TrainingSession& session, bool json);

}  // namespace tlw::cli
