#include "ui/widgets/audit_panel.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/widgets/cancellable_progress.h"
#include "ui/widgets/file_move_bar.h"

namespace tlw::ui {
namespace {

constexpr int kLargeSide = 320;
constexpr int kNeighbourSide = 80;

// The image scaled on reading (a 4,000-pixel photo is not decoded whole for a 320-pixel view).
QPixmap scaledImage(const QString& file, int side) {
    QImageReader reader(file);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid()) reader.setScaledSize(size.scaled(side, side, Qt::KeepAspectRatio));
    return QPixmap::fromImage(reader.read());
}

}  // namespace

AuditPanel::AuditPanel(QWidget* parent) : QWidget(parent) {
    m_run = new QPushButton(this);
    m_run->setObjectName(QStringLiteral("auditRun"));
    m_progress = new CancellableProgress(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    connect(m_run, &QPushButton::clicked, this, &AuditPanel::auditRequested);
    connect(m_progress, &CancellableProgress::cancelClicked, this, &AuditPanel::cancelRequested);
    auto* top = new QHBoxLayout;
    top->addWidget(m_run);
    top->addWidget(m_progress);
    top->addWidget(m_summary, 1);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("auditSuspects"));
    m_list->setMaximumWidth(300);
    connect(m_list, &QListWidget::currentRowChanged, this, &AuditPanel::showSuspect);

    m_image = new QLabel(this);
    m_image->setAlignment(Qt::AlignCenter);
    // Shrinks with the window (which must fit 1366x768); the pixmap is read at kLargeSide.
    m_image->setMinimumSize(kLargeSide / 2, kLargeSide / 2);
    m_labels = new QLabel(this);
    m_labels->setObjectName(QStringLiteral("auditLabels"));
    m_labels->setWordWrap(true);
    m_labels->setTextFormat(Qt::RichText);
    m_neighboursHeading = new QLabel(this);
    m_neighbours = new QListWidget(this);
    m_neighbours->setViewMode(QListView::IconMode);
    m_neighbours->setIconSize(QSize(kNeighbourSide, kNeighbourSide));
    m_neighbours->setFlow(QListView::LeftToRight);
    m_neighbours->setWrapping(false);
    m_neighbours->setFixedHeight(kNeighbourSide + 56);
    m_neighbours->setSelectionMode(QAbstractItemView::NoSelection);

    m_keep = new QPushButton(this);
    m_moves = new FileMoveBar(FileMoveBar::Subject::OneFile, this);
    connect(m_keep, &QPushButton::clicked, this, [this] {
        if (m_list->currentRow() + 1 < m_list->count()) m_list->setCurrentRow(m_list->currentRow() + 1);
    });
    connect(m_moves, &FileMoveBar::moveClicked, this, [this](const QString& className) {
        if (!currentFile().isEmpty()) emit moveRequested(currentFile(), className);
    });
    connect(m_moves, &FileMoveBar::quarantineClicked, this, [this] {
        if (!currentFile().isEmpty()) emit quarantineRequested({currentFile()});
    });
    connect(m_moves, &FileMoveBar::undoClicked, this, &AuditPanel::undoRequested);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_keep);
    actions->addSpacing(16);
    actions->addWidget(m_moves, 1);

    auto* detail = new QVBoxLayout;
    detail->addWidget(m_image, 1);
    detail->addWidget(m_labels);
    detail->addLayout(actions);
    detail->addWidget(m_neighboursHeading);
    detail->addWidget(m_neighbours);
    auto* body = new QHBoxLayout;
    body->addWidget(m_list);
    body->addLayout(detail, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(body, 1);
    retranslateUi();
    updateButtons();
}

void AuditPanel::setClassNames(const QStringList& names) { m_moves->setClassNames(names); }

void AuditPanel::showRunning() {
    m_progress->start();
    updateButtons();
}

void AuditPanel::showProgress(qint64 done, qint64 total) { m_progress->setProgress(done, total); }

void AuditPanel::showStopped() {
    m_progress->stop();
    updateButtons();
}

void AuditPanel::showSuspects(const QList<AuditSuspectItem>& suspects, int issues, int trainingImages) {
    showStopped();
    m_suspects = suspects;
    m_issues = issues;
    m_trainingImages = trainingImages;
    m_list->clear();
    for (const AuditSuspectItem& suspect : suspects)
        m_list->addItem(QStringLiteral("%1  %2 → %3")
                            .arg(QFileInfo(suspect.file).fileName(), suspect.given, suspect.suggested));
    retranslateUi();
    m_list->setCurrentRow(suspects.isEmpty() ? -1 : 0);
    showSuspect(m_list->currentRow());
}

