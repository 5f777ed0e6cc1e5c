#include "ui/widgets/weights_panel.h"

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace tlw::ui {

namespace {
using State = WeightsStatus::State;

QString formatMegabytes(qint64 bytes) { return QLocale().toString(static_cast<double>(bytes) / 1e6, 'f', 1); }

QStyle::StandardPixmap iconFor(State state) {
    switch (state) {
        case State::Found:
            return QStyle::SP_DialogApplyButton;
        case State::Missing:
        case State::NotPretrained:
            return QStyle::SP_MessageBoxWarning;
        case State::Downloading:
            return QStyle::SP_ArrowDown;
        default:
            return QStyle::SP_MessageBoxInformation;
    }
}

// The frame says at a glance whether the weights are there.
QString panelStyle(State state) {
    QString colours = QStringLiteral("background: palette(base); border: 1px solid palette(midlight);");
    if (state == State::Found)
        colours = QStringLiteral("background: #eef7ee; border: 1px solid #7cb77e;");
    else if (state == State::Missing || state == State::NotPretrained)
        colours = QStringLiteral("background: #fff6e5; border: 1px solid #e0a43a;");
    return QStringLiteral(
               "QFrame#weightsPanel { %1 border-radius: 8px; } "
               "QFrame#weightsPanel QLabel { background: transparent; border: none; color: #202124; }")
        .arg(colours);
}
}  // namespace

WeightsPanel::WeightsPanel(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("weightsPanel"));
    m_icon = new QLabel(this);
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("weightsHeadline"));
    QFont headlineFont = m_headline->font();
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("weightsDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("weightsProgress"));
    m_progress->hide();
    m_chooseButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), this);
    m_downloadButton = new QPushButton(style()->standardIcon(QStyle::SP_ArrowDown), QString(), this);
    m_cancelDownloadButton =
        new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), QString(), this);
    m_withoutButton = new QPushButton(this);
    connect(m_chooseButton, &QPushButton::clicked, this, &WeightsPanel::chooseRequested);
    connect(m_downloadButton, &QPushButton::clicked, this, &WeightsPanel::downloadRequested);
    connect(m_cancelDownloadButton, &QPushButton::clicked, this, &WeightsPanel::cancelDownloadRequested);
    connect(m_withoutButton, &QPushButton::clicked, this, &WeightsPanel::continueWithoutRequested);

    auto* text = new QVBoxLayout;
    text->setSpacing(4);
    text->addWidget(m_headline);
    text->addWidget(m_detail);
    text->addWidget(m_progress);
    auto* buttons = new QVBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_chooseButton);
    buttons->addWidget(m_downloadButton);
    buttons->addWidget(m_cancelDownloadButton);
    buttons->addWidget(m_withoutButton);
    buttons->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(12);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    layout->addLayout(buttons);
    retranslateUi();
}

QString WeightsPanel::headline() const { return m_headline->text(); }
QString WeightsPanel::detail() const { return m_detail->text(); }

QString WeightsPanel::description() const {
    switch (m_status.state) {
        case State::Found:
            return tr("%1, Keras ImageNet weights: %2")
                .arg(m_backboneName, QDir::toNativeSeparators(m_status.path));
        case State::Missing:
            return tr("none: %1 not found").arg(m_status.fileName);
        case State::NotPretrained:
            return tr("none: %1 starts from random weights (not pretrained)").arg(m_backboneName);
        default:
            return {};
    }
}

void WeightsPanel::setStatus(const WeightsStatus& status) {
    m_status = status;
    refresh();
}

void WeightsPanel::setBackboneName(const QString& name) {
    m_backboneName = name;
    refresh();
}

void WeightsPanel::retranslateUi() {
    m_chooseButton->setText(tr("Choose Weights File…"));
    m_chooseButton->setToolTip(tr("Use a Keras .h5 weights file from anywhere on this computer"));
    m_cancelDownloadButton->setText(tr("Cancel Download"));
    m_withoutButton->setText(tr("Continue Without Pretrained Weights"));
    m_withoutButton->setToolTip(tr("Train from random weights: possible, but far from transfer learning"));
    refresh();
}

void WeightsPanel::refresh() {
    refreshFrame();
    const QString detail = detailText();
    m_headline->setText(headlineText());
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    refreshControls();
    emit descriptionChanged(description());
}

