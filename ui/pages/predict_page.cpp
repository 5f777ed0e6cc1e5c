#include "ui/pages/predict_page.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/item_models/prediction_table_model.h"
#include "ui/widgets/colour_bar.h"
#include "ui/widgets/drop_zone.h"
#include "ui/widgets/run_switcher.h"
#include "ui/widgets/similar_strip.h"
#include "ui/workers/thumbnail_loader.h"

namespace tlw::ui {

namespace {
enum StateIndex { kEmptyState, kResultsState };
enum ResultViewIndex { kCardsView, kTableView };
}  // namespace

PredictPage::PredictPage(QWidget* parent) : Page(parent), m_states(new QStackedWidget(this)) {
    setObjectName(QStringLiteral("predictPage"));
    setAcceptDrops(true);  // the results view takes more images too

    m_modelLabel = new QLabel(this);
    m_modelLabel->setObjectName(QStringLiteral("predictModelLabel"));
    m_modelLabel->setWordWrap(true);
    m_modelLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_dropZone = new DropZone(DropZone::Accepts::FilesAndFolders, this);
    m_dropZone->setIcon(QIcon(QStringLiteral(":/icons/predict.svg")));
    m_chooseButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), QString(), this);
    m_chooseButton->setDefault(true);
    m_pasteButton = new QPushButton(this);
    m_chooseFolderButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), this);
    m_chooseFolderButton->setObjectName(QStringLiteral("chooseFolderButton"));
    m_triageButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), this);
    m_triageButton->setObjectName(QStringLiteral("triageButton"));
    m_dropZone->addButton(m_chooseButton);
    m_dropZone->addButton(m_chooseFolderButton);
    m_dropZone->addButton(m_pasteButton);
    connect(m_triageButton, &QPushButton::clicked, this, &PredictPage::triageRequested);
    connect(m_dropZone, &DropZone::pathsDropped, this, &PredictPage::imagesRequested);
    connect(m_chooseButton, &QPushButton::clicked, this, &PredictPage::chooseImagesRequested);
    connect(m_pasteButton, &QPushButton::clicked, this, &PredictPage::pasteFromClipboard);
    connect(m_chooseFolderButton, &QPushButton::clicked, this, &PredictPage::chooseFolder);

    m_states->addWidget(m_dropZone);
    m_states->addWidget(createResults());

    m_busyRow = new QWidget(this);
    m_progress = new QProgressBar(m_busyRow);
    m_progress->setTextVisible(false);
    m_cancelButton =
        new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), QString(), m_busyRow);
    connect(m_cancelButton, &QPushButton::clicked, this, &PredictPage::cancelRequested);
    auto* busyLayout = new QHBoxLayout(m_busyRow);
    busyLayout->setContentsMargins(0, 0, 0, 0);
    busyLayout->addWidget(m_progress, 1);
    busyLayout->addWidget(m_cancelButton);
    m_busyRow->hide();

    // Beside the model it uses, reachable whether cards, a table or the drop zone show.
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_modelLabel, 1);
    modelRow->addWidget(m_triageButton, 0, Qt::AlignTop);
    m_runSwitcher = new RunSwitcher(this);  // which run's model this is, and the others to switch to
    contentLayout()->addWidget(m_runSwitcher);
    contentLayout()->addLayout(modelRow);
    contentLayout()->addWidget(m_busyRow);
    contentLayout()->addWidget(m_states, 1);

    auto* paste = new QShortcut(QKeySequence::Paste, this);
    paste->setContext(Qt::WidgetWithChildrenShortcut);
    connect(paste, &QShortcut::activated, this, &PredictPage::pasteFromClipboard);

    retranslateUi();
    updateEnabledStates();
}

