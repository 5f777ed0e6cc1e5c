#include "ui/widgets/cancellable_progress.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>

namespace tlw::ui {

CancellableProgress::CancellableProgress(QWidget* parent)
    : QWidget(parent), m_progress(new QProgressBar(this)), m_cancel(new QPushButton(this)) {
    m_progress->setFormat(QStringLiteral("%v / %m"));
    m_cancel->setText(tr("Cancel"));
    connect(m_cancel, &QPushButton::clicked, this, &CancellableProgress::cancelClicked);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    hide();
}

void CancellableProgress::start() {
    m_running = true;
    m_progress->setRange(0, 0);
    show();
}

void CancellableProgress::setProgress(qint64 done, qint64 total) {
    m_progress->setRange(0, static_cast<int>(total));
    m_progress->setValue(static_cast<int>(done));
}

void CancellableProgress::stop() {
    m_running = false;
    hide();
}

void CancellableProgress::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) m_cancel->setText(tr("Cancel"));
    QWidget::changeEvent(event);
}

}  // namespace tlw::ui