void WeightsPanel::refreshFrame() {
    // Icon and frame only change with the state; a download updates the texts twenty times a second.
    if (m_frameState == m_status.state) return;
    m_frameState = m_status.state;
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize);
    m_icon->setPixmap(style()->standardIcon(iconFor(m_status.state)).pixmap(size, size));
    setStyleSheet(panelStyle(m_status.state));
}

void WeightsPanel::refreshControls() {
    const bool downloading = m_status.state == State::Downloading;
    m_progress->setVisible(downloading);
    const bool knownTotal = m_status.bytesTotal > 0;
    m_progress->setRange(0, knownTotal ? 1000 : 0);
    m_progress->setValue(knownTotal ? static_cast<int>(1000 * m_status.bytesDone / m_status.bytesTotal) : 0);
    const bool lacking = m_status.state == State::Missing || m_status.state == State::NotPretrained;
    m_chooseButton->setVisible(!downloading && m_status.state != State::Checking);
    m_downloadButton->setVisible(lacking && m_status.downloadBytes != 0);
    m_downloadButton->setText(m_status.downloadBytes > 0
                                  ? tr("Download (%1 MB)").arg(formatMegabytes(m_status.downloadBytes))
                                  : tr("Download"));
    m_cancelDownloadButton->setVisible(downloading);
    m_withoutButton->setVisible(m_status.state == State::Missing);
}

QString WeightsPanel::headlineText() const {
    switch (m_status.state) {
        case State::Unknown:
            return tr("Pretrained weights have not been looked for yet.");
        case State::Checking:
            return tr("Looking for the ImageNet weights of %1…").arg(m_backboneName);
        case State::Found:
            return tr("Found: %1 (%2 MB, Keras ImageNet weights)")
                .arg(QDir::toNativeSeparators(m_status.path), formatMegabytes(m_status.sizeBytes));
        case State::Missing:
            return tr("Missing: %1, the Keras ImageNet weights of %2.")
                .arg(m_status.fileName, m_backboneName);
        case State::Downloading:
            return tr("Downloading %1 to %2…")
                .arg(m_status.fileName, QDir::toNativeSeparators(m_status.path));
        case State::NotPretrained:
            return tr("Not pretrained: %1 starts from random weights, so it needs far more images and "
                      "epochs to learn.")
                .arg(m_backboneName);
    }
    return {};
}

QString WeightsPanel::detailText() const {
    switch (m_status.state) {
        case State::Found:
            if (m_status.downloaded)
                return tr("Downloaded just now and checked: every layer of %1 is there.").arg(m_backboneName);
            if (m_status.chosenByUser)
                return tr("Chosen by you and checked: every layer of %1 is there.").arg(m_backboneName);
            return tr("Found on this computer and checked: every layer of %1 is "
                      "there.")
                .arg(m_backboneName);
        case State::Missing:
            return missingDetailText();
        case State::Downloading:
            return m_status.bytesTotal > 0
                       ? tr("%1 of %2 MB")
                             .arg(formatMegabytes(m_status.bytesDone), formatMegabytes(m_status.bytesTotal))
                       : tr("%1 MB").arg(formatMegabytes(m_status.bytesDone));
        case State::NotPretrained:
            return tr("To use the ImageNet weights, put %1 in %2 or in the folder named by TLW_WEIGHTS_DIR.")
                .arg(m_status.fileName, QDir::toNativeSeparators(m_status.suggestedFolder));
        default:
            return {};
    }
}

QString WeightsPanel::missingDetailText() const {
    QStringList looked;
    for (const QString& candidate : m_status.searched) looked << QDir::toNativeSeparators(candidate);
    const QString suggested = QDir::toNativeSeparators(m_status.suggestedFolder);
    return tr("Looked for it in: %1.").arg(looked.join(QStringLiteral(", "))) + QLatin1Char('\n') +
           (m_status.downloadBytes != 0
                ? tr("Put the file in %1 (Keras's own cache) or in the folder named by "
                     "TLW_WEIGHTS_DIR, choose it, or download it from Keras's official address.")
                      .arg(suggested)
                : tr("Put the file in %1 (Keras's own cache) or in the folder named by "
                     "TLW_WEIGHTS_DIR, or choose it. There is no official download for it.")
                      .arg(suggested));
}

void WeightsPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QFrame::changeEvent(event);
}

}  // namespace tlw::ui
