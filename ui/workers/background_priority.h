#pragma once

namespace tlw::ui {

// Makes the calling worker thread yield the cores to the UI thread whenever the UI thread needs them
// (a nice value of 10 on Linux; QThread::LowPriority elsewhere), so that background work which keeps
// every core busy (a scan, thumbnails, the demo generator) never makes the window stutter. On Linux
// the threads it starts afterwards inherit it, core's parallelFor workers included. Once per thread
// is enough; later calls cost nothing.
void runAtBackgroundPriority();

}  // namespace tlw::ui
