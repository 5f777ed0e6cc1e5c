#include "ui/controllers/model_controller.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <system_error>

#include "core/io/weights_discovery.h"
#include "core/io/weights_resolver.h"
#include "core/models/backbone.h"
#include "core/models/keras_weights_file.h"
#include "ui/adapters/paths.h"
#include "ui/item_models/layer_table_model.h"
#include "ui/util/preferences.h"
#include "ui/widgets/error_banner.h"
#include "ui/windows/main_window.h"
#include "ui/workers/background_task.h"

namespace tlw::ui {

namespace {

tlw::BackboneKind kindOf(const ModelSettings& settings) {
    return tlw::parseBackboneKind(settings.backbone.toStdString());
}

qint64 fileSize(const std::filesystem::path& file) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    return error ? 0 : static_cast<qint64>(size);
}

// The folders a search looked in, each once, in order.
QStringList searchedFolders(const tlw::WeightsSearch& search) {
    QStringList folders;
    for (const std::filesystem::path& candidate : search.searched) {
        const QString folder = toQString(candidate.parent_path());
        if (!folders.contains(folder)) folders.append(folder);
    }
    return folders;
}

// What the panel says when the file is not there (yet): name, places looked, where to put it, download.
WeightsStatus missingStatus(tlw::BackboneKind kind, bool includeTop, const tlw::WeightsSearch& search) {
    const tlw::KerasWeightsFile published = tlw::kerasWeightsFile(kind, includeTop);
    WeightsStatus status;
    status.state = WeightsStatus::State::Missing;
    status.fileName = QString::fromStdString(published.fileName);
    status.searched = searchedFolders(search);
    status.suggestedFolder = toQString(search.suggestedFolder);
    // Keras publishes no size (nor checksum) for some files (MobileNet): a download of unknown size.
    status.downloadBytes = published.url.empty() ? 0 : (published.size > 0 ? published.size : -1);
    return status;
}

struct Lookup {
    tlw::WeightsSearch search;
    std::optional<std::string> invalid;  // the file found is no good: "<file>: <reason>"
    bool chosenGone = false;             // the file the user chose before no longer exists
    qint64 size = 0;
};

}  // namespace

ModelController::ModelController(MainWindow& window, Preferences& preferences, QObject* parent)
    : QObject(parent),
      m_window(window),
      m_preferences(preferences),
      m_page(window.modelPage()),
      m_check(new BackgroundTask(this)),
      m_download(new BackgroundTask(this)) {
    connect(m_page, &ModelPage::architectureChanged, this, &ModelController::rebuildLayers);
    connect(&m_window, &MainWindow::weightsFileChosen, this, &ModelController::useWeightsFile);
    connect(m_page, &ModelPage::downloadWeightsRequested, this, &ModelController::downloadWeights);
    connect(m_page, &ModelPage::cancelDownloadRequested, this, &ModelController::cancelDownload);
    connect(m_page, &ModelPage::continueWithoutWeightsRequested, this,
            &ModelController::continueWithoutWeights);
    connect(m_check, &BackgroundTask::failed, this, [this](const QString& message) {
        setStatus(m_lastLookup);
        m_page->showError([=] { return tr("The weights could not be looked for."); }, message);
    });
    connect(m_download, &BackgroundTask::progressed, this, [this](qint64 done, qint64 total) {
        WeightsStatus status = m_page->weightsStatus();
        if (status.state != WeightsStatus::State::Downloading) return;
        status.bytesDone = done;
        if (total > 0) status.bytesTotal = total;
        setStatus(status);
    });
    connect(m_download, &BackgroundTask::cancelled, this, [this] { setStatus(lackingStatus()); });
    rebuildLayers();
}

ModelController::~ModelController() = default;

bool ModelController::isBusy() const { return m_check->isRunning() || m_download->isRunning(); }

QString ModelController::weightsKey() const {
    const ModelSettings settings = m_page->modelSettings();
    return settings.backbone + (settings.includeTop ? QStringLiteral("+top") : QString());
}

WeightsStatus ModelController::lackingStatus() const {
    WeightsStatus status = m_lastLookup;
    if (m_withoutWeights.contains(weightsKey())) status.state = WeightsStatus::State::NotPretrained;
    return status;
}

void ModelController::setStatus(const WeightsStatus& status) {
    m_page->setWeightsStatus(status);
    emit weightsStatusChanged(status);
}

void ModelController::applySettings(const ModelSettings& settings) {
    m_page->setModelSettings(settings);
    m_builtBackbone.clear();
    m_weightsKeyLookedFor.clear();
    const QString key = weightsKey();
    m_withoutWeights.remove(key);
    if (!settings.pretrained) m_withoutWeights.insert(key);
    rebuildLayers();
    LayerTableModel* layers = m_page->layerModel();
    if (!settings.trainable.empty() && settings.trainable.size() == layers->layers().size())
        layers->setTrainableFlags(settings.trainable);
    else if (settings.frozenPrefix == 0)
        layers->unfreezeAll();
    else if (settings.frozenPrefix > 0)  // a project written by hand may give only Keras's fine_tune_at
        layers->freezeUpTo(std::min(settings.frozenPrefix, layers->rowCount()) - 1);
}

