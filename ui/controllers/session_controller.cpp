#include "ui/controllers/session_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include "ui/controllers/project_controller.h"
#include "ui/project/project_file.h"
#include "ui/util/preferences.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {

SessionController::SessionController(MainWindow& window, ProjectController& projects,
                                     Preferences& preferences, QObject* parent)
    : QObject(parent),
      m_window(window),
      m_projects(projects),
      m_preferences(preferences),
      m_timer(new QTimer(this)) {
    m_window.setUnsavedChangesCheck([this] { return hasUnsavedChanges(); });
    connect(&m_window, &MainWindow::closing, this, &SessionController::saveSessionNow);
    connect(&m_projects, &ProjectController::projectSaved, this, &SessionController::rememberSavedProject);
    connect(&m_projects, &ProjectController::projectOpened, this, &SessionController::rememberSavedProject);
    // Comparing a few kilobytes of JSON every few seconds costs nothing and catches every kind of change.
    connect(m_timer, &QTimer::timeout, this, &SessionController::autosave);
    m_timer->start(kAutosaveIntervalMs);
    m_writer.setMaxThreadCount(1);
}

SessionController::~SessionController() { m_writer.waitForDone(); }

QByteArray SessionController::currentJson() const {
    return projectToJson(m_projects.currentProject(), QFileInfo(m_preferences.sessionFile()).absolutePath());
}

void SessionController::rememberSavedProject(const QString& file) {
    try {
        m_savedJson =
            projectToJson(readProjectFile(file), QFileInfo(m_preferences.sessionFile()).absolutePath());
    } catch (const std::exception&) {
        m_savedJson.clear();  // unreadable now: every state counts as unsaved
    }
    m_preferences.setSessionProjectPath(QFileInfo(file).absoluteFilePath());
}

bool SessionController::hasUnsavedChanges() const {
    const WorkbenchProject project = m_projects.currentProject();
    if (m_window.projectPath().isEmpty()) return !project.datasetFolder.isEmpty();
    return currentJson() != m_savedJson;
}

void SessionController::autosave() {
    const QByteArray json = currentJson();
    if (json == m_sessionJson) return;
    m_sessionJson = json;
    m_preferences.setSessionProjectPath(m_window.projectPath());
    m_writer.start([this, file = m_preferences.sessionFile(), json] {
        try {
            QDir().mkpath(QFileInfo(file).absolutePath());
            writeProjectJson(file, json);
        } catch (const std::exception& error) {
            QMetaObject::invokeMethod(
                this, [this, reason = QString::fromUtf8(error.what())] { reportFailure(reason); });
        }
    });
}

bool SessionController::saveSessionNow() {
    m_writer.waitForDone();
    const QByteArray json = currentJson();
    if (json == m_sessionJson && QFileInfo::exists(m_preferences.sessionFile())) return true;
    const QString file = m_preferences.sessionFile();
    try {
        QDir().mkpath(QFileInfo(file).absolutePath());
        writeProjectJson(file, json);
    } catch (const std::exception& error) {
        reportFailure(QString::fromUtf8(error.what()));
        return false;
    }
    m_sessionJson = json;
    m_preferences.setSessionProjectPath(m_window.projectPath());
    return true;
}

void SessionController::reportFailure(const QString& reason) {
    m_timer->stop();  // once is enough: the status bar would repeat it every few seconds
    m_sessionJson.clear();
    m_window.showStatusMessage(tr("The session could not be kept for the next start: %1").arg(reason));
}

bool SessionController::restoreLastSession(const QString& dataset) {
    const QString file = m_preferences.sessionFile();
    if (!QFileInfo(file).isFile()) return false;
    WorkbenchProject project;
    try {
        project = readProjectFile(file);
    } catch (const std::exception& error) {
        m_window.showError([=] { return tr("The last session could not be restored."); },
                           QString::fromUtf8(error.what()));
        return false;
    }
    const bool otherDataset = !dataset.isEmpty() && dataset != project.datasetFolder;
    if (!dataset.isEmpty()) project.datasetFolder = dataset;
    m_projects.applyProject(project);
    const QString named = m_preferences.sessionProjectPath();
    if (!otherDataset && !named.isEmpty() && QFileInfo(named).isFile()) {
        m_window.setProjectPath(named);
        rememberSavedProject(named);
    }
    emit sessionRestored();
    return true;
}

}  // namespace tlw::ui
