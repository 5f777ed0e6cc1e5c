#include "ui/dialogs/triage_dialog.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/workers/thumbnail_loader.h"

namespace tlw::ui {

namespace {
constexpr int kThumbnailSide = 48;
}  // namespace

TriageDialog::TriageDialog(QWidget* parent)
    : QDialog(parent), m_thumbnails(new ThumbnailLoader(QSize(kThumbnailSide, kThumbnailSide), this)) {
    setObjectName(QStringLiteral("triageDialog"));
    m_model = new TriageTableModel(m_thumbnails, this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("triageTable"));
    m_table->setModel(m_model);
    m_table->setIconSize(QSize(kThumbnailSide, kThumbnailSide));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(kThumbnailSide + 6);
    m_table->horizontalHeader()->setSectionResizeMode(TriageTableModel::FileColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(TriageTableModel::PlacedColumn, QHeaderView::Stretch);

    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("triageSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this);
    m_export->setObjectName(QStringLiteral("triageExportButton"));
    m_close = new QPushButton(this);
    connect(m_export, &QPushButton::clicked, this, &TriageDialog::chooseCsv);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_export);
    bottom->addWidget(m_close);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(createForm());
    layout->addWidget(m_progress);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
    resize(900, 640);
    retranslateUi();
    updateEnabledStates();
}

QLayout* TriageDialog::createForm() {
    m_folderLabel = new QLabel(this);
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("triageFolder"));
    m_chooseFolder = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), this);
    m_classLabel = new QLabel(this);
    m_class = new QComboBox(this);
    m_class->setObjectName(QStringLiteral("triageClass"));
    m_placementLabel = new QLabel(this);
    m_placement = new QComboBox(this);
    m_placement->setObjectName(QStringLiteral("triagePlacement"));
    m_destination = new QLineEdit(this);
    m_destination->setObjectName(QStringLiteral("triageDestination"));
    m_chooseDestination = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), this);
    m_run = new QPushButton(this);
    m_run->setObjectName(QStringLiteral("triageRunButton"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), QString(), this);
    m_cancel->setObjectName(QStringLiteral("triageCancelButton"));
    for (int i = 0; i < 3; ++i) m_placement->addItem(QString());

    connect(m_chooseFolder, &QPushButton::clicked, this,
            [this] { chooseFolder(m_folder, tr("Folder to Triage")); });
    connect(m_chooseDestination, &QPushButton::clicked, this,
            [this] { chooseFolder(m_destination, tr("Destination Folder")); });
    connect(m_folder, &QLineEdit::textChanged, this, &TriageDialog::updateEnabledStates);
    connect(m_destination, &QLineEdit::textChanged, this, &TriageDialog::updateEnabledStates);
    connect(m_placement, &QComboBox::currentIndexChanged, this, &TriageDialog::updateEnabledStates);
    connect(m_run, &QPushButton::clicked, this, [this] { emit runRequested(request()); });
    connect(m_cancel, &QPushButton::clicked, this, &TriageDialog::cancelRequested);

    auto* form = new QGridLayout;
    form->addWidget(m_folderLabel, 0, 0);
    form->addWidget(m_folder, 0, 1);
    form->addWidget(m_chooseFolder, 0, 2);
    form->addWidget(m_classLabel, 1, 0);
    form->addWidget(m_class, 1, 1, 1, 2);
    form->addWidget(m_placementLabel, 2, 0);
    auto* destination = new QHBoxLayout;
    destination->addWidget(m_placement);
    destination->addWidget(m_destination, 1);
    form->addLayout(destination, 2, 1);
    form->addWidget(m_chooseDestination, 2, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    form->addLayout(buttons, 3, 0, 1, 3);
    return form;
}

