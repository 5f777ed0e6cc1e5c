#pragma once

#include <QObject>
#include <QSet>
#include <QString>

#include "ui/pages/model_page.h"

namespace tlw::ui {

class BackgroundTask;
class MainWindow;
class Preferences;

// Connects the Model page to core: the backbone, image size and ImageNet top give describeBackbone's
// layer list (freeze flags kept where the layers stay the same); the weights panel shows what discovery
// finds, checks a file the user chooses (checkKerasWeightsFile), downloads the official file on a worker
// thread with progress and Cancel, or records the choice to go on without pretrained weights.
class ModelController : public QObject {
    Q_OBJECT
public:
    ModelController(MainWindow& window, Preferences& preferences, QObject* parent = nullptr);
    ~ModelController() override;

    // The address downloads use instead of Keras's official one (a mirror, or an unreachable one in tests).
    void setDownloadUrl(const QString& url) { m_downloadUrl = url; }
    bool isBusy() const;  // looking for, checking or downloading weights

public slots:
    // Shows the settings (a project being opened), rebuilds the table with their freeze flags and looks
    // for the weights again.
    void applySettings(const tlw::ui::ModelSettings& settings);
    // The first start: when nothing says which backbone to use and VGG16's weights are missing but
    // SqueezeNet's are there, SqueezeNet is chosen; with no weights at all, the page says so in its banner.
    void preferBackboneWithWeights();
    void rebuildLayers();
    void lookForWeights();
    void useWeightsFile(const QString& path);
    void downloadWeights();
    void cancelDownload();
    void continueWithoutWeights();

signals:
    void weightsStatusChanged(const tlw::ui::WeightsStatus& status);

private:
    void setStatus(const WeightsStatus& status);
    // What discovery found missing, or "not pretrained" when the user chose to go on without.
    WeightsStatus lackingStatus() const;
    QString weightsKey() const;  // backbone and top: what a weights file is for

    MainWindow& m_window;
    Preferences& m_preferences;
    ModelPage* m_page;
    BackgroundTask* m_check;
    BackgroundTask* m_download;
    QString m_downloadUrl;
    QString m_builtBackbone;
    QString m_weightsKeyLookedFor;
    WeightsStatus m_lastLookup;      // what discovery said, to go back to after a failed download or choice
    QSet<QString> m_withoutWeights;  // weights keys the user chose to use without pretrained weights
};

}  // namespace tlw::ui
