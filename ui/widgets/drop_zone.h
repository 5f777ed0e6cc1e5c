#pragma once

#include <QFrame>
#include <QStringList>

class QAbstractButton;
class QHBoxLayout;
class QLabel;
class QMimeData;

namespace tlw::ui {

// The empty state of a page that takes files: a dashed area with an icon, a headline, a hint and a row
// of buttons ("Open a dataset folder…"), which also accepts local files or folders dragged from the
// file manager and reports them as paths. The owner sets the texts (and re-sets them on LanguageChange).
class DropZone : public QFrame {
    Q_OBJECT
public:
    enum class Accepts { Folders, FilesAndFolders };

    explicit DropZone(Accepts accepts, QWidget* parent = nullptr);

    void setIcon(const QIcon& icon);
    void setHeadline(const QString& text);
    void setHint(const QString& text);
    void addButton(QAbstractButton* button);  // takes ownership

    QString headline() const;
    QString hint() const;

    // The local paths in `mime` this zone would accept (folders only, or files and folders).
    QStringList acceptedPaths(const QMimeData* mime) const;

signals:
    void pathsDropped(const QStringList& paths);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void setHighlighted(bool highlighted);

    Accepts m_accepts;
    QLabel* m_icon;
    QLabel* m_headline;
    QLabel* m_hint;
    QHBoxLayout* m_buttons;
};

}  // namespace tlw::ui