void TriageDialog::setClassNames(const QStringList& classNames) {
    const int previous = m_class->currentIndex();
    m_class->clear();
    m_class->addItem(QString(), -1);
    for (int c = 0; c < classNames.size(); ++c) m_class->addItem(classNames[c], c);
    m_class->setCurrentIndex(previous >= 0 && previous < m_class->count() ? previous : 0);
    retranslateUi();
}

TriageRequest TriageDialog::request() const {
    TriageRequest request;
    request.folder = m_folder->text().trimmed();
    request.rankedClass = m_class->currentData().isValid() ? m_class->currentData().toInt() : -1;
    request.placement = static_cast<TriageRequest::Placement>(m_placement->currentIndex());
    request.destination = m_destination->text().trimmed();
    return request;
}

void TriageDialog::setBusy(bool busy) {
    m_busy = busy;
    m_progress->setRange(0, 0);
    m_progress->setVisible(busy);
    updateEnabledStates();
}

void TriageDialog::showProgress(qint64 done, qint64 total) {
    if (total <= 0) return;
    m_progress->setRange(0, 1000);
    m_progress->setValue(static_cast<int>(1000 * done / total));
}

void TriageDialog::showRows(std::vector<TriageRow> rows, LiveText summary) {
    m_model->setRows(std::move(rows));
    m_table->resizeColumnToContents(TriageTableModel::RankColumn);
    m_table->resizeColumnToContents(TriageTableModel::AnswerColumn);
    showMessage(std::move(summary));
    updateEnabledStates();
}

void TriageDialog::showMessage(LiveText text) {
    m_summaryText = std::move(text);
    m_summary->setText(m_summaryText.text());
}

void TriageDialog::updateEnabledStates() {
    const bool placing = m_placement->currentIndex() != static_cast<int>(TriageRequest::Placement::None);
    m_destination->setEnabled(placing && !m_busy);
    m_chooseDestination->setEnabled(placing && !m_busy);
    const bool ready =
        !m_folder->text().trimmed().isEmpty() && (!placing || !m_destination->text().trimmed().isEmpty());
    m_run->setEnabled(ready && !m_busy);
    m_cancel->setEnabled(m_busy);
    m_export->setEnabled(!m_busy && m_model->rowCount() > 0);
    for (QWidget* input : {static_cast<QWidget*>(m_folder), static_cast<QWidget*>(m_chooseFolder),
                           static_cast<QWidget*>(m_class), static_cast<QWidget*>(m_placement)})
        input->setEnabled(!m_busy);
}

void TriageDialog::chooseFolder(QLineEdit* edit, const QString& title) {
    const QString folder = QFileDialog::getExistingDirectory(this, title, edit->text());
    if (!folder.isEmpty()) edit->setText(QDir::toNativeSeparators(folder));
}

void TriageDialog::chooseCsv() {
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Export Triage"), tr("triage.csv"), tr("CSV files (*.csv)"));
    if (!file.isEmpty()) emit exportRequested(file);
}

void TriageDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDialog::changeEvent(event);
}

void TriageDialog::retranslateUi() {
    m_summary->setText(m_summaryText.text());
    setWindowTitle(tr("Triage a Folder"));
    m_folderLabel->setText(tr("Folder:"));
    m_chooseFolder->setText(tr("Choose…"));
    m_classLabel->setText(tr("Rank by:"));
    if (m_class->count() > 0) m_class->setItemText(0, tr("Sort into a folder per answer"));
    m_placementLabel->setText(tr("Images:"));
    m_placement->setItemText(0, tr("Leave where they are"));
    m_placement->setItemText(1, tr("Copy into"));
    m_placement->setItemText(2, tr("Link into"));
    m_destination->setPlaceholderText(tr("Destination folder (existing files are kept)"));
    m_chooseDestination->setText(tr("Choose…"));
    m_run->setText(tr("Triage"));
    m_cancel->setText(tr("Cancel"));
    m_export->setText(tr("Export CSV…"));
    m_close->setText(tr("Close"));
}

}  // namespace tlw::ui
