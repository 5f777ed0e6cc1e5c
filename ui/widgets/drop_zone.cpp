#include "ui/widgets/drop_zone.h"

#include <QAbstractButton>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QUrl>
#include <QVBoxLayout>

namespace tlw::ui {

namespace {
const QString kNormalStyle = QStringLiteral(
    "QFrame#dropZone { border: 2px dashed palette(mid); border-radius: 10px; background: palette(base); }");
const QString kHighlightStyle = QStringLiteral(
    "QFrame#dropZone { border: 2px dashed palette(highlight); border-radius: 10px; background: "
    "palette(alternate-base); }");
}  // namespace

DropZone::DropZone(Accepts accepts, QWidget* parent)
    : QFrame(parent),
      m_accepts(accepts),
      m_icon(new QLabel(this)),
      m_headline(new QLabel(this)),
      m_hint(new QLabel(this)),
      m_buttons(new QHBoxLayout) {
    setObjectName(QStringLiteral("dropZone"));
    setAcceptDrops(true);
    setStyleSheet(kNormalStyle);
    setMinimumHeight(220);

    m_icon->setAlignment(Qt::AlignCenter);
    m_headline->setAlignment(Qt::AlignCenter);
    m_headline->setWordWrap(true);
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.25);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    m_buttons->setSpacing(12);
    m_buttons->addStretch();
    m_buttons->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->setSpacing(12);
    layout->addStretch();
    layout->addWidget(m_icon);
    layout->addWidget(m_headline);
    layout->addWidget(m_hint);
    layout->addSpacing(8);
    layout->addLayout(m_buttons);
    layout->addStretch();
}

void DropZone::setIcon(const QIcon& icon) { m_icon->setPixmap(icon.pixmap(64, 64)); }
void DropZone::setHeadline(const QString& text) { m_headline->setText(text); }
void DropZone::setHint(const QString& text) { m_hint->setText(text); }
QString DropZone::headline() const { return m_headline->text(); }
QString DropZone::hint() const { return m_hint->text(); }

void DropZone::addButton(QAbstractButton* button) {
    button->setParent(this);
    m_buttons->insertWidget(m_buttons->count() - 1, button);
}

QStringList DropZone::acceptedPaths(const QMimeData* mime) const {
    QStringList paths;
    if (mime == nullptr || !mime->hasUrls()) return paths;
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile()) continue;
        const QFileInfo info(url.toLocalFile());
        if (info.isDir() || (m_accepts == Accepts::FilesAndFolders && info.isFile()))
            paths.append(info.absoluteFilePath());
    }
    return paths;
}

void DropZone::dragEnterEvent(QDragEnterEvent* event) {
    if (acceptedPaths(event->mimeData()).isEmpty()) return event->ignore();
    event->acceptProposedAction();
    setHighlighted(true);
}

void DropZone::dragLeaveEvent(QDragLeaveEvent* event) {
    setHighlighted(false);
    QFrame::dragLeaveEvent(event);
}

void DropZone::dropEvent(QDropEvent* event) {
    setHighlighted(false);
    const QStringList paths = acceptedPaths(event->mimeData());
    if (paths.isEmpty()) return event->ignore();
    event->acceptProposedAction();
    emit pathsDropped(paths);
}

void DropZone::setHighlighted(bool highlighted) {
    setStyleSheet(highlighted ? kHighlightStyle : kNormalStyle);
}

}  // namespace tlw::ui
