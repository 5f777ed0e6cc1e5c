#include "ui/util/sentences.h"

namespace tlw::ui {
namespace {

// CJK symbols and punctuation (U+3000-U+303F) and the full-width forms (U+FF00-U+FFEF) carry their own space.
bool endsFullWidth(const QString& sentence) {
    if (sentence.isEmpty()) return false;
    const char16_t last = sentence.back().unicode();
    return (last >= 0x3000 && last <= 0x303F) || (last >= 0xFF00 && last <= 0xFFEF);
}

}  // namespace

QString joinSentences(const QStringList& sentences) {
    QString joined;
    for (const QString& sentence : sentences) {
        if (sentence.isEmpty()) continue;
        if (!joined.isEmpty() && !endsFullWidth(joined)) joined += QLatin1Char(' ');
        joined += sentence;
    }
    return joined;
}

}  // namespace tlw::ui
