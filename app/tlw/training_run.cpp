#include "app/tlw/training_run.h"

#include <csignal>

#include "app/tlw/interrupt_watcher.h"
#include "app/tlw/training_console.h"
#include "app/tlw/weights_hint.h"
#include "core/util/compute_threads.h"
#include "core/util/error.h"

namespace tlw::cli {

int runTrainingSession(TrainingSession& session, bool json) {
    const TrainingConfig& config = session.config();
    setComputeThreads(config.threads);
    TrainingConsole console(config, json);
    const InterruptWatcher watcher([&session, &console](int /*signal*/) {
        session.requestStop();
        console.announce(
            "Stopping after this batch: the checkpoint is kept and the best model so far is saved. "
            "Press Ctrl-C again to quit at once.");
    });
    TrainingResult result;
    try {
        result = session.run(console);
    } catch (const Error& e) {
        console.endOutput();
        const std::string advice =
            missingWeightsAdvice(e, config.backbone, config.replaceImageNetTop,
                                 "Or add --allow-random to train from random weights (not pretrained).");
        if (advice.empty()) throw;
        throw Error(e.what() + advice);
    } catch (...) {
        console.endOutput();
        throw;
    }
    const int signal = watcher.signalReceived();
    console.printSummary(result, signal);
    // A signal that came too late to stop an epoch (during the test evaluation) still says "interrupted".
    if (signal > 0) return 128 + signal;
    return result.cancelled ? 128 + SIGINT : 0;
}

}  // namespace tlw::cli
