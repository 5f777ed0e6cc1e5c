#include "ui/controllers/project_controller.h"

#include <QDir>
#include <QFileInfo>

#include "ui/controllers/model_controller.h"
#include "ui/pages/dataset_page.h"
#include "ui/pages/model_page.h"
#include "ui/pages/training_page.h"
#include "ui/widgets/runs_panel.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {

ProjectController::ProjectController(MainWindow& window, ModelController& model, QObject* parent)
    : QObject(parent), m_window(window), m_model(model) {
    connect(&m_window, &MainWindow::saveProjectRequested, this, &ProjectController::saveProject);
    connect(&m_window, &MainWindow::openProjectRequested, this, &ProjectController::openProject);
}

WorkbenchProject ProjectController::currentProject() const {
    WorkbenchProject project;
    DatasetPage* dataset = m_window.datasetPage();
    project.datasetFolder = dataset->hasDataset() ? dataset->overview().folder : dataset->folder();
    project.split = dataset->splitSettings();
    project.model = m_window.modelPage()->modelSettings();
    project.training = m_window.trainingPage()->settings();
    project.lastModelPath = m_lastModelPath;
    project.runModels = m_window.trainingPage()->runsPanel()->projectRuns();
    return project;
}

bool ProjectController::saveProject(const QString& file) {
    try {
        writeProjectFile(file, currentProject());
    } catch (const std::exception& error) {
        m_window.showError([=] { return tr("The project could not be saved."); },
                           QString::fromUtf8(error.what()));
        return false;
    }
    m_window.setProjectPath(QFileInfo(file).absoluteFilePath());
    m_window.showStatusMessage(tr("Project saved to %1").arg(QDir::toNativeSeparators(file)));
    emit projectSaved(file);
    return true;
}

bool ProjectController::openProject(const QString& file) {
    WorkbenchProject project;
    try {
        project = readProjectFile(file);
    } catch (const std::exception& error) {
        m_window.showError([=] { return tr("The project could not be opened."); },
                           QString::fromUtf8(error.what()));
        return false;
    }
    applyProject(project);
    m_window.setProjectPath(QFileInfo(file).absoluteFilePath());
    emit projectOpened(file);
    return true;
}

void ProjectController::applyProject(const WorkbenchProject& project) {
    m_window.datasetPage()->setSplitSettings(project.split);
    m_model.applySettings(project.model);
    m_window.trainingPage()->setSettings(project.training);
    m_lastModelPath = project.lastModelPath;
    m_window.trainingPage()->runsPanel()->setProjectRuns(project.runModels);
    if (project.datasetFolder.isEmpty()) return;
    if (QFileInfo(project.datasetFolder).isDir()) return m_window.openDatasetFolder(project.datasetFolder);
    m_window.showPage(MainWindow::PageId::Dataset);
    m_window.datasetPage()->showEmptyState();
    m_window.datasetPage()->showError([=] { return tr("The project's dataset folder no longer exists."); },
                                      QDir::toNativeSeparators(project.datasetFolder));
}

}  // namespace tlw::ui