QWidget* PredictPage::createResults() {
    auto* results = new QWidget(this);
    m_resultsHeading = new QLabel(results);
    QFont headingFont = m_resultsHeading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.1);
    m_resultsHeading->setFont(headingFont);
    m_addButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), QString(), results);
    m_addFolderButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), results);
    m_addFolderButton->setObjectName(QStringLiteral("addFolderButton"));
    m_exportButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), results);
    m_exportButton->setObjectName(QStringLiteral("exportCsvButton"));
    m_clearButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogResetButton), QString(), results);
    connect(m_addButton, &QPushButton::clicked, this, &PredictPage::chooseImagesRequested);
    connect(m_addFolderButton, &QPushButton::clicked, this, &PredictPage::chooseFolder);
    connect(m_exportButton, &QPushButton::clicked, this, &PredictPage::exportCsvRequested);
    connect(m_clearButton, &QPushButton::clicked, this, &PredictPage::clearPredictions);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_resultsHeading, 1);
    bar->addWidget(m_addButton);
    bar->addWidget(m_addFolderButton);
    bar->addWidget(m_exportButton);
    bar->addWidget(m_clearButton);

    auto* cardsHost = new QWidget(results);
    m_cards = new QVBoxLayout(cardsHost);
    m_cards->setSpacing(10);
    m_cards->addStretch();
    m_scroll = new QScrollArea(results);
    m_scroll->setWidget(cardsHost);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    m_resultViews = new QStackedWidget(results);
    m_resultViews->addWidget(m_scroll);
    m_resultViews->addWidget(createTable(results));

    auto* layout = new QVBoxLayout(results);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(createInsightRow(results));
    layout->addWidget(m_resultViews, 1);
    return results;
}

// The switches that apply to every card: one place, not one per card.
QWidget* PredictPage::createInsightRow(QWidget* parent) {
    m_insightRow = new QWidget(parent);
    m_gradCamToggle = new QCheckBox(m_insightRow);
    m_gradCamToggle->setObjectName(QStringLiteral("gradCamToggle"));
    m_colourBar = new ColourBar(m_insightRow);
    m_colourBar->hide();
    m_perClassToggle = new QCheckBox(m_insightRow);
    m_perClassToggle->setObjectName(QStringLiteral("similarPerClassToggle"));
    m_similarThumbnails = new ThumbnailLoader(QSize(56, 56), this);
    connect(m_gradCamToggle, &QCheckBox::toggled, this, &PredictPage::applyGradCamToggle);
    connect(m_perClassToggle, &QCheckBox::toggled, this, &PredictPage::similarPerClassToggled);
    auto* layout = new QHBoxLayout(m_insightRow);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_gradCamToggle);
    layout->addWidget(m_colourBar);
    layout->addStretch(1);
    layout->addWidget(m_perClassToggle);
    return m_insightRow;
}

bool PredictPage::showsGradCam() const { return m_gradCamToggle->isChecked(); }
bool PredictPage::similarPerClass() const { return m_perClassToggle->isChecked(); }

void PredictPage::setShowGradCam(bool show) {
    if (show == showsGradCam()) return applyGradCamToggle(show);
    m_gradCamToggle->setChecked(show);  // applyGradCamToggle through toggled
}

void PredictPage::setSimilarPerClass(bool perClass) { m_perClassToggle->setChecked(perClass); }

void PredictPage::applyGradCamToggle(bool show) {
    for (PredictionCard* card : cards()) card->setHeatMapShown(show);
    m_colourBar->setVisible(show);
    emit gradCamToggled(show);
}

void PredictPage::requestSimilarThumbnails() {
    QStringList paths;
    for (PredictionCard* card : cards())
        for (const SimilarTrainingImage& image : card->similarStrip()->images())
            if (!paths.contains(image.path)) paths << image.path;
    m_similarThumbnails->request(paths);
}

