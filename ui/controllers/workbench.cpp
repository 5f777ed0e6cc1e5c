#include "ui/controllers/workbench.h"

#include "ui/controllers/dataset_controller.h"
#include "ui/controllers/demo_controller.h"
#include "ui/controllers/model_controller.h"
#include "ui/controllers/project_controller.h"
#include "ui/windows/main_window.h"

namespace tlw::ui {

Workbench::Workbench(Preferences& preferences, LanguageManager* languages, QObject* parent)
    : QObject(parent),
      m_window(std::make_unique<MainWindow>(preferences, languages)),
      m_datasets(std::make_unique<DatasetController>(*m_window)),
      m_model(std::make_unique<ModelController>(*m_window, preferences)),
      m_demo(std::make_unique<DemoController>(*m_window)),
      m_projects(std::make_unique<ProjectController>(*m_window, *m_model)) {}

// The controllers go first (reverse declaration order): they wait for their worker threads, whose
// results would otherwise reach a window that is gone.
Workbench::~Workbench() = default;

}  // namespace tlw::ui
