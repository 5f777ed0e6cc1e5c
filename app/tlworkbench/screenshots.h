#pragma once

#include <QCommandLineOption>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace tlw::ui {
class Workbench;
}

// What `tlworkbench --screenshots DIR [DATASET_DIR]` renders: every page (and the About dialog), after
// the dataset has been scanned and the weights looked for. The options below are for the documentation
// screenshots (tools/screenshots.sh) and hidden from --help.
struct ScreenshotOptions {
    QString folder;               // where the PNG files go
    QString prefix;               // "en", "zh_CN": the files are PREFIX-<page>SUFFIX.png
    QString dataset;              // opened first when set
    QStringList pages;            // "dataset", "model", ..., "about", "getting-started", "viewer"; empty: all
    QString suffix;               // "-no-weights"
    QString backbone;             // "vgg16" or "squeezenet"; empty: as it is
    bool fineTunePreset = false;  // apply the backbone's fine-tune preset on the Model page
    // A real run before the pictures: epochs with the Model page's freeze set, then fine-tuning epochs
    // (0: one phase); the model is then evaluated on the split and used on `predict`.
    int trainEpochs = 0;
    int fineTuneEpochs = 0;
    QStringList predict;  // files or folders for the Predict page
    QString model;        // instead of a run: this model file, evaluated on the dataset's split
    QString triage;       // a folder for the Triage dialog ("triage"), ranked by the model's last class
    double classThreshold = 0.0;  // "thresholds": the Evaluation page's per-class tab, every class at this

    class Parser {
    public:
        explicit Parser(QCommandLineParser& parser);  // adds the hidden options
        ScreenshotOptions read(const QCommandLineParser& parser) const;

    private:
        QCommandLineOption m_pages;
        QCommandLineOption m_suffix;
        QCommandLineOption m_backbone;
        QCommandLineOption m_fineTune;
        QCommandLineOption m_train;
        QCommandLineOption m_predict;
        QCommandLineOption m_model;
        QCommandLineOption m_triage;
        QCommandLineOption m_classThreshold;
    };
};

// Renders with QWidget::grab, which works on any Qt platform, offscreen included. Returns the number of
// files that failed (a dataset that cannot be scanned counts as one).
int renderScreenshots(tlw::ui::Workbench& workbench, const ScreenshotOptions& options);
