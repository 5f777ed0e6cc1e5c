#include "ui/widgets/gallery_grad_cam.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QScrollBar>
#include <algorithm>

#include "ui/dialogs/image_viewer_dialog.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/widgets/colour_bar.h"
#include "ui/widgets/thumbnail_grid_view.h"

namespace tlw::ui {

GalleryGradCam::GalleryGradCam(ThumbnailListModel* gallery, ThumbnailGridView* view, QWidget* parent)
    : QWidget(parent),
      m_gallery(gallery),
      m_view(view),
      m_toggle(new QCheckBox(this)),
      m_classChoice(new QComboBox(this)),
      m_colourBar(new ColourBar(this)) {
    setObjectName(QStringLiteral("galleryGradCam"));
    m_toggle->setObjectName(QStringLiteral("gradCamToggle"));
    m_classChoice->setObjectName(QStringLiteral("gradCamClassChoice"));
    m_classChoice->addItem(QString());  // the predicted class, then the true class (retranslateUi)
    m_classChoice->addItem(QString());
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_toggle);
    layout->addWidget(m_classChoice);
    layout->addWidget(m_colourBar);
    layout->addStretch(1);
    connect(m_toggle, &QCheckBox::toggled, this, [this](bool on) {
        refresh();
        emit toggled(on);
    });
    connect(m_classChoice, &QComboBox::currentIndexChanged, this, &GalleryGradCam::refresh);
    m_gallery->setDecorator(
        [this](const QString& path, const QPixmap& thumbnail) { return decorate(path, thumbnail); });
    connect(view, &ThumbnailGridView::viewerOpened, this, &GalleryGradCam::attachViewer);
    m_scrolled.setSingleShot(true);
    m_scrolled.setInterval(150);
    connect(&m_scrolled, &QTimer::timeout, this, [this] {
        if (isOn()) requestHeatMaps();
    });
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, &m_scrolled, qOverload<>(&QTimer::start));
    retranslateUi();
    refresh();
}

QString GalleryGradCam::mapKey(const QString& path, int classIndex) {
    return path + QLatin1Char('\n') + QString::number(classIndex);
}

void GalleryGradCam::setImages(const std::vector<Image>& images, const QStringList& classNames) {
    m_images = images;
    m_classNames = classNames;
    m_rows.clear();
    for (int row = 0; row < static_cast<int>(images.size()); ++row)
        m_rows.insert(images[static_cast<std::size_t>(row)].path, row);
    refresh();
}

bool GalleryGradCam::isOn() const { return m_toggle->isChecked(); }
void GalleryGradCam::setOn(bool on) { m_toggle->setChecked(on); }
bool GalleryGradCam::forTrueClass() const { return m_classChoice->currentIndex() == 1; }
void GalleryGradCam::setForTrueClass(bool trueClass) { m_classChoice->setCurrentIndex(trueClass ? 1 : 0); }

int GalleryGradCam::classOf(const QString& path) const {
    const auto row = m_rows.constFind(path);
    if (row == m_rows.constEnd()) return -1;
    const Image& image = m_images[static_cast<std::size_t>(*row)];
    return forTrueClass() ? image.trueClass : image.predictedClass;
}

bool GalleryGradCam::hasHeatMap(const QString& path) const {
    return m_maps.contains(mapKey(path, classOf(path)));
}

void GalleryGradCam::setHeatMap(const QString& path, int classIndex, const HeatMap& heatMap) {
    const QString key = mapKey(path, classIndex);
    m_maps.insert(key, heatMap);
    m_overlays.remove(key);
    if (classOf(path) != classIndex) return;  // kept for when the other class is chosen
    m_gallery->refreshDecorations(path);
    if (m_viewer != nullptr && m_viewer->currentPath() == path) m_viewer->refreshOverlay();
}

void GalleryGradCam::clearHeatMaps() {
    m_maps.clear();
    m_overlays.clear();
    refresh();
}

QPixmap GalleryGradCam::decorate(const QString& path, const QPixmap& thumbnail) {
    if (!isOn()) return thumbnail;
    const QString key = mapKey(path, classOf(path));
    const auto map = m_maps.constFind(key);
    if (map == m_maps.constEnd()) return thumbnail;
    auto drawn = m_overlays.constFind(key);
    if (drawn == m_overlays.constEnd())
        drawn = m_overlays.insert(key, QPixmap::fromImage(overlayHeatMap(thumbnail.toImage(), *map)));
    return *drawn;
}

std::optional<QImage> GalleryGradCam::overlayForViewer(const QString& path, const QImage& shown) {
    const int classIndex = classOf(path);
    if (!isOn() || classIndex < 0) return std::nullopt;
    const auto map = m_maps.constFind(mapKey(path, classIndex));
    if (map == m_maps.constEnd()) {
        emit heatMapWantedFirst(path, classIndex);
        return std::nullopt;
    }
    m_viewer->colourBar()->setCaption(
        tr("Where the model looks for %1:").arg(m_classNames.value(classIndex)));
    return overlayHeatMap(shown, *map);
}

void GalleryGradCam::attachViewer(ImageViewerDialog* viewer) {
    if (m_viewer == viewer) return viewer->refreshOverlay();
    m_viewer = viewer;
    viewer->setOverlay(
        [this](const QString& path, const QImage& shown) { return overlayForViewer(path, shown); });
}

void GalleryGradCam::refresh() {
    m_classChoice->setEnabled(isOn());
    m_colourBar->setVisible(isOn());
    m_gallery->refreshDecorations();
    if (m_viewer != nullptr) m_viewer->refreshOverlay();
    requestHeatMaps();
}

// The gallery's rows in view, then one screen after them, then the rest in order; images the gallery does
// not show last.
QList<int> GalleryGradCam::imagesByPriority() const {
    QList<int> order;
    QList<bool> taken(static_cast<qsizetype>(m_images.size()), false);
    const auto take = [&](int row) {
        const auto image = m_rows.constFind(m_gallery->pathAt(row));
        if (image == m_rows.constEnd() || taken[*image]) return;
        taken[*image] = true;
        order << *image;
    };
    const auto [first, last] = m_view->visibleRows();
    if (first >= 0)
        for (int row = first; row <= std::min(last + (last - first + 1), m_gallery->rowCount() - 1); ++row)
            take(row);
    for (int row = 0; row < m_gallery->rowCount(); ++row) take(row);
    for (int index = 0; index < static_cast<int>(m_images.size()); ++index)
        if (!taken[index]) order << index;
    return order;
}

void GalleryGradCam::requestHeatMaps() {
    QStringList paths;
    QList<int> classes;
    if (isOn()) {
        for (const int index : imagesByPriority()) {
            const Image& image = m_images[static_cast<std::size_t>(index)];
            const int classIndex = forTrueClass() ? image.trueClass : image.predictedClass;
            if (m_maps.contains(mapKey(image.path, classIndex))) continue;
            paths << image.path;
            classes << classIndex;
        }
    }
    emit heatMapsWanted(paths, classes);  // none: what was wanted before is not any more
}

void GalleryGradCam::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void GalleryGradCam::retranslateUi() {
    m_toggle->setText(tr("Show where the model looks"));
    m_toggle->setToolTip(
        tr("Colours each image by how much its regions made the model choose the class (Grad-CAM)"));
    m_classChoice->setItemText(0, tr("for the predicted class"));
    m_classChoice->setItemText(1, tr("for the true class"));
}

}  // namespace tlw::ui
