#include "ui/util/process_memory.h"

#include <QByteArray>
#include <QFile>
#include <QThreadPool>

#include "core/util/tensor_memory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace tlw::ui {

qint64 residentMemoryBytes() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return -1;
    // "VmRSS:    123456 kB"
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (!line.startsWith("VmRSS:")) continue;
        const QList<QByteArray> fields = line.mid(6).simplified().split(' ');
        bool ok = false;
        const qint64 kilobytes = fields.value(0).toLongLong(&ok);
        return ok ? kilobytes * 1024 : -1;
    }
    return -1;
}

void releaseFreedMemory() {
    tlw::releaseTensorMemoryCache();
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void releaseFreedMemoryInBackground() { QThreadPool::globalInstance()->start(&releaseFreedMemory); }

}  // namespace tlw::ui
