#include "ui/widgets/similar_strip.h"

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/dialogs/image_viewer_dialog.h"
#include "ui/workers/thumbnail_loader.h"

namespace tlw::ui {
namespace {

// The thumbnail centred on a transparent square of the icon's size: a tool button lays its text out under
// the icon's own height, so wide and tall thumbnails would put their captions at different heights.
QPixmap squareIcon(const QPixmap& thumbnail, QSize size) {
    QPixmap square(size * thumbnail.devicePixelRatio());
    square.setDevicePixelRatio(thumbnail.devicePixelRatio());
    square.fill(Qt::transparent);
    const QSize fitted = thumbnail.deviceIndependentSize().toSize().scaled(size, Qt::KeepAspectRatio);
    QPainter painter(&square);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawPixmap(
        QRect(QPoint((size.width() - fitted.width()) / 2, (size.height() - fitted.height()) / 2), fitted),
        thumbnail);
    return square;
}

}  // namespace

SimilarStrip::SimilarStrip(QWidget* parent)
    : QWidget(parent), m_heading(new QLabel(this)), m_text(new QLabel(this)), m_row(new QHBoxLayout) {
    setObjectName(QStringLiteral("similarStrip"));
    m_heading->setObjectName(QStringLiteral("similarHeading"));
    m_text->setObjectName(QStringLiteral("similarMessage"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    m_row->setContentsMargins(0, 0, 0, 0);
    m_row->setSpacing(4);
    m_row->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_heading);
    layout->addWidget(m_text);
    layout->addLayout(m_row);
    hide();  // until there is something to say
}

void SimilarStrip::setThumbnailLoader(ThumbnailLoader* loader) {
    if (m_loader != nullptr) disconnect(m_loader, nullptr, this, nullptr);
    m_loader = loader;
    if (loader != nullptr)
        connect(loader, &ThumbnailLoader::thumbnailReady, this, &SimilarStrip::updateThumbnail);
}

void SimilarStrip::showSearching() {
    m_state = State::Searching;
    m_images.clear();
    clearButtons();
    retranslateUi();
    show();
}

void SimilarStrip::showMessage(const QString& message) {
    m_state = State::Message;
    m_message = message;
    m_images.clear();
    clearButtons();
    retranslateUi();
    show();
}

void SimilarStrip::showImages(const std::vector<SimilarTrainingImage>& images, bool perClass) {
    m_state = State::Images;
    m_images = images;
    m_perClass = perClass;
    clearButtons();
    for (int i = 0; i < static_cast<int>(images.size()); ++i) {
        auto* button = new QToolButton(this);
        button->setObjectName(QStringLiteral("similarImage"));
        button->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
        button->setAutoRaise(true);
        button->setIconSize(m_loader != nullptr ? m_loader->thumbnailSize() : QSize(56, 56));
        connect(button, &QToolButton::clicked, this, [this, i] { openImage(i); });
        m_row->insertWidget(m_row->count() - 1, button, 0, Qt::AlignTop);
        m_buttons << button;
        updateThumbnail(images[static_cast<std::size_t>(i)].path);
    }
    retranslateUi();
    show();
}

void SimilarStrip::clearButtons() {
    qDeleteAll(m_buttons);
    m_buttons.clear();
}

void SimilarStrip::updateThumbnail(const QString& path) {
    if (m_loader == nullptr) return;
    const std::optional<QPixmap> pixmap = m_loader->thumbnail(path);
    if (!pixmap) return;
    for (int i = 0; i < m_buttons.size(); ++i)
        if (m_images[static_cast<std::size_t>(i)].path == path)
            m_buttons[i]->setIcon(QIcon(squareIcon(*pixmap, m_buttons[i]->iconSize())));
}

QStringList SimilarStrip::captions() const {
    QStringList captions;
    const QLocale locale;
    for (const SimilarTrainingImage& image : m_images)
        captions << tr("Training image of %1, similarity %2")
                        .arg(image.className, locale.toString(image.similarity, 'f', 2));
    return captions;
}

void SimilarStrip::openImage(int index) {
    if (index < 0 || index >= static_cast<int>(m_images.size())) return;
    if (m_viewer == nullptr) m_viewer = new ImageViewerDialog(window());
    QStringList paths;
    for (const SimilarTrainingImage& image : m_images) paths << image.path;
    m_viewer->showImages(paths, captions(), index);
    m_viewer->show();
    m_viewer->raise();
    m_viewer->activateWindow();
}

QString SimilarStrip::messageText() const { return m_text->isHidden() ? QString() : m_text->text(); }
QString SimilarStrip::headingText() const { return m_heading->text(); }

void SimilarStrip::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void SimilarStrip::retranslateUi() {
    m_heading->setText(m_perClass && m_state == State::Images ? tr("Closest of each class:")
                                                              : tr("Looks like:"));
    m_text->setVisible(m_state == State::Searching || m_state == State::Message);
    m_text->setText(m_state == State::Searching ? tr("Looking for similar training images…") : m_message);
    const QLocale locale;
    const QStringList texts = captions();
    for (int i = 0; i < m_buttons.size(); ++i) {
        const SimilarTrainingImage& image = m_images[static_cast<std::size_t>(i)];
        m_buttons[i]->setText(image.className + QLatin1Char('\n') +
                              locale.toString(image.similarity, 'f', 2));
        m_buttons[i]->setToolTip(texts[i] + QLatin1Char('\n') + QDir::toNativeSeparators(image.path));
    }
}

}  // namespace tlw::ui
