#pragma once

#include <QString>
#include <QStringList>

namespace tlw::ui {

// Sentences of a message composed from translated parts, one after the other: a space between them where the
// previous one ends in Latin punctuation, none after a full-width one (Chinese writes "秒。其中", not "秒。
// 其中").
QString joinSentences(const QStringList& sentences);

}  // namespace tlw::ui
