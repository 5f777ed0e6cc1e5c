#pragma once

#include <QString>

class QObject;

namespace tlw::ui {

// Shows a file in the desktop's file manager with the file selected (the freedesktop FileManager1
// D-Bus interface: Files, Dolphin, Nemo, Caja, Thunar...), or, where no file manager answers that call,
// opens the folder holding it. Asynchronous: the window never waits for the file manager. `context` owns
// the pending call.
void revealInFileManager(const QString& path, QObject* context);

}  // namespace tlw::ui
