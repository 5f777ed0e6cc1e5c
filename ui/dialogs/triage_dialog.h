#pragma once

#include <QDialog>
#include <QStringList>
#include <vector>

#include "ui/item_models/triage_table_model.h"
#include "ui/util/live_text.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace tlw::ui {

class ThumbnailLoader;

// What the user asked the Triage dialog for.
struct TriageRequest {
    QString folder;
    int rankedClass = -1;  // a class index, or -1: sort into a folder per answer
    enum class Placement { None, Copy, Link } placement = Placement::None;
    QString destination;
};

// "Triage a folder" (Predict page): choose a folder, a class to rank by or "sort into folders", and where
// copies or links go; then the ranked table with thumbnails, its summary and Export CSV. The work runs in
// TriageController; this only asks and shows.
class TriageDialog : public QDialog {
    Q_OBJECT
public:
    explicit TriageDialog(QWidget* parent = nullptr);

    void setClassNames(const QStringList& classNames);
    TriageRequest request() const;
    void setBusy(bool busy);
    void showProgress(qint64 done, qint64 total);
    void showRows(std::vector<TriageRow> rows, LiveText summary);
    void showMessage(LiveText text);  // composed again on a language switch

    QLineEdit* folderEdit() const { return m_folder; }
    QComboBox* classCombo() const { return m_class; }
    QComboBox* placementCombo() const { return m_placement; }
    QLineEdit* destinationEdit() const { return m_destination; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* exportButton() const { return m_export; }
    QTableView* tableView() const { return m_table; }
    TriageTableModel* tableModel() const { return m_model; }
    QLabel* summaryLabel() const { return m_summary; }

signals:
    void runRequested(const tlw::ui::TriageRequest& request);
    void cancelRequested();
    void exportRequested(const QString& file);

protected:
    void changeEvent(QEvent* event) override;

private:
    QLayout* createForm();
    void retranslateUi();
    void updateEnabledStates();
    void chooseFolder(QLineEdit* edit, const QString& title);
    void chooseCsv();

    ThumbnailLoader* m_thumbnails;
    bool m_busy = false;
    QLabel* m_folderLabel;
    QLineEdit* m_folder;
    QPushButton* m_chooseFolder;
    QLabel* m_classLabel;
    QComboBox* m_class;
    QLabel* m_placementLabel;
    QComboBox* m_placement;
    QLineEdit* m_destination;
    QPushButton* m_chooseDestination;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_summary;
    LiveText m_summaryText;
    TriageTableModel* m_model;
    QTableView* m_table;
    QPushButton* m_export;
    QPushButton* m_close;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::TriageRequest)