void ModelController::preferBackboneWithWeights() {
    const tlw::WeightsEnvironment environment = tlw::WeightsEnvironment::fromProcess();
    const auto available = [&](tlw::BackboneKind kind) {
        const QString chosen = m_preferences.weightsFile(QString::fromStdString(tlw::backboneId(kind)));
        std::error_code error;
        if (!chosen.isEmpty() && std::filesystem::is_regular_file(toPath(chosen), error)) return true;
        return tlw::findBackboneWeights(kind, false, std::nullopt, environment).found.has_value();
    };
    if (available(tlw::BackboneKind::Vgg16)) return;
    if (available(tlw::BackboneKind::SqueezeNet11)) {
        ModelSettings settings = m_page->modelSettings().withBackbone(
            QString::fromStdString(tlw::backboneId(tlw::BackboneKind::SqueezeNet11)));
        settings.includeTop = false;
        settings.weightsFile.clear();
        applySettings(settings);
        return;
    }
    m_page->showWarning(
        [=] {
            return tr(
                "No pretrained weights on this computer: training would start from random weights "
                "(not pretrained).");
        },
        [=] {
            return tr(
                "Put the Keras .h5 weight files in ~/.keras/models/ or set TLW_WEIGHTS_DIR to their "
                "folder.");
        });
}

void ModelController::rebuildLayers() {
    const ModelSettings settings = m_page->modelSettings();
    std::vector<tlw::LayerInfo> layers;
    try {
        layers = tlw::describeBackbone(
            kindOf(settings), tlw::ImageSize{settings.imageSize, settings.imageSize}, settings.includeTop);
    } catch (const std::exception& error) {
        m_page->showError([=] { return tr("The layer list could not be built."); },
                          QString::fromUtf8(error.what()));
        return;
    }
    LayerTableModel* model = m_page->layerModel();
    const bool sameBackbone = settings.backbone == m_builtBackbone && !model->layers().empty();
    std::map<std::string, bool> previous;
    for (const tlw::LayerInfo& layer : model->layers()) previous[layer.name] = layer.trainable;
    m_page->setLayers(layers);
    if (sameBackbone) {
        // Another image size or the top switched: the same layers keep their checkboxes.
        std::vector<bool> trainable;
        for (const tlw::LayerInfo& layer : layers) {
            const auto found = previous.find(layer.name);
            trainable.push_back(found == previous.end() || found->second);
        }
        model->setTrainableFlags(trainable);
    } else {
        model->freezeAll();  // a new backbone starts as the tutorial does: feature extraction
    }
    m_builtBackbone = settings.backbone;
    const QString key = weightsKey();
    if (key != m_weightsKeyLookedFor) {
        if (settings.weightsFile.isEmpty() || !m_weightsKeyLookedFor.isEmpty())
            m_page->setChosenWeightsFile(m_preferences.weightsFile(key));
        lookForWeights();
    }
}

void ModelController::lookForWeights() {
    const ModelSettings settings = m_page->modelSettings();
    tlw::BackboneKind kind;
    try {
        kind = kindOf(settings);
    } catch (const std::exception& error) {
        m_page->showError([=] { return tr("Unknown backbone."); }, QString::fromUtf8(error.what()));
        return;
    }
    const bool includeTop = settings.includeTop;
    const QString key = weightsKey();
    const QString chosen = settings.weightsFile;
    m_weightsKeyLookedFor = key;
    WeightsStatus checking;
    checking.state = WeightsStatus::State::Checking;
    setStatus(checking);
    const tlw::WeightsEnvironment environment = tlw::WeightsEnvironment::fromProcess();
    m_check->start([=](BackgroundTask::Job&) -> std::function<void()> {
        Lookup lookup;
        std::optional<std::filesystem::path> explicitFile;
        std::error_code error;
        if (!chosen.isEmpty()) {
            if (std::filesystem::is_regular_file(toPath(chosen), error))
                explicitFile = toPath(chosen);
            else
                lookup.chosenGone = true;
        }
        lookup.search = tlw::findBackboneWeights(kind, includeTop, explicitFile, environment);
        if (lookup.search.found) {
            try {
                tlw::checkKerasWeightsFile(kind, includeTop, *lookup.search.found);
                lookup.size = fileSize(*lookup.search.found);
            } catch (const std::exception& invalid) {
                lookup.invalid = invalid.what();
            }
        }
        return [this, kind, includeTop, key, chosen, lookup] {
            if (lookup.chosenGone) {
                m_preferences.setWeightsFile(key, QString());
                m_page->setChosenWeightsFile(QString());
                m_page->showWarning(
                    [=] {
                        return tr("The weights file chosen before is gone; looking in the usual places.");
                    },
                    chosen);
            }
            m_lastLookup = missingStatus(kind, includeTop, lookup.search);
            if (lookup.search.found && !lookup.invalid) {
                WeightsStatus found = m_lastLookup;
                found.state = WeightsStatus::State::Found;
                found.path = toQString(*lookup.search.found);
                found.sizeBytes = lookup.size;
                found.chosenByUser = !chosen.isEmpty() && !lookup.chosenGone;
                setStatus(found);
                return;
            }
            if (lookup.invalid)
                m_page->showError([=] { return tr("The weights file found cannot be used."); },
                                  QString::fromStdString(*lookup.invalid));
            setStatus(lackingStatus());
        };
    });
}

