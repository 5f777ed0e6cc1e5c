#include "app/tlw/interrupt_watcher.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "core/util/error.h"

namespace tlw::cli {
namespace {

// A signal handler can reach nothing but static storage, and may only call async-signal-safe functions:
// it writes the signal number into a pipe (the self-pipe trick) and the watcher thread does the rest.
// Any thread may take the signal (LibTorch's and OpenCV's workers do not block it), which is why the pipe
// and not sigwait: sigwait would need the signal blocked in every thread, including ones we do not own.
int gPipe[2] = {-1, -1};
// Atomic, not just sig_atomic_t: two signals can run the handler at once on two threads.
std::atomic<int> gSignalsSeen{0};
static_assert(std::atomic<int>::is_always_lock_free, "lock-free atomics are async-signal-safe");

struct sigaction gPreviousInt;
struct sigaction gPreviousTerm;

constexpr char kStopByte = 0;  // written by the destructor to end the watcher thread

extern "C" void onSignal(int signal) {
    const int saved = errno;
    if (gSignalsSeen.fetch_add(1) > 0) {
        static const char kMessage[] = "\ntlw: interrupted again; exiting now\n";
        [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
        ::_exit(128 + signal);
    }
    const char byte = static_cast<char>(signal);
    [[maybe_unused]] const ssize_t written = ::write(gPipe[1], &byte, 1);
    errno = saved;
}

}  // namespace

InterruptWatcher::InterruptWatcher(std::function<void(int)> onFirstSignal)
    : m_onFirstSignal(std::move(onFirstSignal)) {
    if (::pipe2(gPipe, O_CLOEXEC) != 0)
        throw Error(std::string("cannot watch for Ctrl-C: ") + std::strerror(errno));
    gSignalsSeen = 0;
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // reads and writes of the training go on after the handler
    ::sigaction(SIGINT, &action, &gPreviousInt);
    ::sigaction(SIGTERM, &action, &gPreviousTerm);
    m_thread = std::thread([this] { watch(); });
}

InterruptWatcher::~InterruptWatcher() {
    ::sigaction(SIGINT, &gPreviousInt, nullptr);
    ::sigaction(SIGTERM, &gPreviousTerm, nullptr);
    [[maybe_unused]] const ssize_t written = ::write(gPipe[1], &kStopByte, 1);
    m_thread.join();
    ::close(gPipe[0]);
    ::close(gPipe[1]);
    gPipe[0] = gPipe[1] = -1;
}

void InterruptWatcher::watch() {
    for (;;) {
        char byte = kStopByte;
        const ssize_t got = ::read(gPipe[0], &byte, 1);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0 || byte == kStopByte) return;
        m_signal = byte;
        if (m_onFirstSignal) m_onFirstSignal(byte);
    }
}

}  // namespace tlw::cli
