#pragma once

#include <QFrame>
#include <QMetaType>
#include <QStringList>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace tlw::ui {

// What the weights panel says; the model controller fills it from core's discovery and download.
struct WeightsStatus {
    enum class State { Unknown, Checking, Found, Missing, Downloading, NotPretrained };
    State state = State::Unknown;
    QString path;               // Found: the file; Downloading: where it goes
    qint64 sizeBytes = 0;       // Found: the file's size
    bool chosenByUser = false;  // Found: the file was chosen, not discovered
    bool downloaded = false;    // Found: fetched just now
    QString fileName;           // the Keras file name looked for
    QStringList searched;       // Missing: every path looked at, in order
    QString suggestedFolder;    // where to put the file (~/.keras/models)
    // The official download's size; 0 when there is none, -1 when its size is unknown (MobileNet).
    qint64 downloadBytes = 0;
    qint64 bytesDone = 0;    // Downloading
    qint64 bytesTotal = -1;  // Downloading; -1 while unknown
};

// The Model page's panel about the backbone's pretrained weights: found at PATH, or what is missing,
// where it was looked for and where to put it, a download's progress, or that training starts from
// random weights; with Choose / Download / Cancel / Continue without as the state allows. Its frame and
// icon say at a glance whether the weights are there. It shows a WeightsStatus and emits intentions.
class WeightsPanel : public QFrame {
    Q_OBJECT
public:
    explicit WeightsPanel(QWidget* parent = nullptr);

    const WeightsStatus& status() const { return m_status; }
    QString headline() const;
    QString detail() const;
    // The weights in use, for the About dialog: "VGG16, Keras ImageNet weights: PATH", or why there are
    // none.
    QString description() const;
    QPushButton* chooseButton() const { return m_chooseButton; }
    QPushButton* downloadButton() const { return m_downloadButton; }
    QPushButton* cancelDownloadButton() const { return m_cancelDownloadButton; }
    QPushButton* continueWithoutButton() const { return m_withoutButton; }

public slots:
    void setStatus(const tlw::ui::WeightsStatus& status);
    // The backbone's name as the user sees it ("VGG16"), which the texts mention; words them again.
    void setBackboneName(const QString& name);

signals:
    void chooseRequested();
    void downloadRequested();
    void cancelDownloadRequested();
    void continueWithoutRequested();
    // After every change of the texts, with description().
    void descriptionChanged(const QString& description);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void refresh();
    void refreshFrame();
    void refreshControls();
    QString headlineText() const;
    QString detailText() const;
    QString missingDetailText() const;

    WeightsStatus m_status;
    QString m_backboneName;
    std::optional<WeightsStatus::State> m_frameState;  // what the icon and frame show
    QLabel* m_icon;
    QLabel* m_headline;
    QLabel* m_detail;
    QProgressBar* m_progress;
    QPushButton* m_chooseButton;
    QPushButton* m_downloadButton;
    QPushButton* m_cancelDownloadButton;
    QPushButton* m_withoutButton;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::WeightsStatus)