void ModelController::useWeightsFile(const QString& path) {
    const ModelSettings settings = m_page->modelSettings();
    const tlw::BackboneKind kind = kindOf(settings);
    const bool includeTop = settings.includeTop;
    const QString key = weightsKey();
    const WeightsStatus before = m_page->weightsStatus();
    WeightsStatus checking;
    checking.state = WeightsStatus::State::Checking;
    setStatus(checking);
    m_check->start([=](BackgroundTask::Job&) -> std::function<void()> {
        try {
            tlw::checkKerasWeightsFile(kind, includeTop, toPath(path));
        } catch (const std::exception& error) {
            const QString reason = QString::fromUtf8(error.what());
            return [this, before, reason] {
                setStatus(before);
                m_page->showError([=] { return tr("This file cannot be used as the model's weights."); },
                                  reason);
            };
        }
        const qint64 size = fileSize(toPath(path));
        return [this, key, path, size] {
            m_preferences.setWeightsFile(key, path);
            m_page->setChosenWeightsFile(path);
            m_withoutWeights.remove(key);
            m_page->banner()->hide();
            WeightsStatus found = m_lastLookup;
            found.state = WeightsStatus::State::Found;
            found.path = path;
            found.sizeBytes = size;
            found.chosenByUser = true;
            setStatus(found);
        };
    });
}

void ModelController::downloadWeights() {
    const ModelSettings settings = m_page->modelSettings();
    const tlw::BackboneKind kind = kindOf(settings);
    const bool includeTop = settings.includeTop;
    const tlw::KerasWeightsFile published = tlw::kerasWeightsFile(kind, includeTop);
    if (published.url.empty() && m_downloadUrl.isEmpty()) return;
    const tlw::WeightsEnvironment environment = tlw::WeightsEnvironment::fromProcess();
    WeightsStatus downloading = m_lastLookup;
    downloading.state = WeightsStatus::State::Downloading;
    downloading.path = toQString(environment.kerasModelsDir() / published.fileName);
    downloading.bytesDone = 0;
    downloading.bytesTotal = published.size > 0 ? published.size : -1;
    setStatus(downloading);
    m_page->banner()->hide();
    const std::string url = m_downloadUrl.toStdString();
    const QString key = weightsKey();
    m_download->start([=](BackgroundTask::Job& job) -> std::function<void()> {
        tlw::WeightsDownloadOptions options;
        options.cancel = &job.cancelFlag();
        options.progress = [&job](const tlw::DownloadProgress& progress) {
            job.progress(progress.bytesDone, progress.bytesTotal);
        };
        options.urlOverride = url;
        try {
            const tlw::WeightsResolution resolution =
                tlw::resolveBackboneWeights(kind, includeTop, std::nullopt, environment, options);
            tlw::checkKerasWeightsFile(kind, includeTop, resolution.file);
            const QString file = toQString(resolution.file);
            const qint64 size = fileSize(resolution.file);
            const bool downloaded = resolution.downloaded;
            return [this, key, file, size, downloaded] {
                m_withoutWeights.remove(key);
                WeightsStatus found = m_lastLookup;
                found.state = WeightsStatus::State::Found;
                found.path = file;
                found.sizeBytes = size;
                found.downloaded = downloaded;
                setStatus(found);
            };
        } catch (const std::exception& error) {
            const QString reason = QString::fromUtf8(error.what());
            return [this, reason] {
                setStatus(lackingStatus());
                m_page->showError([=] { return tr("The weights could not be downloaded."); }, reason);
            };
        }
    });
}

void ModelController::cancelDownload() { m_download->cancel(); }

void ModelController::continueWithoutWeights() {
    m_withoutWeights.insert(weightsKey());
    WeightsStatus status = m_lastLookup;
    status.state = WeightsStatus::State::NotPretrained;
    setStatus(status);
}

}  // namespace tlw::ui
