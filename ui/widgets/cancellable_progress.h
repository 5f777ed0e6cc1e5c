#pragma once

#include <QWidget>

class QProgressBar;
class QPushButton;

namespace tlw::ui {

// A background task's "done / total" bar and its Cancel button, hidden while nothing runs: the Dataset
// page's Audit view and Map start the same audit and show it the same way.
class CancellableProgress : public QWidget {
    Q_OBJECT
public:
    explicit CancellableProgress(QWidget* parent = nullptr);

    void start();  // shown, busy until the first setProgress()
    void setProgress(qint64 done, qint64 total);
    void stop();  // hidden
    bool isRunning() const { return m_running; }

    QPushButton* cancelButton() const { return m_cancel; }

signals:
    void cancelClicked();

protected:
    void changeEvent(QEvent* event) override;

private:
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    bool m_running = false;
};

}  // namespace tlw::ui
