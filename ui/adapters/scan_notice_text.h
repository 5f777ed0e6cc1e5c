#pragma once

#include <QCoreApplication>
#include <QString>
#include <vector>

#include "core/data/scan_notice.h"

namespace tlw::ui {

// A scan's findings in the language installed now (core keeps them as data; see core/data/scan_notice.h).
class ScanNoticeText {
    Q_DECLARE_TR_FUNCTIONS(tlw::ui::ScanNoticeText)
public:
    static QString of(const tlw::ScanNotice& notice);
    static QString joined(const std::vector<tlw::ScanNotice>& notices, const QString& separator);

private:
    static QString error(const tlw::ScanNotice& notice);
    static QString warning(const tlw::ScanNotice& notice);
    static QString manifestWarning(const tlw::ScanNotice& notice);
};

}  // namespace tlw::ui
