#pragma once

#include <QString>
#include <QStringList>
#include <filesystem>
#include <vector>

// The one place where paths cross between core (std::filesystem::path) and ui (QString): through UTF-16,
// so CJK folder names survive on every platform.
namespace tlw::ui {

inline QString toQString(const std::filesystem::path& path) {
    return QString::fromStdU16String(path.u16string());
}

inline std::filesystem::path toPath(const QString& path) {
    return std::filesystem::path(path.toStdU16String());
}

inline QStringList toQStringList(const std::vector<std::filesystem::path>& paths) {
    QStringList list;
    list.reserve(static_cast<qsizetype>(paths.size()));
    for (const std::filesystem::path& path : paths) list.append(toQString(path));
    return list;
}

}  // namespace tlw::ui
