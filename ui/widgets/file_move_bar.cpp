#include "ui/widgets/file_move_bar.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace tlw::ui {

FileMoveBar::FileMoveBar(Subject subject, QWidget* parent)
    : QWidget(parent),
      m_subject(subject),
      m_moveLabel(new QLabel(this)),
      m_target(new QComboBox(this)),
      m_move(new QPushButton(this)),
      m_quarantine(new QPushButton(this)),
      m_undo(new QPushButton(this)) {
    m_moveLabel->setBuddy(m_target);
    connect(m_move, &QPushButton::clicked, this, [this] { emit moveClicked(m_target->currentText()); });
    connect(m_quarantine, &QPushButton::clicked, this, &FileMoveBar::quarantineClicked);
    connect(m_undo, &QPushButton::clicked, this, &FileMoveBar::undoClicked);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_moveLabel);
    layout->addWidget(m_target);
    layout->addWidget(m_move);
    layout->addWidget(m_quarantine);
    layout->addStretch(1);
    layout->addWidget(m_undo);
    retranslateUi();
}

void FileMoveBar::setClassNames(const QStringList& names) {
    const QString chosen = m_target->currentText();
    m_target->clear();
    m_target->addItems(names);
    if (names.contains(chosen)) m_target->setCurrentText(chosen);
}

void FileMoveBar::suggestClass(const QString& name) {
    const int index = m_target->findText(name);
    if (index >= 0) m_target->setCurrentIndex(index);
}

void FileMoveBar::setMovable(bool movable) {
    m_target->setEnabled(movable);
    m_move->setEnabled(movable);
    m_quarantine->setEnabled(movable);
}

void FileMoveBar::setUndoAvailable(bool available) { m_undo->setEnabled(available); }

void FileMoveBar::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void FileMoveBar::retranslateUi() {
    m_moveLabel->setText(tr("Move to class:"));
    m_move->setText(tr("Move"));
    m_quarantine->setText(tr("Move to Quarantine"));
    m_undo->setText(tr("Undo Last Move"));
    if (m_subject == Subject::OneFile) {
        m_move->setToolTip(
            tr("Moves the file into the chosen class folder (never deletes it); the move is written "
               "to a journal in the dataset folder, so it can be undone"));
        m_quarantine->setToolTip(tr(
            "Moves the file into the dataset's .tlw-quarantine folder, which training does not read (never "
            "deletes it); journalled, so it can be undone"));
    } else {
        m_move->setToolTip(
            tr("Moves the selected files into the chosen class folder (never deletes them); "
               "every move is written to a journal in the dataset folder, so it can be undone"));
        m_quarantine->setToolTip(
            tr("Moves the selected files into the dataset's .tlw-quarantine folder, which "
               "training does not read (never deletes them); journalled, so it can be undone"));
    }
}

}  // namespace tlw::ui
