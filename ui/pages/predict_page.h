#pragma once

#include <QImage>
#include <QStringList>

#include "ui/pages/page.h"
#include "ui/widgets/prediction_card.h"

class QLabel;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QVBoxLayout;

namespace tlw::ui {

class DropZone;

// Page 5: drop images or a folder (or paste, or choose files) and see each image's top classes.
class PredictPage : public Page {
    Q_OBJECT
public:
    explicit PredictPage(QWidget* parent = nullptr);

    int predictionCount() const;
    DropZone* dropZone() const { return m_dropZone; }

public slots:
    void addPrediction(const tlw::ui::PredictionResult& result);
    void clearPredictions();
    void pasteFromClipboard();

signals:
    void imagesRequested(const QStringList& paths);  // files and folders, dropped or chosen
    void imagePasted(const QImage& image);           // image data from the clipboard (no file behind it)
    void chooseImagesRequested();
    void exportCsvRequested();

protected:
    void retranslateUi() override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QStackedWidget* m_states;
    DropZone* m_dropZone;
    QPushButton* m_chooseButton;
    QPushButton* m_pasteButton;
    QLabel* m_resultsHeading;
    QPushButton* m_addButton;
    QPushButton* m_exportButton;
    QPushButton* m_clearButton;
    QScrollArea* m_scroll;
    QVBoxLayout* m_cards;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::PredictionResult)
