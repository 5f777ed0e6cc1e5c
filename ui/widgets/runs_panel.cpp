#include "ui/widgets/runs_panel.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "core/util/error.h"
#include "ui/adapters/paths.h"
#include "ui/charts/run_curves_chart.h"
#include "ui/item_models/run_table_model.h"

namespace tlw::ui {

namespace {

// What the legend and the differences' columns call a run: its model's name without the extension.
QString runName(const tlw::RunRecord& run) { return QFileInfo(toQString(run.modelFile)).completeBaseName(); }

}  // namespace

RunsPanel::RunsPanel(QWidget* parent) : QWidget(parent), m_model(new RunTableModel(this)) {
    setObjectName(QStringLiteral("runsPanel"));
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("runsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    // The model's name takes the room left (elided; the tool tip has the path), the figures what they need.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RunTableModel::ModelColumn, QHeaderView::Stretch);
    m_table->setTextElideMode(Qt::ElideMiddle);

    m_figure = new QComboBox(this);
    m_figure->setObjectName(QStringLiteral("runsFigureBox"));
    m_figure->addItems({QString(), QString()});
    m_openButton = new QPushButton(this);
    m_openButton->setObjectName(QStringLiteral("openRunModelButton"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("runsNoteLabel"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_figure);
    controls->addStretch(1);
    controls->addWidget(m_openButton);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(controls);
    topLayout->addWidget(m_note);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(createComparison());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_model, &RunTableModel::checkedRunsChanged, this, &RunsPanel::showCheckedRuns);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunsPanel::updateOpenButton);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsPanel::updateOpenButton);
    connect(m_figure, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int index) {
        m_chart->setFigure(index == 1 ? RunCurvesChart::Figure::ValLoss
                                      : RunCurvesChart::Figure::ValAccuracy);
    });
    connect(m_openButton, &QPushButton::clicked, this, &RunsPanel::openSelectedRun);
    retranslateUi();
    showCheckedRuns();
    updateOpenButton();
}

QWidget* RunsPanel::createComparison() {
    m_chart = new RunCurvesChart(this);
    m_differencesTitle = new QLabel(this);
    QFont bold = m_differencesTitle->font();
    bold.setBold(true);
    m_differencesTitle->setFont(bold);
    m_differences = new QTableWidget(this);
    m_differences->setObjectName(QStringLiteral("settingDifferencesTable"));
    m_differences->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_differences->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_differences->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* differences = new QWidget(this);
    auto* differencesLayout = new QVBoxLayout(differences);
    differencesLayout->setContentsMargins(0, 0, 0, 0);
    differencesLayout->addWidget(m_differencesTitle);
    differencesLayout->addWidget(m_differences, 1);

    auto* comparison = new QSplitter(Qt::Horizontal, this);
    comparison->addWidget(m_chart);
    comparison->addWidget(differences);
    comparison->setStretchFactor(0, 2);
    comparison->setStretchFactor(1, 3);
    // Room for three runs' columns (named by their model files) beside a chart that still reads well.
    comparison->setSizes({400, 600});
    comparison->setChildrenCollapsible(false);
    return comparison;
}

void RunsPanel::setModelsFolder(const QString& folder) {
    m_modelsFolder = folder;
    reload();
}

void RunsPanel::setProjectRuns(const QStringList& models) {
    m_projectRuns = models;
    reload();
}

void RunsPanel::addRun(const QString& model) {
    if (!m_projectRuns.contains(model)) m_projectRuns.push_back(model);
    reload();
}

const std::vector<tlw::RunRecord>& RunsPanel::runs() const { return m_model->runs(); }

void RunsPanel::reload() {
    tlw::RunListing listing;
    if (!m_modelsFolder.isEmpty()) listing = tlw::listRuns(toPath(m_modelsFolder));
    for (const QString& model : m_projectRuns) {
        const std::filesystem::path file = toPath(model);
        const bool listed = std::any_of(listing.runs.begin(), listing.runs.end(),
                                        [&](const tlw::RunRecord& run) { return run.modelFile == file; });
        if (listed) continue;
        try {
            listing.runs.push_back(tlw::readRunRecord(tlw::runRecordPathFor(file)));
        } catch (const tlw::Error& error) {
            listing.notes.push_back(error.what());
        }
    }
    tlw::sortNewestFirst(listing.runs);
    m_notes.clear();
    for (const std::string& note : listing.notes) m_notes.push_back(QString::fromStdString(note));
    m_model->setRuns(std::move(listing.runs));
}

void RunsPanel::showCheckedRuns() {
    const std::vector<tlw::RunRecord> checked = m_model->checkedRuns();
    std::vector<RunCurvesChart::Run> curves;
    QStringList notes = m_notes;
    for (const tlw::RunRecord& run : checked) {
        try {
            curves.push_back({toQString(run.modelFile), runName(run), tlw::readRunHistory(run)});
        } catch (const tlw::Error& error) {
            notes.push_back(QString::fromUtf8(error.what()));
        }
    }
    m_chart->showRuns(curves);
    showDifferences(checked);
    m_note->setText(notes.isEmpty() ? QString()
                                    : tr("Could not be read: %1").arg(notes.join(QStringLiteral("; "))));
    m_note->setVisible(!notes.isEmpty());
}

void RunsPanel::showDifferences(const std::vector<tlw::RunRecord>& runs) {
    const std::vector<tlw::SettingDifference> differences =
        runs.size() < 2 ? std::vector<tlw::SettingDifference>{} : tlw::settingDifferences(runs);
    m_differences->clear();
    m_differences->setRowCount(static_cast<int>(differences.size()));
    m_differences->setColumnCount(runs.size() < 2 ? 0 : static_cast<int>(runs.size()));
    QStringList columns;
    for (const tlw::RunRecord& run : runs) columns.push_back(runName(run));
    if (runs.size() >= 2) m_differences->setHorizontalHeaderLabels(columns);
    QStringList rows;
    for (int row = 0; row < static_cast<int>(differences.size()); ++row) {
        const tlw::SettingDifference& difference = differences[static_cast<std::size_t>(row)];
        rows.push_back(QString::fromStdString(difference.key));
        for (int column = 0; column < static_cast<int>(difference.values.size()); ++column) {
            const std::string& value = difference.values[static_cast<std::size_t>(column)];
            m_differences->setItem(
                row, column,
                new QTableWidgetItem(value.empty() ? QStringLiteral("–") : QString::fromStdString(value)));
        }
    }
    m_differences->setVerticalHeaderLabels(rows);
    retranslateUi();  // the title says how many runs are compared
}

void RunsPanel::openSelectedRun() {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    emit openModelRequested(
        toQString(m_model->runs()[static_cast<std::size_t>(rows.front().row())].modelFile));
}

void RunsPanel::updateOpenButton() { m_openButton->setEnabled(m_table->selectionModel()->hasSelection()); }

void RunsPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void RunsPanel::retranslateUi() {
    m_figure->setItemText(0, tr("Validation accuracy"));
    m_figure->setItemText(1, tr("Validation loss"));
    m_openButton->setText(tr("Open This Run's Model"));
    m_openButton->setToolTip(
        tr("Make the selected run's model the workbench's model (as File ▸ Open Model… does)"));
    const std::size_t checked = m_model->checkedRuns().size();
    if (checked < 2)
        m_differencesTitle->setText(tr("Settings that differ: check two or more runs to compare them"));
    else if (m_differences->rowCount() == 0)
        m_differencesTitle->setText(tr("Settings that differ: none, the checked runs were set up alike"));
    else
        m_differencesTitle->setText(tr("Settings that differ"));
}

}  // namespace tlw::ui
