#pragma once

#include <QtGlobal>

namespace tlw::ui {

// The process's resident memory (VmRSS in /proc/self/status), in bytes; -1 where the system has no such
// file. What a user sees as the window's memory in a task manager.
qint64 residentMemoryBytes();

// Gives memory that nothing uses any more back to the system: the large tensor blocks core keeps for reuse
// (tlw::releaseTensorMemoryCache()) and the free pages of every thread's glibc arena (malloc_trim(0)). A
// finished run's session is freed after its memory scope has ended, so its blocks land in that cache, and
// glibc keeps what the run's threads freed; without this the idle window stays as large as the run made it.
// Safe while another pass runs: only blocks and pages no tensor holds are given back.
void releaseFreedMemory();
// The same on a pool thread: trimming a heap of gigabytes can take longer than a frame, and the window's
// thread must not wait for it.
void releaseFreedMemoryInBackground();

}  // namespace tlw::ui
