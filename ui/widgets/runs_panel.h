#pragma once

#include <QStringList>
#include <QWidget>
#include <vector>

#include "core/train/run_record.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace tlw::ui {

class RunCurvesChart;
class RunTableModel;

// The Training page's Runs tab: every recorded run (the project's runs and those in the models folder),
// newest first, with checkable rows. The checked runs' curves are overlaid (validation accuracy or loss)
// and a table shows the settings that differ between them; "Open This Run's Model" asks for the selected
// run's model to become the workbench's model.
class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(QWidget* parent = nullptr);

    // Where the window saves models: its runs are listed.
    void setModelsFolder(const QString& folder);
    // The runs made in this project (their model files), as the project file keeps them.
    void setProjectRuns(const QStringList& models);
    QStringList projectRuns() const { return m_projectRuns; }
    // A run that has just saved its model: it joins the project's runs and is listed at once.
    void addRun(const QString& model);
    // Reads the records again (small JSON files: at once, on this thread).
    void reload();

    const std::vector<tlw::RunRecord>& runs() const;
    RunTableModel* runTable() const { return m_model; }
    QTableView* tableView() const { return m_table; }
    RunCurvesChart* chart() const { return m_chart; }
    QComboBox* figureBox() const { return m_figure; }
    QTableWidget* differencesTable() const { return m_differences; }
    QPushButton* openModelButton() const { return m_openButton; }
    QLabel* noteLabel() const { return m_note; }

signals:
    void openModelRequested(const QString& model);

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* createComparison();
    void showCheckedRuns();
    void showDifferences(const std::vector<tlw::RunRecord>& runs);
    void openSelectedRun();
    void updateOpenButton();
    void retranslateUi();

    QString m_modelsFolder;
    QStringList m_projectRuns;
    QStringList m_notes;  // records or histories that could not be read, as "FILE: reason"
    RunTableModel* m_model;
    QTableView* m_table;
    QComboBox* m_figure;
    QPushButton* m_openButton;
    RunCurvesChart* m_chart;
    QLabel* m_differencesTitle;
    QTableWidget* m_differences;
    QLabel* m_note;
};

}  // namespace tlw::ui
