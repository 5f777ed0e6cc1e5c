#include "ui/workers/grad_cam_loader.h"

#include <QMetaObject>
#include <exception>

#include "core/data/image_decoder.h"
#include "core/data/preprocess.h"
#include "core/models/trained_model.h"
#include "ui/adapters/paths.h"
#include "ui/adapters/result_adapters.h"
#include "ui/workers/background_priority.h"

namespace tlw::ui {

namespace {
// A map is a few hundred floats: thousands of images cost a few megabytes.
constexpr int kCachedMaps = 5000;

// The part of the image the model saw, as fractions of its size: its centred crop when the model crops to
// its aspect ratio, else all of it.
QRectF seenRegion(const tlw::TrainedModel& model, const tlw::RgbImage& image) {
    const tlw::ModelDescription& description = model.description();
    if (!description.cropToAspectRatio || image.width <= 0 || image.height <= 0) return {0.0, 0.0, 1.0, 1.0};
    const tlw::CropBox box = tlw::centredCropForAspectRatio(
        image.width, image.height, description.imageSize.width, description.imageSize.height);
    return {double(box.x) / image.width, double(box.y) / image.height, double(box.width) / image.width,
            double(box.height) / image.height};
}

HeatMap computeHeatMap(const tlw::TrainedModel& model, const GradCamRequest& request) {
    const tlw::RgbImage image =
        request.image.isNull() ? tlw::decodeImageFile(toPath(request.path)) : rgbImageFrom(request.image);
    HeatMap heatMap;
    heatMap.map = tlw::gradCam(model, image, request.classIndex);
    heatMap.seen = seenRegion(model, image);
    return heatMap;
}
}  // namespace

GradCamLoader::GradCamLoader(QObject* parent) : QObject(parent), m_maps(kCachedMaps) {
    // One map at a time: each backward pass already uses several cores, and the window needs one.
    m_pool.setMaxThreadCount(1);
}

GradCamLoader::~GradCamLoader() {
    m_queue.clear();
    m_pool.clear();
    m_pool.waitForDone();
    // The result posted by the last map is discarded with this object's pending events.
}

void GradCamLoader::setModel(std::shared_ptr<const tlw::TrainedModel> model) {
    if (model == m_model) return;
    m_model = std::move(model);
    ++m_generation;
    m_queue.clear();
    m_maps.clear();
    m_errors.clear();
}

QString GradCamLoader::cacheKey(const QString& key, int classIndex) {
    return key + QLatin1Char('\n') + QString::number(classIndex);
}

bool GradCamLoader::isKnown(const GradCamRequest& request) const {
    const QString cached = cacheKey(request.key, request.classIndex);
    return m_maps.contains(cached) || m_errors.contains(cached) || (m_running && m_runningKey == cached);
}

void GradCamLoader::request(const std::vector<GradCamRequest>& requests) {
    m_queue.clear();
    for (const GradCamRequest& wanted : requests)
        if (!isKnown(wanted)) m_queue.push_back(wanted);
    startNext();
    if (isIdle()) emit idle();
}

void GradCamLoader::requestFirst(const GradCamRequest& request) {
    if (isKnown(request)) return;
    m_queue.push_front(request);
    startNext();
}

std::optional<HeatMap> GradCamLoader::heatMap(const QString& key, int classIndex) const {
    if (const HeatMap* map = m_maps.object(cacheKey(key, classIndex))) return *map;
    return std::nullopt;
}

QString GradCamLoader::errorFor(const QString& key, int classIndex) const {
    return m_errors.value(cacheKey(key, classIndex));
}

void GradCamLoader::startNext() {
    if (m_running || m_model == nullptr) return;
    while (!m_queue.empty() && isKnown(m_queue.front())) m_queue.pop_front();
    if (m_queue.empty()) return;
    const GradCamRequest next = m_queue.front();
    m_queue.pop_front();
    m_running = true;
    m_runningKey = cacheKey(next.key, next.classIndex);
    const std::shared_ptr<const tlw::TrainedModel> model = m_model;
    const quint64 generation = m_generation;
    m_pool.start([this, model, next, generation] {
        runAtBackgroundPriority();
        std::optional<HeatMap> map;
        QString error;
        try {
            map = computeHeatMap(*model, next);
        } catch (const std::exception& failure) {
            error = QString::fromUtf8(failure.what());
        }
        QMetaObject::invokeMethod(
            this, [this, generation, next, map, error] { onComputed(generation, next, map, error); },
            Qt::QueuedConnection);
    });
}

void GradCamLoader::onComputed(quint64 generation, const GradCamRequest& request,
                               const std::optional<HeatMap>& map, const QString& error) {
    m_running = false;
    m_runningKey.clear();
    if (generation == m_generation) {
        const QString cached = cacheKey(request.key, request.classIndex);
        if (map) {
            m_maps.insert(cached, new HeatMap(*map));
            emit mapReady(request.key, request.classIndex);
        } else {
            m_errors.insert(cached, error);
            emit mapFailed(request.key, request.classIndex, error);
        }
    }
    startNext();
    if (isIdle()) emit idle();
}

}  // namespace tlw::ui