void AuditPanel::removeSuspect(const QString& file) {
    for (int row = 0; row < m_suspects.size(); ++row) {
        if (m_suspects[row].file != file) continue;
        m_suspects.removeAt(row);
        delete m_list->takeItem(row);
        m_list->setCurrentRow(std::min(row, static_cast<int>(m_suspects.size()) - 1));
        showSuspect(m_list->currentRow());
        return;
    }
}

void AuditPanel::setUndoAvailable(bool available) { m_moves->setUndoAvailable(available); }

QComboBox* AuditPanel::targetClass() const { return m_moves->targetClass(); }
QPushButton* AuditPanel::moveButton() const { return m_moves->moveButton(); }
QPushButton* AuditPanel::quarantineButton() const { return m_moves->quarantineButton(); }
QPushButton* AuditPanel::undoButton() const { return m_moves->undoButton(); }

void AuditPanel::clear() {
    showSuspects({}, 0, 0);
    m_issues = -1;
    retranslateUi();
}

int AuditPanel::suspectCount() const { return static_cast<int>(m_suspects.size()); }
int AuditPanel::currentRow() const { return m_list->currentRow(); }

QString AuditPanel::currentFile() const {
    const int row = m_list->currentRow();
    return row >= 0 && row < m_suspects.size() ? m_suspects[row].file : QString();
}

void AuditPanel::showSuspect(int row) {
    m_neighbours->clear();
    if (row < 0 || row >= m_suspects.size()) {
        m_image->clear();
        m_labels->clear();
        updateButtons();
        return;
    }
    const AuditSuspectItem& suspect = m_suspects[row];
    m_image->setPixmap(scaledImage(suspect.file, kLargeSide));
    m_image->setToolTip(suspect.file);
    m_labels->setText(labelText(suspect));
    if (suspect.suggested != suspect.given) m_moves->suggestClass(suspect.suggested);
    for (const AuditSuspectItem::Neighbour& neighbour : suspect.neighbours) {
        auto* item =
            new QListWidgetItem(QIcon(scaledImage(neighbour.file, kNeighbourSide)),
                                QStringLiteral("%1 · %2").arg(neighbour.className,
                                                              QString::number(neighbour.similarity, 'f', 2)));
        item->setToolTip(neighbour.file);
        m_neighbours->addItem(item);
    }
    updateButtons();
}

QString AuditPanel::labelText(const AuditSuspectItem& suspect) const {
    const QString verdict = suspect.issue ? tr("the label is probably wrong") : tr("the label may be right");
    return tr("Given: <b>%1</b> · Suggested: <b>%2</b> · score %3 (%4)")
        .arg(suspect.given.toHtmlEscaped(), suspect.suggested.toHtmlEscaped(),
             QString::number(suspect.score, 'f', 2), verdict);
}

void AuditPanel::updateButtons() {
    const bool shown = !currentFile().isEmpty();
    m_run->setEnabled(!m_progress->isRunning());
    m_keep->setEnabled(shown && m_list->currentRow() + 1 < m_list->count());
    m_moves->setMovable(shown && !m_progress->isRunning());
}

void AuditPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void AuditPanel::retranslateUi() {
    m_run->setText(tr("Find Wrong Labels"));
    m_run->setToolTip(
        tr("Ranks the training images by how likely their label is wrong: five heads, each trained "
           "without a fifth of the images, predict that fifth; confident learning compares their "
           "answers with the labels. Runs in the background."));
    if (m_issues < 0)
        m_summary->setText(tr("No audit yet."));
    else
        m_summary->setText(
            tr("%n of %1 training images have a label the audit doubts; the most suspect first.", nullptr,
               m_issues)
                .arg(m_trainingImages));
    m_neighboursHeading->setText(tr("Training images it resembles most"));
    m_keep->setText(tr("Keep"));
    m_keep->setToolTip(tr("The label is right: go on to the next suspect"));
    if (!currentFile().isEmpty()) m_labels->setText(labelText(m_suspects[m_list->currentRow()]));
}

}  // namespace tlw::ui
