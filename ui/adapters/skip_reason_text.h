#pragma once

#include <QCoreApplication>
#include <QString>

namespace tlw::ui {

// Why a file of the dataset cannot be used, in the language installed now. Core gives one English reason
// per file ("truncated JPEG (data ends before the end-of-image marker)"); its leading words name the kind
// (core/data/image_decoder.cpp and image_header.cpp keep them: "not an image", "truncated", "corrupt",
// "cannot ..."), and the window words the kind, keeping core's exact reason for the tooltip.
class SkipReasonText {
    Q_DECLARE_TR_FUNCTIONS(tlw::ui::SkipReasonText)
public:
    static QString of(const QString& coreReason);

private:
    static QString notAnImage(const QString& coreReason);
    static QString formatIn(const QString& coreReason);  // "JPEG", "PNG", ...; empty when none is named
};

}  // namespace tlw::ui
