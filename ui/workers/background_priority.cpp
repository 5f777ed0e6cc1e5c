#include "ui/workers/background_priority.h"

#include <QThread>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace tlw::ui {

void runAtBackgroundPriority() {
    thread_local bool lowered = false;
    if (lowered) return;
    lowered = true;
#ifdef __linux__
    // The UI thread runs at nice 0: at 10 a busy worker gets about a tenth of a core it shares with it.
    constexpr int kBackgroundNice = 10;
    setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), kBackgroundNice);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

}  // namespace tlw::ui
