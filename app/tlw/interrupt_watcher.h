#pragma once

// Ctrl-C for long-running commands, the way people expect it: the first SIGINT or SIGTERM asks the work to
// stop cleanly (a training run finishes its batch, keeps its checkpoint and saves its model), a second one
// ends the process at once.

#include <atomic>
#include <functional>
#include <thread>

namespace tlw::cli {

class InterruptWatcher {
public:
    // onFirstSignal runs on the watcher's own thread (never inside the signal handler), so it may take
    // locks and print: requestStop() and a line for the user. It gets the signal number.
    explicit InterruptWatcher(std::function<void(int signal)> onFirstSignal);
    // Restores the previous handlers and joins the watcher thread.
    ~InterruptWatcher();
    InterruptWatcher(const InterruptWatcher&) = delete;
    InterruptWatcher& operator=(const InterruptWatcher&) = delete;

    // The first signal received, 0 when none: the command exits with 128 + it, as shells report a death by
    // that signal (130 for Ctrl-C).
    int signalReceived() const { return m_signal.load(); }

private:
    void watch();

    std::function<void(int)> m_onFirstSignal;
    std::atomic<int> m_signal{0};
    std::thread m_thread;
};

}  // namespace tlw::cli
