#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "ui/widgets/heat_map.h"

namespace tlw {
class TrainedModel;
}

namespace tlw::ui {

// One Grad-CAM map wanted: an image (a file, or a pasted image without one) and the class to explain.
struct GradCamRequest {
    QString key;   // names the image in the cache and the signals: its path, or a name for a pasted one
    QString path;  // the file; ignored when image is set
    QImage image;  // a pasted image
    int classIndex = 0;
};

// Computes Grad-CAM maps (core's gradCam) one at a time on a thread of its own, at background priority,
// and keeps them per image and class for the model set: showing the overlay again, or on another page,
// costs nothing. A request replaces the queue, so maps of images no longer shown are never computed.
// Results arrive on the owner's thread.
class GradCamLoader : public QObject {
    Q_OBJECT
public:
    explicit GradCamLoader(QObject* parent = nullptr);
    ~GradCamLoader() override;  // drops the queue and waits for the map in progress

    // The model the maps are of. Another model forgets the maps and the queue of the previous one.
    void setModel(std::shared_ptr<const tlw::TrainedModel> model);
    bool hasModel() const { return m_model != nullptr; }

    // Wants exactly these maps now, in this order; cached, failed and running ones are skipped.
    void request(const std::vector<GradCamRequest>& requests);
    // Wants this map first, keeping the rest of the queue (the image a viewer shows large).
    void requestFirst(const GradCamRequest& request);

    std::optional<HeatMap> heatMap(const QString& key, int classIndex) const;  // never blocks
    QString errorFor(const QString& key, int classIndex) const;                // why a map failed, or empty
    bool isIdle() const { return m_queue.empty() && !m_running; }

signals:
    void mapReady(const QString& key, int classIndex);
    void mapFailed(const QString& key, int classIndex, const QString& reason);
    void idle();  // nothing queued or running any more

private:
    static QString cacheKey(const QString& key, int classIndex);
    bool isKnown(const GradCamRequest& request) const;
    void startNext();
    void onComputed(quint64 generation, const GradCamRequest& request, const std::optional<HeatMap>& map,
                    const QString& error);

    std::shared_ptr<const tlw::TrainedModel> m_model;
    quint64 m_generation = 0;  // counts models: results of a previous one are dropped
    QThreadPool m_pool;
    std::deque<GradCamRequest> m_queue;
    bool m_running = false;
    QString m_runningKey;
    QCache<QString, HeatMap> m_maps;
    QHash<QString, QString> m_errors;
};

}  // namespace tlw::ui
