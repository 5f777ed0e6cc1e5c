#pragma once

#include <QDialog>
#include <QString>
#include <vector>

#include "ui/item_models/sweep_table_model.h"
#include "ui/util/live_text.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QDoubleSpinBox;
class QTableView;

namespace tlw::ui {

class SweepCurvesChart;

// What the user asked the sweep dialog for.
struct SweepRequest {
    std::vector<int> candidates;  // fine_tune_at values
    int epochs = 10;
    double learningRate = 1e-4;
};

// "Which Layers to Fine-Tune?" (Training page): the fine_tune_at candidates, the fine-tuning epochs and
// learning rate, Run and Cancel; then the ranked table, the candidates' validation curves overlaid, and
// "Use This Model" for the best (or the selected) candidate. The work runs in FineTuneSweepController.
class FineTuneSweepDialog : public QDialog {
    Q_OBJECT
public:
    explicit FineTuneSweepDialog(QWidget* parent = nullptr);

    // The backbone's layers the candidates are counted in, and the candidates proposed for it.
    void setCandidates(const std::vector<int>& candidates, const QString& backboneName);
    // Null with a message shown when the candidates do not parse.
    bool readRequest(SweepRequest& request);
    void setBusy(bool busy);
    void showCandidateStarted(int index, int count, int fineTuneAt);
    void showProgress(int done, int total);
    void appendEpoch(int fineTuneAt, int epoch, double valAccuracy);
    void showRows(std::vector<SweepRow> rows);
    void clearResults();
    void showMessage(LiveText text);  // composed again on a language switch
    // The model of the selected row, else of the best; empty without rows.
    QString chosenModel() const;

    QLineEdit* candidatesEdit() const { return m_candidates; }
    QSpinBox* epochsSpin() const { return m_epochs; }
    QDoubleSpinBox* learningRateSpin() const { return m_learningRate; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* useModelButton() const { return m_useModel; }
    QTableView* tableView() const { return m_table; }
    SweepTableModel* tableModel() const { return m_model; }
    SweepCurvesChart* chart() const { return m_chart; }
    QLabel* statusLabel() const { return m_status; }

signals:
    void runRequested(const tlw::ui::SweepRequest& request);
    void cancelRequested();
    void useModelRequested(const QString& modelFile);

protected:
    void changeEvent(QEvent* event) override;

private:
    QLayout* createForm();
    void retranslateUi();
    void updateEnabledStates();
    void onSelectionChanged();

    bool m_busy = false;
    QString m_backboneName;
    QLabel* m_intro;
    QLabel* m_candidatesLabel;
    QLineEdit* m_candidates;
    QLabel* m_epochsLabel;
    QSpinBox* m_epochs;
    QLabel* m_learningRateLabel;
    QDoubleSpinBox* m_learningRate;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    LiveText m_statusText;
    SweepTableModel* m_model;
    QTableView* m_table;
    SweepCurvesChart* m_chart;
    QPushButton* m_useModel;
    QPushButton* m_close;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::SweepRequest)
