#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QSize>
#include <QStringList>
#include <QThreadPool>
#include <deque>
#include <optional>

namespace tlw::ui {

// Decodes thumbnails on a private thread pool and keeps the most recent ones in a bounded LRU cache.
// Only the paths last passed to request() are decoded: a request replaces the queue, so thumbnails the
// user has scrolled past are dropped before they cost anything. At most maxConcurrent() decodes run at a
// time, which keeps the queue short and cancellation effective. Results arrive on the owner's thread.
class ThumbnailLoader : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailLoader(QSize thumbnailSize = QSize(128, 128), QObject* parent = nullptr);
    ~ThumbnailLoader() override;  // drops the queue and waits for the decodes in flight

    // Decodes `path` scaled to fit `size`, choosing the decoder from the content, not the extension (a PNG
    // named .jpg still loads). JPEGs are scaled while decoding, which is several times faster than decoding
    // at full size. Returns a null image and sets `error` when the file cannot be read. Thread-safe.
    static QImage decodeThumbnail(const QString& path, const QSize& size, QString* error);

    QSize thumbnailSize() const { return m_size; }
    std::optional<QPixmap> thumbnail(const QString& path) const;  // from the cache; never blocks
    QString errorFor(const QString& path) const;                  // why a path failed, or empty
    bool isQueuedOrRunning(const QString& path) const;

    // Wants exactly these thumbnails now, most important first: queued requests not in `paths` are
    // cancelled; cached, failed and running ones are skipped.
    void request(const QStringList& paths);
    void cancelAll();
    void clear();  // cancelAll() and forget cached thumbnails and errors

    void setCacheCapacityKiB(int kib);  // default 64 MiB
    int cacheCapacityKiB() const { return m_cache.maxCost(); }
    int cachedCount() const { return m_cache.count(); }
    void setMaxConcurrent(int count);
    int maxConcurrent() const { return m_maxConcurrent; }
    int queuedCount() const { return static_cast<int>(m_queue.size()); }
    int runningCount() const { return m_running.size(); }

signals:
    void thumbnailReady(const QString& path);
    void thumbnailFailed(const QString& path, const QString& reason);
    void idle();  // nothing queued or running any more

private:
    void startQueued();
    void onDecoded(const QString& path, const QImage& image, const QString& error);

    QSize m_size;
    QThreadPool m_pool;
    QCache<QString, QPixmap> m_cache;
    QHash<QString, QString> m_errors;
    std::deque<QString> m_queue;
    QSet<QString> m_queued;
    QSet<QString> m_running;
    int m_maxConcurrent;
};

}  // namespace tlw::ui
