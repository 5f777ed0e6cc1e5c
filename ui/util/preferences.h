#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>

class QSettings;

namespace tlw::ui {

// The one owner of the workbench's QSettings keys: window layout, last folders, recent lists and the
// language. Everything else asks this class, so a key is spelt in one place only.
class Preferences {
public:
    static constexpr int kMaxRecent = 8;

    Preferences();                                 // the application's settings (organisation/app name)
    explicit Preferences(const QString& iniFile);  // a given INI file (tests, portable installs)
    ~Preferences();
    Preferences(const Preferences&) = delete;
    Preferences& operator=(const Preferences&) = delete;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);

    QString lastDatasetFolder() const;
    void setLastDatasetFolder(const QString& folder);
    QString lastProjectFolder() const;
    void setLastProjectFolder(const QString& folder);
    QString lastModelFolder() const;
    void setLastModelFolder(const QString& folder);
    QString lastImageFolder() const;  // the Predict page's file dialog
    void setLastImageFolder(const QString& folder);
    QString lastExportFolder() const;  // chart exports
    void setLastExportFolder(const QString& folder);

    // Most recent first, no duplicates, at most kMaxRecent entries.
    QStringList recentDatasets() const;
    void addRecentDataset(const QString& folder);
    void removeRecentDataset(const QString& folder);
    QStringList recentProjects() const;
    void addRecentProject(const QString& file);
    void removeRecentProject(const QString& file);
    void clearRecent();

    // "" follows the system locale; otherwise a code from LanguageManager::availableLanguages().
    QString language() const;
    void setLanguage(const QString& code);

    // The weights file the user chose for a backbone ("vgg16", "squeezenet", "vgg16+top"); empty: none,
    // discovery decides. An empty file forgets the choice.
    QString weightsFile(const QString& backbone) const;
    void setWeightsFile(const QString& backbone, const QString& file);

    // The last session, kept so that a restart or a crash loses nothing: the autosaved project (a file
    // beside the settings file) and the named project it was a copy of, if any.
    QString sessionFile() const;
    QString sessionProjectPath() const;
    void setSessionProjectPath(const QString& file);
    // Whether Help > Getting Started has been offered once (it opens by itself on the first start).
    bool gettingStartedShown() const;
    void setGettingStartedShown(bool shown);

    // The insight switches, off until turned on: Grad-CAM overlays on the Predict page and in the
    // Evaluation page's gallery, and "closest of each class" in the Predict cards' "looks like" row.
    bool predictGradCamShown() const;
    void setPredictGradCamShown(bool shown);
    bool evaluationGradCamShown() const;
    void setEvaluationGradCamShown(bool shown);
    bool similarPerClass() const;
    void setSimilarPerClass(bool perClass);

    void sync();  // flush to disk now (QSettings also does it on its own)

private:
    QString folder(const char* key) const;
    void setFolder(const char* key, const QString& folder);
    QStringList recent(const char* key) const;
    void addRecent(const char* key, const QString& entry);
    void removeRecent(const char* key, const QString& entry);

    std::unique_ptr<QSettings> m_settings;
};

}  // namespace tlw::ui
