#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace tlw::ui {

class CancellableProgress;
class FileMoveBar;

// One image the audit suspects of a wrong label, as the panel shows it (plain Qt values: the controller
// converts core's result).
struct AuditSuspectItem {
    struct Neighbour {
        QString file;
        QString className;
        double similarity = 0.0;
    };
    QString file;
    QString given;
    QString suggested;
    double score = 0.0;  // another class's probability minus the given one's
    bool issue = false;  // confident learning says the label is wrong
    QList<Neighbour> neighbours;
};

// The Dataset page's Audit view: "Find Wrong Labels" runs the audit (the controller does, off the UI
// thread); then one suspect at a time: the image large, its given and suggested class, the training images
// it resembles most; "Keep" goes on to the next, "Move to" moves the file into the chosen class folder and
// "Move to Quarantine" out of the dataset (the controller journals both; "Undo Last Move" puts it back).
// It shows values and emits intentions.
class AuditPanel : public QWidget {
    Q_OBJECT
public:
    explicit AuditPanel(QWidget* parent = nullptr);

    void setClassNames(const QStringList& names);
    void showRunning();
    void showProgress(qint64 done, qint64 total);
    void showStopped();  // cancelled or failed: back to the start
    // The suspects in the audit's order (issues first), of trainingImages audited; the first one is shown.
    void showSuspects(const QList<AuditSuspectItem>& suspects, int issues, int trainingImages);
    // The file left its class (moved): off the list, the next one shown.
    void removeSuspect(const QString& file);
    void setUndoAvailable(bool available);
    // Another dataset: no audit shown.
    void clear();

    int suspectCount() const;
    int currentRow() const;
    QString currentFile() const;
    QListWidget* suspectList() const { return m_list; }
    QComboBox* targetClass() const;
    QPushButton* runButton() const { return m_run; }
    QPushButton* keepButton() const { return m_keep; }
    QPushButton* moveButton() const;
    QPushButton* quarantineButton() const;
    QPushButton* undoButton() const;
    QLabel* labelLine() const { return m_labels; }
    QListWidget* neighbourList() const { return m_neighbours; }

signals:
    void auditRequested();
    void cancelRequested();
    void moveRequested(const QString& file, const QString& className);
    void quarantineRequested(const QStringList& files);
    void undoRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void showSuspect(int row);
    void updateButtons();
    QString labelText(const AuditSuspectItem& suspect) const;

    QPushButton* m_run;
    CancellableProgress* m_progress;
    QLabel* m_summary;
    QListWidget* m_list;
    QLabel* m_image;
    QLabel* m_labels;
    QLabel* m_neighboursHeading;
    QListWidget* m_neighbours;
    QPushButton* m_keep;
    FileMoveBar* m_moves;
    QList<AuditSuspectItem> m_suspects;
    int m_issues = -1;  // -1: no audit shown
    int m_trainingImages = 0;
};

}  // namespace tlw::ui
