#pragma once

#include <QString>
#include <QWidget>
#include <vector>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace tlw::ui {

class ImageViewerDialog;
class ThumbnailLoader;

// A training image that resembles the one on a card.
struct SimilarTrainingImage {
    QString path;
    QString className;
    double similarity = 0.0;  // cosine, -1..1
};

// "Looks like": a prediction card's row of the nearest training images, small thumbnails with their class
// and similarity; a click shows them large in an ImageViewerDialog. While they are searched for it says
// so, and when they cannot be found (the training data has moved) it says why instead.
class SimilarStrip : public QWidget {
    Q_OBJECT
public:
    explicit SimilarStrip(QWidget* parent = nullptr);

    // Holds the thumbnails, decoded off the UI thread; shared by the cards of a page, which asks it for all
    // their images at once (a request replaces the loader's queue). Null: no thumbnails.
    void setThumbnailLoader(ThumbnailLoader* loader);

    void showSearching();
    // perClass: the images are the closest of each class, not the k nearest.
    void showImages(const std::vector<SimilarTrainingImage>& images, bool perClass);
    void showMessage(const QString& message);

    const std::vector<SimilarTrainingImage>& images() const { return m_images; }
    bool isPerClass() const { return m_perClass; }
    QString messageText() const;
    QString headingText() const;
    QList<QToolButton*> imageButtons() const { return m_buttons; }
    ImageViewerDialog* viewer() const { return m_viewer; }  // null until an image was clicked

public slots:
    void openImage(int index);

protected:
    void changeEvent(QEvent* event) override;

private:
    void clearButtons();
    void updateThumbnail(const QString& path);
    QStringList captions() const;
    void retranslateUi();

    enum class State { Empty, Searching, Images, Message };
    State m_state = State::Empty;
    std::vector<SimilarTrainingImage> m_images;
    bool m_perClass = false;
    QString m_message;
    ThumbnailLoader* m_loader = nullptr;
    QLabel* m_heading;
    QLabel* m_text;
    QHBoxLayout* m_row;
    QList<QToolButton*> m_buttons;
    ImageViewerDialog* m_viewer = nullptr;
};

}  // namespace tlw::ui
