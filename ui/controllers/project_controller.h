#pragma once

#include <QObject>
#include <QString>

#include "ui/project/project_file.h"

namespace tlw::ui {

class ModelController;
class MainWindow;

// File > Save Project / Open Project / recent projects: gathers every page's settings into a .tlwproj
// file and restores every page from one (the dataset is then scanned again, the layer table rebuilt
// with its freeze set, the weights looked for).
class ProjectController : public QObject {
    Q_OBJECT
public:
    ProjectController(MainWindow& window, ModelController& model, QObject* parent = nullptr);

    WorkbenchProject currentProject() const;
    QString lastModelPath() const { return m_lastModelPath; }
    void setLastModelPath(const QString& path) { m_lastModelPath = path; }

public slots:
    bool saveProject(const QString& file);  // errors go to the banner of the page in front
    bool openProject(const QString& file);
    // Puts every page in the project's state and opens its dataset (scanned again), without naming a
    // project file: what openProject() does after reading, and what a restored session does.
    void applyProject(const WorkbenchProject& project);

signals:
    void projectSaved(const QString& file);
    void projectOpened(const QString& file);

private:
    MainWindow& m_window;
    ModelController& m_model;
    QString m_lastModelPath;
};

}  // namespace tlw::ui
