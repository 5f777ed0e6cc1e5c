#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QIcon>
#include <QPixmap>
#include <QStringList>
#include <functional>

namespace tlw::ui {

class ThumbnailLoader;

// A list of image files for a thumbnail grid. data() never decodes: it returns the cached thumbnail,
// or a placeholder while the image loads (or a warning icon when it cannot). Decoding is started by
// requestThumbnails() for the rows a view actually shows (ThumbnailGridView does this as it scrolls).
class ThumbnailListModel : public QAbstractListModel {
    Q_OBJECT
public:
    // BadgesRole: a Badges list drawn over the thumbnail (ThumbnailDelegate); empty when none were set.
    enum Role { PathRole = Qt::UserRole + 1, StateRole, BadgesRole };
    enum class State { Loading, Ready, Failed };

    explicit ThumbnailListModel(QSize thumbnailSize = QSize(128, 128), QObject* parent = nullptr);
    ~ThumbnailListModel() override;

    // Captions (one per path, or none) go under the path in the tooltip: "true: ants, predicted: bees".
    // Tile texts (one per path, or none) replace the file name under the thumbnail: "ants → bees (0.91)".
    void setPaths(const QStringList& paths, const QStringList& captions = {},
                  const QStringList& tileTexts = {});
    const QStringList& captions() const { return m_captions; }
    // New captions and tile texts for the same paths (a language switch): no reload of the thumbnails.
    void setTexts(const QStringList& captions, const QStringList& tileTexts);
    // Short labels over each thumbnail (its class, its subset), one Badges per path, or none. Kept until
    // the next setPaths() or setBadges(); setting them again (a language switch) reloads nothing.
    void setBadges(const QList<QStringList>& badges);
    QStringList badgesAt(int row) const { return m_badges.value(row); }
    const QStringList& paths() const { return m_paths; }
    QString pathAt(int row) const { return m_paths.value(row); }
    int rowOf(const QString& path) const { return m_rows.value(path, -1); }
    State stateAt(int row) const;

    // Asks for the thumbnails of rows first..last (clamped); requests for other rows not yet started are
    // dropped, because the view no longer shows them.
    void requestThumbnails(int first, int last);

    // Draws over a ready thumbnail (the Evaluation gallery's Grad-CAM overlay); none: the thumbnail as
    // decoded. refreshDecorations() tells the views that what it draws has changed.
    using Decorator = std::function<QPixmap(const QString& path, const QPixmap& thumbnail)>;
    void setDecorator(Decorator decorator);
    void refreshDecorations(const QString& path = {});  // empty: every row

    ThumbnailLoader* loader() const { return m_loader; }
    QSize thumbnailSize() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    void onThumbnailChanged(const QString& path);

    ThumbnailLoader* m_loader;
    QStringList m_paths;
    QStringList m_captions;
    QStringList m_tileTexts;
    QList<QStringList> m_badges;
    QHash<QString, int> m_rows;
    QIcon m_placeholder;
    QIcon m_failedIcon;
    Decorator m_decorator;
};

}  // namespace tlw::ui
