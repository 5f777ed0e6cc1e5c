#include "ui/pages/predict_page.h"

#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

#include "ui/widgets/drop_zone.h"

namespace tlw::ui {

namespace {
enum StateIndex { kEmptyState, kResultsState };
}

PredictPage::PredictPage(QWidget* parent) : Page(parent), m_states(new QStackedWidget(this)) {
    setObjectName(QStringLiteral("predictPage"));
    setAcceptDrops(true);  // the results view takes more images too

    m_dropZone = new DropZone(DropZone::Accepts::FilesAndFolders, this);
    m_dropZone->setIcon(QIcon(QStringLiteral(":/icons/predict.svg")));
    m_chooseButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), QString(), this);
    m_chooseButton->setDefault(true);
    m_pasteButton = new QPushButton(this);
    m_dropZone->addButton(m_chooseButton);
    m_dropZone->addButton(m_pasteButton);
    connect(m_dropZone, &DropZone::pathsDropped, this, &PredictPage::imagesRequested);
    connect(m_chooseButton, &QPushButton::clicked, this, &PredictPage::chooseImagesRequested);
    connect(m_pasteButton, &QPushButton::clicked, this, &PredictPage::pasteFromClipboard);

    auto* results = new QWidget(this);
    m_resultsHeading = new QLabel(results);
    QFont headingFont = m_resultsHeading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.1);
    m_resultsHeading->setFont(headingFont);
    m_addButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), QString(), results);
    m_exportButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), results);
    m_clearButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogResetButton), QString(), results);
    connect(m_addButton, &QPushButton::clicked, this, &PredictPage::chooseImagesRequested);
    connect(m_exportButton, &QPushButton::clicked, this, &PredictPage::exportCsvRequested);
    connect(m_clearButton, &QPushButton::clicked, this, &PredictPage::clearPredictions);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_resultsHeading, 1);
    bar->addWidget(m_addButton);
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
    auto* resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addLayout(bar);
    resultsLayout->addWidget(m_scroll, 1);

    m_states->addWidget(m_dropZone);
    m_states->addWidget(results);
    contentLayout()->addWidget(m_states, 1);

    auto* paste = new QShortcut(QKeySequence::Paste, this);
    paste->setContext(Qt::WidgetWithChildrenShortcut);
    connect(paste, &QShortcut::activated, this, &PredictPage::pasteFromClipboard);

    retranslateUi();
}

int PredictPage::predictionCount() const { return m_cards->count() - 1; }  // minus the stretch

void PredictPage::addPrediction(const PredictionResult& result) {
    m_cards->insertWidget(m_cards->count() - 1, new PredictionCard(result, m_scroll->widget()));
    m_states->setCurrentIndex(kResultsState);
    retranslateUi();
}

void PredictPage::clearPredictions() {
    while (m_cards->count() > 1) {
        QLayoutItem* item = m_cards->takeAt(0);
        delete item->widget();
        delete item;
    }
    m_states->setCurrentIndex(kEmptyState);
    retranslateUi();
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

void PredictPage::retranslateUi() {
    setHeader(tr("Predict"), tr("Classify new images with the trained model."));
    m_dropZone->setHeadline(tr("Drop images or a folder here"));
    m_dropZone->setHint(
        tr("Each image gets a card with its most likely classes. A folder gives a table you can "
           "sort and export to CSV."));
    m_chooseButton->setText(tr("Choose Images…"));
    m_pasteButton->setText(tr("Paste Image"));
    m_pasteButton->setToolTip(tr("Classify the image on the clipboard (Ctrl+V)"));
    m_resultsHeading->setText(tr("%n image(s) classified", nullptr, predictionCount()));
    m_addButton->setText(tr("Add Images…"));
    m_exportButton->setText(tr("Export CSV…"));
    m_clearButton->setText(tr("Clear"));
}

}  // namespace tlw::ui
