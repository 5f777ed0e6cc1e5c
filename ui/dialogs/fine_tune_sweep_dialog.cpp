#include "ui/dialogs/fine_tune_sweep_dialog.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/charts/sweep_curves_chart.h"

namespace tlw::ui {

FineTuneSweepDialog::FineTuneSweepDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("fineTuneSweepDialog"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_model = new SweepTableModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("sweepTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_chart = new SweepCurvesChart(this);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FineTuneSweepDialog::onSelectionChanged);

    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sweepStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_useModel = new QPushButton(style()->standardIcon(QStyle::SP_DialogApplyButton), QString(), this);
    m_useModel->setObjectName(QStringLiteral("sweepUseModelButton"));
    m_close = new QPushButton(this);
    connect(m_useModel, &QPushButton::clicked, this, [this] { emit useModelRequested(chosenModel()); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_useModel);
    bottom->addWidget(m_close);

    auto* results = new QSplitter(Qt::Vertical, this);
    results->addWidget(m_table);
    results->addWidget(m_chart);
    results->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(createForm());
    layout->addWidget(m_progress);
    layout->addWidget(results, 1);
    layout->addLayout(bottom);
    resize(900, 700);
    retranslateUi();
    updateEnabledStates();
}

QLayout* FineTuneSweepDialog::createForm() {
    m_candidatesLabel = new QLabel(this);
    m_candidates = new QLineEdit(this);
    m_candidates->setObjectName(QStringLiteral("sweepCandidates"));
    m_epochsLabel = new QLabel(this);
    m_epochs = new QSpinBox(this);
    m_epochs->setObjectName(QStringLiteral("sweepEpochs"));
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(10);
    m_learningRateLabel = new QLabel(this);
    m_learningRate = new QDoubleSpinBox(this);
    m_learningRate->setObjectName(QStringLiteral("sweepLearningRate"));
    m_learningRate->setDecimals(6);
    m_learningRate->setRange(1e-6, 1.0);
    m_learningRate->setSingleStep(1e-5);
    m_learningRate->setValue(1e-4);
    m_run = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    m_run->setObjectName(QStringLiteral("sweepRunButton"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), QString(), this);
    m_cancel->setObjectName(QStringLiteral("sweepCancelButton"));
    connect(m_run, &QPushButton::clicked, this, [this] {
        SweepRequest request;
        if (readRequest(request)) emit runRequested(request);
    });
    connect(m_cancel, &QPushButton::clicked, this, &FineTuneSweepDialog::cancelRequested);

    auto* form = new QGridLayout;
    form->addWidget(m_candidatesLabel, 0, 0);
    form->addWidget(m_candidates, 0, 1, 1, 3);
    form->addWidget(m_epochsLabel, 1, 0);
    form->addWidget(m_epochs, 1, 1);
    form->addWidget(m_learningRateLabel, 1, 2);
    form->addWidget(m_learningRate, 1, 3);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    form->addLayout(buttons, 2, 0, 1, 4);
    return form;
}

void FineTuneSweepDialog::setCandidates(const std::vector<int>& candidates, const QString& backboneName) {
    QStringList texts;
    for (const int k : candidates) texts << QString::number(k);
    m_candidates->setText(texts.join(QStringLiteral(", ")));
    m_backboneName = backboneName;
    retranslateUi();
}

bool FineTuneSweepDialog::readRequest(SweepRequest& request) {
    request = SweepRequest{};
    const QStringList parts =
        m_candidates->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        bool ok = false;
        const int k = part.toInt(&ok);
        if (!ok || k < 1) {
            showMessage([part] {
                return tr("“%1” is not a layer index: give layer numbers as the Model page counts them, "
                          "separated by commas.")
                    .arg(part);
            });
            return false;
        }
        request.candidates.push_back(k);
    }
    if (request.candidates.empty()) {
        showMessage([] { return tr("Give at least one layer to fine-tune from."); });
        return false;
    }
    request.epochs = m_epochs->value();
    request.learningRate = m_learningRate->value();
    return true;
}

void FineTuneSweepDialog::setBusy(bool busy) {
    m_busy = busy;
    m_progress->setVisible(busy);
    if (busy) m_progress->setRange(0, 0);
    updateEnabledStates();
}

void FineTuneSweepDialog::showCandidateStarted(int index, int count, int fineTuneAt) {
    showMessage([index, count, fineTuneAt] {
        return tr("Candidate %1 of %2: fine-tuning from layer %3…").arg(index + 1).arg(count).arg(fineTuneAt);
    });
}

void FineTuneSweepDialog::showProgress(int done, int total) {
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
}

void FineTuneSweepDialog::appendEpoch(int fineTuneAt, int epoch, double valAccuracy) {
    m_chart->appendEpoch(fineTuneAt, epoch, valAccuracy);
}

void FineTuneSweepDialog::showRows(std::vector<SweepRow> rows) {
    m_model->setRows(std::move(rows));
    if (m_model->rowCount() > 0) m_table->selectRow(0);
    updateEnabledStates();
}

void FineTuneSweepDialog::clearResults() {
    m_model->setRows({});
    m_chart->clear();
    updateEnabledStates();
}

void FineTuneSweepDialog::showMessage(LiveText text) {
    m_statusText = std::move(text);
    m_status->setText(m_statusText.text());
}

QString FineTuneSweepDialog::chosenModel() const {
    const std::vector<SweepRow>& rows = m_model->rows();
    if (rows.empty()) return {};
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    const int row = selected.isEmpty() ? 0 : selected.first().row();
    return rows.at(static_cast<std::size_t>(row)).modelFile;
}

void FineTuneSweepDialog::onSelectionChanged() {
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (!selected.isEmpty())
        m_chart->highlight(m_model->rows().at(static_cast<std::size_t>(selected.first().row())).fineTuneAt);
    updateEnabledStates();
}

void FineTuneSweepDialog::updateEnabledStates() {
    m_run->setEnabled(!m_busy);
    m_cancel->setEnabled(m_busy);
    m_candidates->setEnabled(!m_busy);
    m_epochs->setEnabled(!m_busy);
    m_learningRate->setEnabled(!m_busy);
    m_useModel->setEnabled(!m_busy && m_model->rowCount() > 0);
}

void FineTuneSweepDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDialog::changeEvent(event);
}

void FineTuneSweepDialog::retranslateUi() {
    m_status->setText(m_statusText.text());
    setWindowTitle(tr("Which Layers to Fine-Tune?"));
    m_intro->setText(
        tr("Each candidate trains the same way: the head solved on the frozen %1, then fine-tuning from the "
           "given layer on, with the same epochs, learning rate and seed. The frozen layers are computed "
           "once for all candidates. The best validation accuracy wins (ties: the lower validation loss).")
            .arg(m_backboneName.isEmpty() ? tr("backbone") : m_backboneName));
    m_candidatesLabel->setText(tr("Fine-tune from layers:"));
    m_candidates->setToolTip(
        tr("Layer indices as the Model page's layer table numbers them, separated by commas: from layer K "
           "on the network trains, the layers before it stay frozen."));
    m_epochsLabel->setText(tr("Fine-tuning epochs:"));
    m_learningRateLabel->setText(tr("Learning rate:"));
    m_run->setText(tr("Run Sweep"));
    m_cancel->setText(tr("Cancel"));
    m_useModel->setText(tr("Use This Model"));
    m_useModel->setToolTip(
        tr("Make the selected candidate's model (the best one when none is selected) the "
           "model the Evaluation and Predict pages use"));
    m_close->setText(tr("Close"));
}

}  // namespace tlw::ui