QWidget* PredictPage::createTable(QWidget* parent) {
    auto* area = new QWidget(parent);
    m_filter = new QLineEdit(area);
    m_filter->setClearButtonEnabled(true);
    m_table = new PredictionTableModel(this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_table);
    m_sorted->setSortRole(PredictionTableModel::SortRole);
    m_sorted->setFilterCaseSensitivity(Qt::CaseInsensitive);
    // The filter matches file names and predicted classes.
    m_sorted->setFilterKeyColumn(-1);
    connect(m_filter, &QLineEdit::textChanged, m_sorted, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filter, &QLineEdit::textChanged, this, &PredictPage::retranslateUi);
    m_tableView = new QTableView(area);
    m_tableView->setObjectName(QStringLiteral("predictionTable"));
    m_tableView->setModel(m_sorted);
    m_tableView->setSortingEnabled(true);
    m_tableView->sortByColumn(PredictionTableModel::FileColumn, Qt::AscendingOrder);
    m_tableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->verticalHeader()->hide();
    m_tableView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_tableView, 1);
    return area;
}

int PredictPage::predictionCount() const {
    return isShowingTable() ? m_table->rowCount() : m_cards->count() - 1;  // minus the stretch
}

bool PredictPage::isShowingTable() const {
    return m_states->currentIndex() == kResultsState && m_resultViews->currentIndex() == kTableView;
}

QList<PredictionCard*> PredictPage::cards() const {
    return m_scroll->widget()->findChildren<PredictionCard*>(QString(), Qt::FindDirectChildrenOnly);
}

void PredictPage::setModelInfo(const TrainedModelInfo& info) {
    m_model = info;
    retranslateUi();
    updateEnabledStates();
}

void PredictPage::setBusy(bool busy) {
    m_busy = busy;
    m_progress->setRange(0, 0);  // indeterminate until the first progress report
    m_busyRow->setVisible(busy);
    updateEnabledStates();
}

void PredictPage::showProgress(qint64 done, qint64 total) {
    if (total <= 0) return;
    m_progress->setRange(0, 1000);
    m_progress->setValue(static_cast<int>(1000 * done / total));
}

void PredictPage::updateEnabledStates() {
    m_exportButton->setEnabled(!m_busy && predictionCount() > 0);
    m_addButton->setEnabled(!m_busy);
    m_addFolderButton->setEnabled(!m_busy);
    m_chooseButton->setEnabled(!m_busy);
    m_chooseFolderButton->setEnabled(!m_busy);
    m_pasteButton->setEnabled(!m_busy);
    m_triageButton->setEnabled(m_model.isValid());
}

void PredictPage::addPrediction(const PredictionResult& result) {
    if (isShowingTable()) m_table->clear();
    m_resultViews->setCurrentIndex(kCardsView);
    auto* card = new PredictionCard(result, m_scroll->widget());
    if (result.imagePath.isEmpty()) card->setImageKey(QStringLiteral("clipboard:%1").arg(++m_pastedImages));
    card->setHeatMapShown(showsGradCam());
    card->similarStrip()->setThumbnailLoader(m_similarThumbnails);
    m_cards->insertWidget(m_cards->count() - 1, card);
    m_states->setCurrentIndex(kResultsState);
    retranslateUi();
    updateEnabledStates();
}

void PredictPage::showTable(const QStringList& classNames, const std::vector<PredictionResult>& results) {
    removeCards();
    m_filter->clear();
    m_table->setPredictions(classNames, results);
    m_resultViews->setCurrentIndex(kTableView);
    m_states->setCurrentIndex(kResultsState);
    retranslateUi();
    updateEnabledStates();
}

void PredictPage::removeCards() {
    while (m_cards->count() > 1) {
        QLayoutItem* item = m_cards->takeAt(0);
        delete item->widget();
        delete item;
    }
}

void PredictPage::clearPredictions() {
    removeCards();
    m_table->clear();
    m_resultViews->setCurrentIndex(kCardsView);
    m_states->setCurrentIndex(kEmptyState);
    retranslateUi();
    updateEnabledStates();
    emit cleared();
}

void PredictPage::pasteFromClipboard() {
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    const QStringList paths = m_dropZone->acceptedPaths(mime);
    if (!paths.isEmpty()) return emit imagesRequested(paths);
    if (mime != nullptr && mime->hasImage()) {
        const QImage image = qvariant_cast<QImage>(mime->imageData());
        if (!image.isNull()) return emit imagePasted(image);
    }
    showWarning(tr("The clipboard holds no image and no image file."));
}

