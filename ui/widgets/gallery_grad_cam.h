#pragma once

#include <QHash>
#include <QImage>
#include <QList>
#include <QPixmap>
#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <optional>
#include <vector>

#include "ui/widgets/heat_map.h"

class QCheckBox;
class QComboBox;

namespace tlw::ui {

class ColourBar;
class ImageViewerDialog;
class ThumbnailGridView;
class ThumbnailListModel;

// "Show where the model looks" for a gallery of evaluated images (the Evaluation page's misclassified
// images and confusion-matrix cells): the toggle, the class the maps are of (the predicted one, or the true
// one) and the colour bar; it draws the maps over the gallery's thumbnails and over the image its viewer
// shows large. It asks for the maps it lacks (heatMapsWanted), those of the images in view first, then of
// the next screen, then the rest, and asks again after a scroll; whoever computes them hands them back with
// setHeatMap().
class GalleryGradCam : public QWidget {
    Q_OBJECT
public:
    struct Image {
        QString path;
        int trueClass = 0;
        int predictedClass = 0;
    };

    GalleryGradCam(ThumbnailListModel* gallery, ThumbnailGridView* view, QWidget* parent = nullptr);

    void setImages(const std::vector<Image>& images, const QStringList& classNames);
    bool isOn() const;
    void setOn(bool on);
    bool forTrueClass() const;
    void setForTrueClass(bool trueClass);
    int classOf(const QString& path) const;      // the class whose map is drawn over the image, or -1
    bool hasHeatMap(const QString& path) const;  // of classOf(path)

    QCheckBox* toggle() const { return m_toggle; }
    QComboBox* classChoice() const { return m_classChoice; }
    ColourBar* colourBar() const { return m_colourBar; }

public slots:
    void setHeatMap(const QString& path, int classIndex, const tlw::ui::HeatMap& heatMap);
    void clearHeatMaps();  // another model: its maps would mislead

signals:
    void toggled(bool on);
    void heatMapsWanted(const QStringList& paths, const QList<int>& classes);  // the gallery's, in order
    void heatMapWantedFirst(const QString& path, int classIndex);              // the one shown large

protected:
    void changeEvent(QEvent* event) override;

private:
    static QString mapKey(const QString& path, int classIndex);
    QPixmap decorate(const QString& path, const QPixmap& thumbnail);
    std::optional<QImage> overlayForViewer(const QString& path, const QImage& shown);
    void attachViewer(ImageViewerDialog* viewer);
    void refresh();
    void requestHeatMaps();
    QList<int> imagesByPriority() const;  // indices into m_images
    void retranslateUi();

    ThumbnailListModel* m_gallery;
    ThumbnailGridView* m_view;
    QTimer m_scrolled;  // a scroll asks again once it settles
    ImageViewerDialog* m_viewer = nullptr;
    std::vector<Image> m_images;
    QHash<QString, int> m_rows;  // by path, into m_images
    QStringList m_classNames;
    QHash<QString, HeatMap> m_maps;      // by mapKey()
    QHash<QString, QPixmap> m_overlays;  // thumbnails with their map drawn, by mapKey()
    QCheckBox* m_toggle;
    QComboBox* m_classChoice;
    ColourBar* m_colourBar;
};

}  // namespace tlw::ui
