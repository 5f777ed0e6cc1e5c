#include "ui/util/preferences.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace tlw::ui {

namespace {
constexpr char kWindowGeometry[] = "window/geometry";
constexpr char kWindowState[] = "window/state";
constexpr char kLastDatasetFolder[] = "folders/dataset";
constexpr char kLastProjectFolder[] = "folders/project";
constexpr char kLastModelFolder[] = "folders/model";
constexpr char kLastImageFolder[] = "folders/images";
constexpr char kLastExportFolder[] = "folders/export";
constexpr char kRecentDatasets[] = "recent/datasets";
constexpr char kRecentProjects[] = "recent/projects";
constexpr char kLanguage[] = "ui/language";
constexpr char kSessionProject[] = "session/project";
constexpr char kGettingStartedShown[] = "ui/getting_started_shown";
constexpr char kPredictGradCam[] = "insight/predict_grad_cam";
constexpr char kEvaluationGradCam[] = "insight/evaluation_grad_cam";
constexpr char kSimilarPerClass[] = "insight/similar_per_class";
constexpr char kWeightsFiles[] = "weights/";  // + the backbone ("vgg16", "vgg16+top")
}  // namespace

Preferences::Preferences() : m_settings(std::make_unique<QSettings>()) {}

Preferences::Preferences(const QString& iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat)) {}

Preferences::~Preferences() = default;

QByteArray Preferences::windowGeometry() const { return m_settings->value(kWindowGeometry).toByteArray(); }
void Preferences::setWindowGeometry(const QByteArray& geometry) {
    m_settings->setValue(kWindowGeometry, geometry);
}
QByteArray Preferences::windowState() const { return m_settings->value(kWindowState).toByteArray(); }
void Preferences::setWindowState(const QByteArray& state) { m_settings->setValue(kWindowState, state); }

QString Preferences::folder(const char* key) const {
    const QString stored = m_settings->value(key).toString();
    // A folder deleted since the last session would make file dialogs open somewhere arbitrary.
    return !stored.isEmpty() && QDir(stored).exists() ? stored : QDir::homePath();
}
void Preferences::setFolder(const char* key, const QString& folder) { m_settings->setValue(key, folder); }

QString Preferences::lastDatasetFolder() const { return folder(kLastDatasetFolder); }
void Preferences::setLastDatasetFolder(const QString& folder) { setFolder(kLastDatasetFolder, folder); }
QString Preferences::lastProjectFolder() const { return folder(kLastProjectFolder); }
void Preferences::setLastProjectFolder(const QString& folder) { setFolder(kLastProjectFolder, folder); }
QString Preferences::lastModelFolder() const { return folder(kLastModelFolder); }
void Preferences::setLastModelFolder(const QString& folder) { setFolder(kLastModelFolder, folder); }
QString Preferences::lastImageFolder() const { return folder(kLastImageFolder); }
void Preferences::setLastImageFolder(const QString& folder) { setFolder(kLastImageFolder, folder); }
QString Preferences::lastExportFolder() const { return folder(kLastExportFolder); }
void Preferences::setLastExportFolder(const QString& folder) { setFolder(kLastExportFolder, folder); }

QStringList Preferences::recent(const char* key) const { return m_settings->value(key).toStringList(); }

void Preferences::addRecent(const char* key, const QString& entry) {
    QStringList entries = recent(key);
    entries.removeAll(entry);
    entries.prepend(entry);
    while (entries.size() > kMaxRecent) entries.removeLast();
    m_settings->setValue(key, entries);
}

void Preferences::removeRecent(const char* key, const QString& entry) {
    QStringList entries = recent(key);
    entries.removeAll(entry);
    m_settings->setValue(key, entries);
}

QStringList Preferences::recentDatasets() const { return recent(kRecentDatasets); }
void Preferences::addRecentDataset(const QString& folder) { addRecent(kRecentDatasets, folder); }
void Preferences::removeRecentDataset(const QString& folder) { removeRecent(kRecentDatasets, folder); }
QStringList Preferences::recentProjects() const { return recent(kRecentProjects); }
void Preferences::addRecentProject(const QString& file) { addRecent(kRecentProjects, file); }
void Preferences::removeRecentProject(const QString& file) { removeRecent(kRecentProjects, file); }

QString Preferences::sessionFile() const {
    return QFileInfo(m_settings->fileName()).dir().filePath(QStringLiteral("last-session.tlwproj"));
}
QString Preferences::sessionProjectPath() const { return m_settings->value(kSessionProject).toString(); }
void Preferences::setSessionProjectPath(const QString& file) { m_settings->setValue(kSessionProject, file); }

bool Preferences::gettingStartedShown() const { return m_settings->value(kGettingStartedShown).toBool(); }
void Preferences::setGettingStartedShown(bool shown) { m_settings->setValue(kGettingStartedShown, shown); }

void Preferences::clearRecent() {
    m_settings->remove(kRecentDatasets);
    m_settings->remove(kRecentProjects);
}

QString Preferences::language() const { return m_settings->value(kLanguage).toString(); }
void Preferences::setLanguage(const QString& code) { m_settings->setValue(kLanguage, code); }

QString Preferences::weightsFile(const QString& backbone) const {
    return m_settings->value(QLatin1String(kWeightsFiles) + backbone).toString();
}

void Preferences::setWeightsFile(const QString& backbone, const QString& file) {
    if (file.isEmpty())
        m_settings->remove(QLatin1String(kWeightsFiles) + backbone);
    else
        m_settings->setValue(QLatin1String(kWeightsFiles) + backbone, file);
}

void Preferences::sync() { m_settings->sync(); }

bool Preferences::predictGradCamShown() const { return m_settings->value(kPredictGradCam, false).toBool(); }
void Preferences::setPredictGradCamShown(bool shown) { m_settings->setValue(kPredictGradCam, shown); }
bool Preferences::evaluationGradCamShown() const {
    return m_settings->value(kEvaluationGradCam, false).toBool();
}
void Preferences::setEvaluationGradCamShown(bool shown) { m_settings->setValue(kEvaluationGradCam, shown); }
bool Preferences::similarPerClass() const { return m_settings->value(kSimilarPerClass, false).toBool(); }
void Preferences::setSimilarPerClass(bool perClass) { m_settings->setValue(kSimilarPerClass, perClass); }

}  // namespace tlw::ui
