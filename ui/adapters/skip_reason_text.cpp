#include "ui/adapters/skip_reason_text.h"

#include <QRegularExpression>

namespace tlw::ui {

QString SkipReasonText::of(const QString& coreReason) {
    if (coreReason.startsWith(QLatin1String("not an image"))) return notAnImage(coreReason);
    const QString format = formatIn(coreReason);
    if (coreReason.startsWith(QLatin1String("truncated")))
        return format.isEmpty()
                   ? tr("truncated: the file ends too early (a partial copy or download?)")
                   : tr("truncated %1: the file ends too early (a partial copy or download?)").arg(format);
    if (coreReason.startsWith(QLatin1String("corrupt")))
        return format.isEmpty() ? tr("corrupt: the content does not follow its format")
                                : tr("corrupt %1: the content does not follow the format").arg(format);
    if (coreReason.contains(QLatin1String("not supported")))
        return tr("a variant of %1 that cannot be read").arg(format.isEmpty() ? tr("the format") : format);
    if (coreReason.contains(QLatin1String("symbolic link"))) return tr("a link that cannot be followed");
    if (coreReason.contains(QLatin1String("folder"))) return tr("a folder that cannot be opened");
    return tr("cannot be read");
}

QString SkipReasonText::notAnImage(const QString& coreReason) {
    if (coreReason.contains(QLatin1String("text file"))) return tr("not an image: a text file");
    if (coreReason.contains(QLatin1String("ZIP"))) return tr("not an image: a ZIP archive");
    if (coreReason.contains(QLatin1String("PDF"))) return tr("not an image: a PDF document");
    if (coreReason.contains(QLatin1String("HTML")))
        return tr("not an image: a web page (a failed download?)");
    if (coreReason.contains(QLatin1String("video"))) return tr("not an image: a video");
    return tr("not an image: an unknown format");
}

QString SkipReasonText::formatIn(const QString& coreReason) {
    static const QRegularExpression format(QStringLiteral("\\b(JPEG|PNG|GIF|BMP|TIFF|WebP|PNM)\\b"));
    return format.match(coreReason).captured(1);
}

}  // namespace tlw::ui
