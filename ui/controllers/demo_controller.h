#pragma once

#include <QObject>
#include <QString>

#include "core/demo/seal_demo.h"

namespace tlw::ui {

class BackgroundTask;
class MainWindow;

// "Try with demo data" (the Dataset page's start state, Help menu, `tlworkbench --demo`): generates the
// seal-impression demo set on a worker thread, with progress and Cancel on the Dataset page, unless a
// complete one is already there; then opens it like any dataset folder.
class DemoController : public QObject {
    Q_OBJECT
public:
    explicit DemoController(MainWindow& window, QObject* parent = nullptr);
    ~DemoController() override;

    // Where the set goes (default: core's defaultDemoDir(), read when openDemo() runs) and how it is drawn.
    void setFolder(const QString& folder) { m_folder = folder; }
    void setOptions(const tlw::DemoOptions& options) { m_options = options; }
    QString folder() const;
    bool isGenerating() const;

public slots:
    void openDemo();
    void cancel();

signals:
    void demoOpened(const QString& folder);
    void demoFailed(const QString& message);

private:
    MainWindow& m_window;
    BackgroundTask* m_task;
    QString m_folder;
    tlw::DemoOptions m_options;
};

}  // namespace tlw::ui
