#include "ui/widgets/embedding_map.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/dialogs/image_viewer_dialog.h"
#include "ui/widgets/cancellable_progress.h"
#include "ui/widgets/file_move_bar.h"

namespace tlw::ui {

EmbeddingMapPanel::EmbeddingMapPanel(QWidget* parent) : QWidget(parent) {
    m_draw = new QPushButton(this);
    m_draw->setObjectName(QStringLiteral("mapDraw"));
    m_progress = new CancellableProgress(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_projectionLabel = new QLabel(this);
    m_projection = new QComboBox(this);
    m_projection->addItems({QString(), QString()});  // t-SNE, PCA: named in retranslateUi
    m_projectionLabel->setBuddy(m_projection);
    m_select = new QPushButton(this);
    m_select->setCheckable(true);
    connect(m_draw, &QPushButton::clicked, this, &EmbeddingMapPanel::auditRequested);
    connect(m_progress, &CancellableProgress::cancelClicked, this, &EmbeddingMapPanel::cancelRequested);
    auto* top = new QHBoxLayout;
    top->addWidget(m_draw);
    top->addWidget(m_progress);
    top->addWidget(m_summary, 1);
    top->addWidget(m_projectionLabel);
    top->addWidget(m_projection);
    top->addWidget(m_select);

    m_plot = new EmbeddingMapPlot(this);
    connect(m_projection, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
        m_plot->setProjection(index == 1 ? MapProjection::Pca : MapProjection::Tsne);
    });
    connect(m_select, &QPushButton::toggled, m_plot, &EmbeddingMapPlot::setLassoMode);
    connect(m_plot, &EmbeddingMapPlot::pointActivated, this, &EmbeddingMapPanel::openPoint);
    connect(m_plot, &EmbeddingMapPlot::selectionChanged, this, [this] {
        retranslateUi();
        updateButtons();
    });

    m_selection = new QLabel(this);
    m_moves = new FileMoveBar(FileMoveBar::Subject::SelectedFiles, this);
    connect(m_moves, &FileMoveBar::moveClicked, this, [this](const QString& className) {
        if (!m_plot->selectedRows().isEmpty()) emit moveRequested(m_plot->selectedFiles(), className);
    });
    connect(m_moves, &FileMoveBar::quarantineClicked, this, [this] {
        if (!m_plot->selectedRows().isEmpty()) emit quarantineRequested(m_plot->selectedFiles());
    });
    connect(m_moves, &FileMoveBar::undoClicked, this, &EmbeddingMapPanel::undoRequested);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_selection);
    actions->addSpacing(16);
    actions->addWidget(m_moves, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);
    layout->addLayout(actions);
    retranslateUi();
    updateButtons();
}

void EmbeddingMapPanel::setClassNames(const QStringList& names) { m_moves->setClassNames(names); }

void EmbeddingMapPanel::showRunning() {
    m_progress->start();
    updateButtons();
}

void EmbeddingMapPanel::showProgress(qint64 done, qint64 total) { m_progress->setProgress(done, total); }

void EmbeddingMapPanel::showStopped() {
    m_progress->stop();
    updateButtons();
}

void EmbeddingMapPanel::showMap(const QList<MapPointItem>& points, const QStringList& classNames) {
    showStopped();
    m_plot->setPoints(points, classNames);
    retranslateUi();
    updateButtons();
}

void EmbeddingMapPanel::removeFiles(const QStringList& files) { m_plot->removeFiles(files); }

void EmbeddingMapPanel::setUndoAvailable(bool available) { m_moves->setUndoAvailable(available); }

QComboBox* EmbeddingMapPanel::targetClass() const { return m_moves->targetClass(); }
QPushButton* EmbeddingMapPanel::moveButton() const { return m_moves->moveButton(); }
QPushButton* EmbeddingMapPanel::quarantineButton() const { return m_moves->quarantineButton(); }
QPushButton* EmbeddingMapPanel::undoButton() const { return m_moves->undoButton(); }

void EmbeddingMapPanel::clear() { showMap({}, {}); }

// The viewer steps through every image of the map, in the map's order, each captioned with its class.
void EmbeddingMapPanel::openPoint(int row) {
    const QList<MapPointItem>& points = m_plot->points();
    if (row < 0 || row >= points.size()) return;
    QStringList paths;
    QStringList captions;
    for (const MapPointItem& point : points) {
        paths.append(point.file);
        captions.append(QStringLiteral("%1 · %2").arg(
            m_plot->classGraph(point.label) ? m_plot->classGraph(point.label)->name() : QString(),
            QFileInfo(point.file).fileName()));
    }
    if (m_viewer == nullptr) m_viewer = new ImageViewerDialog(window());
    m_viewer->showImages(paths, captions, row);
    m_viewer->show();
    m_viewer->raise();
}

void EmbeddingMapPanel::updateButtons() {
    const bool selected = !m_plot->selectedRows().isEmpty();
    m_draw->setEnabled(!m_progress->isRunning());
    m_moves->setMovable(selected && !m_progress->isRunning());
}

void EmbeddingMapPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void EmbeddingMapPanel::retranslateUi() {
    m_draw->setText(tr("Draw Map"));
    m_draw->setToolTip(
        tr("Places every image by its features (the pretrained backbone's, as the audit reads them): "
           "similar images lie close together. Runs the label audit too, in the background."));
    const int count = m_plot->pointCount();
    m_summary->setText(count == 0 ? tr("No map yet.")
                                  : tr("%n image(s); ringed: out-of-fold mistakes, squared: suspect labels.",
                                       nullptr, count));
    m_projectionLabel->setText(tr("Projection:"));
    m_projection->setItemText(0, tr("t-SNE"));
    m_projection->setItemText(1, tr("PCA"));
    m_select->setText(tr("Select"));
    m_select->setToolTip(tr("Draw around points to select them (or hold Shift and drag)"));
    m_selection->setText(
        tr("%n image(s) selected", nullptr, static_cast<int>(m_plot->selectedRows().size())));
}

}  // namespace tlw::ui
