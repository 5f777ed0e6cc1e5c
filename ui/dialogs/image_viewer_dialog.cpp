#include "ui/dialogs/image_viewer_dialog.h"

#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/util/file_revealer.h"
#include "ui/widgets/colour_bar.h"

namespace tlw::ui {

ImageViewerDialog::ImageViewerDialog(QWidget* parent)
    : QDialog(parent),
      m_picture(new QLabel(this)),
      m_caption(new QLabel(this)),
      m_colourBar(new ColourBar(this)),
      m_previous(new QPushButton(this)),
      m_next(new QPushButton(this)),
      m_openExternally(new QPushButton(this)),
      m_reveal(new QPushButton(this)),
      m_close(new QPushButton(this)) {
    setObjectName(QStringLiteral("imageViewerDialog"));
    setModal(false);
    m_picture->setObjectName(QStringLiteral("viewerPicture"));
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setMinimumSize(240, 180);
    m_picture->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);  // scaled by fitImage()
    m_picture->setWordWrap(true);
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previous->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_next->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    for (QPushButton* button : {m_previous, m_next, m_openExternally, m_reveal, m_close})
        button->setAutoDefault(false);
    connect(m_previous, &QPushButton::clicked, this, &ImageViewerDialog::showPrevious);
    connect(m_next, &QPushButton::clicked, this, &ImageViewerDialog::showNext);
    connect(m_openExternally, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(currentPath())); });
    connect(m_reveal, &QPushButton::clicked, this, [this] { revealInFileManager(currentPath(), this); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_previous);
    buttons->addWidget(m_next);
    buttons->addStretch(1);
    buttons->addWidget(m_openExternally);
    buttons->addWidget(m_reveal);
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_picture, 1);
    layout->addWidget(m_colourBar, 0, Qt::AlignLeft);
    layout->addWidget(m_caption);
    layout->addLayout(buttons);
    m_colourBar->hide();
    resize(900, 700);
    retranslateUi();
}

void ImageViewerDialog::showImages(const QStringList& paths, const QStringList& captions, int current) {
    m_paths = paths;
    m_captions = captions.size() == paths.size() ? captions : QStringList();
    m_current = paths.isEmpty() ? -1 : std::clamp(current, 0, static_cast<int>(paths.size()) - 1);
    load();
}

void ImageViewerDialog::showPrevious() {
    if (m_current <= 0) return;
    --m_current;
    load();
}

void ImageViewerDialog::showNext() {
    if (m_current < 0 || m_current + 1 >= m_paths.size()) return;
    ++m_current;
    load();
}

QString ImageViewerDialog::captionText() const { return m_caption->text(); }

void ImageViewerDialog::load() {
    m_image = QImage();
    m_error.clear();
    const QString path = currentPath();
    QImageReader reader(path);
    reader.setAutoTransform(true);  // EXIF orientation, as training reads it
    const QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > kMaxSide)
        reader.setScaledSize(size.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio));
    if (!reader.read(&m_image)) {
        m_image = QImage();
        m_error = reader.errorString();
    }
    retranslateUi();
    fitImage();
}

void ImageViewerDialog::fitImage() {
    if (m_image.isNull()) {  // the label shows why (retranslateUi)
        m_showingOverlay = false;
        m_colourBar->hide();
        return;
    }
    // Fitted to the room, small images enlarged too (up to 4x, beyond which pixels only get blurred).
    QSize shown = m_image.size().scaled(m_picture->size(), Qt::KeepAspectRatio);
    shown = shown.boundedTo(m_image.size() * 4);
    QImage picture = m_image.scaled(shown, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    const std::optional<QImage> overlaid = m_overlay ? m_overlay(currentPath(), picture) : std::nullopt;
    m_showingOverlay = overlaid.has_value();
    m_colourBar->setVisible(m_showingOverlay);
    m_picture->setPixmap(QPixmap::fromImage(overlaid ? *overlaid : picture));
}

void ImageViewerDialog::setOverlay(Overlay overlay) {
    m_overlay = std::move(overlay);
    refreshOverlay();
}

void ImageViewerDialog::refreshOverlay() {
    if (m_image.isNull()) {
        m_showingOverlay = false;
        m_colourBar->hide();
        return;
    }
    fitImage();
}

QImage ImageViewerDialog::shownImage() const { return m_picture->pixmap().toImage(); }

void ImageViewerDialog::resizeEvent(QResizeEvent* event) {
    QDialog::resizeEvent(event);
    fitImage();
}

void ImageViewerDialog::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Left) return showPrevious();
    if (event->key() == Qt::Key_Right) return showNext();
    QDialog::keyPressEvent(event);
}

void ImageViewerDialog::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDialog::changeEvent(event);
}

void ImageViewerDialog::retranslateUi() {
    const QString name = QFileInfo(currentPath()).fileName();
    setWindowTitle(m_paths.isEmpty() ? tr("Image")
                                     : tr("%1 (%2 of %3)").arg(name).arg(m_current + 1).arg(m_paths.size()));
    if (m_image.isNull())
        m_picture->setText(
            m_error.isEmpty()
                ? QString()
                : tr("%1 cannot be shown: %2").arg(QDir::toNativeSeparators(currentPath()), m_error));
    const QString caption = m_captions.value(m_current);
    m_caption->setText(caption.isEmpty()
                           ? QDir::toNativeSeparators(currentPath())
                           : caption + QLatin1Char('\n') + QDir::toNativeSeparators(currentPath()));
    m_previous->setText(tr("Previous"));
    m_previous->setEnabled(m_current > 0);
    m_next->setText(tr("Next"));
    m_next->setEnabled(m_current >= 0 && m_current + 1 < m_paths.size());
    m_openExternally->setText(tr("Open in Image Viewer"));
    m_reveal->setText(tr("Show in File Manager"));
    m_close->setText(tr("Close"));
}

}  // namespace tlw::ui
