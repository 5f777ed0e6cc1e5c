#include "ui/workers/thumbnail_loader.h"

#include <QImageReader>
#include <QMetaObject>
#include <QThread>
#include <algorithm>

#include "ui/workers/background_priority.h"

namespace tlw::ui {

ThumbnailLoader::ThumbnailLoader(QSize thumbnailSize, QObject* parent)
    : QObject(parent), m_size(thumbnailSize), m_cache(64 * 1024) {
    // Leave one core to the UI thread (and to training, which may run at the same time).
    const int threads = std::max(1, QThread::idealThreadCount() - 1);
    m_pool.setMaxThreadCount(threads);
    m_maxConcurrent = threads * 2;
}

ThumbnailLoader::~ThumbnailLoader() {
    m_queue.clear();
    m_pool.clear();
    m_pool.waitForDone();
    // Results posted by the finished decodes are discarded with this object's pending events.
}

QImage ThumbnailLoader::decodeThumbnail(const QString& path, const QSize& size, QString* error) {
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(true);  // EXIF orientation, as file managers show photos
    const QSize full = reader.size();
    if (full.isValid() && (full.width() > size.width() || full.height() > size.height()))
        reader.setScaledSize(full.scaled(size, Qt::KeepAspectRatio).expandedTo(QSize(1, 1)));
    QImage image = reader.read();
    if (image.isNull()) {
        if (error != nullptr) *error = reader.errorString();
        return {};
    }
    // Decoders without scaled decoding (or with EXIF rotation) may return more than asked for.
    if (image.width() > size.width() || image.height() > size.height())
        image = image.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image;
}

std::optional<QPixmap> ThumbnailLoader::thumbnail(const QString& path) const {
    if (const QPixmap* pixmap = m_cache.object(path)) return *pixmap;
    return std::nullopt;
}

QString ThumbnailLoader::errorFor(const QString& path) const { return m_errors.value(path); }

bool ThumbnailLoader::isQueuedOrRunning(const QString& path) const {
    return m_queued.contains(path) || m_running.contains(path);
}

void ThumbnailLoader::request(const QStringList& paths) {
    m_queue.clear();
    m_queued.clear();
    for (const QString& path : paths) {
        if (m_cache.contains(path) || m_errors.contains(path) || m_running.contains(path) ||
            m_queued.contains(path))
            continue;
        m_queue.push_back(path);
        m_queued.insert(path);
    }
    startQueued();
    if (m_queue.empty() && m_running.isEmpty()) emit idle();
}

void ThumbnailLoader::cancelAll() {
    m_queue.clear();
    m_queued.clear();
}

void ThumbnailLoader::clear() {
    cancelAll();
    m_cache.clear();
    m_errors.clear();
}

void ThumbnailLoader::setCacheCapacityKiB(int kib) { m_cache.setMaxCost(std::max(1, kib)); }

void ThumbnailLoader::setMaxConcurrent(int count) {
    m_maxConcurrent = std::max(1, count);
    startQueued();
}

void ThumbnailLoader::startQueued() {
    while (!m_queue.empty() && m_running.size() < m_maxConcurrent) {
        const QString path = m_queue.front();
        m_queue.pop_front();
        m_queued.remove(path);
        m_running.insert(path);
        const QSize size = m_size;
        m_pool.start([this, path, size] {
            runAtBackgroundPriority();
            QString error;
            const QImage image = decodeThumbnail(path, size, &error);
            QMetaObject::invokeMethod(
                this, [this, path, image, error] { onDecoded(path, image, error); }, Qt::QueuedConnection);
        });
    }
}

void ThumbnailLoader::onDecoded(const QString& path, const QImage& image, const QString& error) {
    m_running.remove(path);
    if (image.isNull()) {
        m_errors.insert(path, error);
        emit thumbnailFailed(path, error);
    } else {
        // QPixmap is a GUI-thread object: converted here, not in the pool.
        auto* pixmap = new QPixmap(QPixmap::fromImage(image));
        const int costKiB = std::max<qint64>(1, image.sizeInBytes() / 1024);
        m_cache.insert(path, pixmap, costKiB);
        emit thumbnailReady(path);
    }
    startQueued();
    if (m_queue.empty() && m_running.isEmpty()) emit idle();
}

}  // namespace tlw::ui