void PredictPage::chooseFolder() {
    const QString folder = m_folderDialog ? m_folderDialog(m_lastFolder)
                                          : QFileDialog::getExistingDirectory(
                                                this, tr("Choose a Folder of Images"), m_lastFolder);
    if (folder.isEmpty()) return;  // cancelled
    m_lastFolder = folder;
    emit imagesRequested({folder});  // as a dropped folder: a table
}

void PredictPage::dragEnterEvent(QDragEnterEvent* event) {
    if (m_dropZone->acceptedPaths(event->mimeData()).isEmpty()) return event->ignore();
    event->acceptProposedAction();
}

void PredictPage::dropEvent(QDropEvent* event) {
    const QStringList paths = m_dropZone->acceptedPaths(event->mimeData());
    if (paths.isEmpty()) return event->ignore();
    event->acceptProposedAction();
    emit imagesRequested(paths);
}

QString PredictPage::modelText() const { return m_modelLabel->text(); }

void PredictPage::retranslateUi() {
    setHeader(tr("Predict"), tr("Classify new images with the trained model."));
    m_modelLabel->setText(
        m_model.isValid()
            ? tr("Model: %1, classes: %2 — %3")
                  .arg(m_model.backbone, m_model.classNames.join(QStringLiteral(", ")),
                       QDir::toNativeSeparators(m_model.path))
            : tr("No trained model yet: train one on the Training page, or open a model file (File ▸ Open "
                 "Model…)."));
    m_dropZone->setHeadline(tr("Drop images or a folder here"));
    m_dropZone->setHint(
        tr("Choose Images… or Paste Image gives each image a card with its most likely classes. "
           "Choose Folder… gives a table of the folder's images you can sort and export to CSV."));
    m_chooseButton->setText(tr("Choose Images…"));
    m_chooseFolderButton->setText(tr("Choose Folder…"));
    m_chooseFolderButton->setToolTip(tr("Classify every image in a folder and its sub-folders, as a table"));
    m_pasteButton->setText(tr("Paste Image"));
    m_pasteButton->setToolTip(tr("Classify the image on the clipboard (Ctrl+V)"));
    m_triageButton->setText(tr("Triage a Folder…"));
    m_triageButton->setToolTip(
        tr("Rank a folder's images by one class, or sort them into a folder per answer (copies or links; "
           "the originals stay where they are)"));
    const int count = predictionCount();
    const int shown = m_sorted->rowCount();
    m_resultsHeading->setText(isShowingTable() && shown != count
                                  ? tr("%1 of %n image(s) shown", nullptr, count).arg(shown)
                                  : tr("%n image(s) classified", nullptr, count));
    m_addButton->setText(tr("Add Images…"));
    m_addFolderButton->setText(tr("Choose Folder…"));
    m_addFolderButton->setToolTip(m_chooseFolderButton->toolTip());
    m_exportButton->setText(tr("Export CSV…"));
    m_exportButton->setToolTip(tr("Every image's probability for every class, as a CSV file"));
    m_clearButton->setText(tr("Clear"));
    m_cancelButton->setText(tr("Cancel"));
    m_filter->setPlaceholderText(tr("Filter by file name or class"));
    // Cards only: a table has no thumbnails to draw on.
    m_insightRow->setVisible(!isShowingTable());
    m_gradCamToggle->setText(tr("Show where the model looks"));
    m_gradCamToggle->setToolTip(
        tr("Colours each thumbnail by how much its regions made the model choose its most likely class "
           "(Grad-CAM)"));
    m_colourBar->setCaption(tr("Most likely class:"));
    m_perClassToggle->setText(tr("Closest of each class"));
    m_perClassToggle->setToolTip(
        tr("\"Looks like\" shows the most similar training image of each class instead of the nearest "
           "ones overall"));
}

}  // namespace tlw::ui
