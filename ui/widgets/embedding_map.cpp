#include "ui/widgets/embedding_map.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/dialogs/image_viewer_dialog.h"

namespace tlw::ui {

EmbeddingMapPanel::EmbeddingMapPanel(QWidget* parent) : QWidget(parent) {
    m_draw = new QPushButton(this);
    m_draw->setObjectName(QStringLiteral("mapDraw"));
    m_cancel = new QPushButton(this);
    m_cancel->hide();
    m_progress = new QProgressBar(this);
    m_progress->setFormat(QStringLiteral("%v / %m"));
    m_progress->hide();
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_projectionLabel = new QLabel(this);
    m_projection = new QComboBox(this);
    m_projection->addItems({QString(), QString()});  // t-SNE, PCA: named in retranslateUi
    m_projectionLabel->setBuddy(m_projection);
    m_select = new QPushButton(this);
    m_select->setCheckable(true);
    connect(m_draw, &QPushButton::clicked, this, &EmbeddingMapPanel::auditRequested);
    connect(m_cancel, &QPushButton::clicked, this, &EmbeddingMapPanel::cancelRequested);
    auto* top = new QHBoxLayout;
    top->addWidget(m_draw);
    top->addWidget(m_progress);
    top->addWidget(m_cancel);
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
    m_moveLabel = new QLabel(this);
    m_target = new QComboBox(this);
    m_moveLabel->setBuddy(m_target);
    m_move = new QPushButton(this);
    m_quarantine = new QPushButton(this);
    m_undo = new QPushButton(this);
    connect(m_move, &QPushButton::clicked, this, [this] {
        if (!m_plot->selectedRows().isEmpty())
            emit moveRequested(m_plot->selectedFiles(), m_target->currentText());
    });
    connect(m_quarantine, &QPushButton::clicked, this, [this] {
        if (!m_plot->selectedRows().isEmpty()) emit quarantineRequested(m_plot->selectedFiles());
    });
    connect(m_undo, &QPushButton::clicked, this, &EmbeddingMapPanel::undoRequested);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_selection);
    actions->addSpacing(16);
    actions->addWidget(m_moveLabel);
    actions->addWidget(m_target);
    actions->addWidget(m_move);
    actions->addWidget(m_quarantine);
    actions->addStretch(1);
    actions->addWidget(m_undo);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);
    layout->addLayout(actions);
    retranslateUi();
    updateButtons();
}

void EmbeddingMapPanel::setClassNames(const QStringList& names) {
    const QString chosen = m_target->currentText();
    m_target->clear();
    m_target->addItems(names);
    if (names.contains(chosen)) m_target->setCurrentText(chosen);
}

void EmbeddingMapPanel::showRunning() {
    m_running = true;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    updateButtons();
}

void EmbeddingMapPanel::showProgress(qint64 done, qint64 total) {
    m_progress->setRange(0, static_cast<int>(total));
    m_progress->setValue(static_cast<int>(done));
}

void EmbeddingMapPanel::showStopped() {
    m_running = false;
    m_progress->hide();
    m_cancel->hide();
    updateButtons();
}

void EmbeddingMapPanel::showMap(const QList<MapPointItem>& points, const QStringList& classNames) {
    showStopped();
    m_plot->setPoints(points, classNames);
    retranslateUi();
    updateButtons();
}

void EmbeddingMapPanel::removeFiles(const QStringList& files) { m_plot->removeFiles(files); }

void EmbeddingMapPanel::setUndoAvailable(bool available) { m_undo->setEnabled(available); }

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
    m_draw->setEnabled(!m_running);
    m_move->setEnabled(selected && !m_running);
    m_target->setEnabled(selected && !m_running);
    m_quarantine->setEnabled(selected && !m_running);
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
    m_cancel->setText(tr("Cancel"));
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
    m_moveLabel->setText(tr("Move to class:"));
    m_move->setText(tr("Move"));
    m_move->setToolTip(
        tr("Moves the selected files into the chosen class folder (never deletes them); "
           "every move is written to a journal in the dataset folder, so it can be undone"));
    m_quarantine->setText(tr("Move to Quarantine"));
    m_quarantine->setToolTip(
        tr("Moves the selected files into the dataset's .tlw-quarantine folder, which "
           "training does not read (never deletes them); journalled, so it can be undone"));
    m_undo->setText(tr("Undo Last Move"));
}

}  // namespace tlw::ui
