#include "ui/widgets/prediction_card.h"

#include <QEvent>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/widgets/similar_strip.h"

namespace tlw::ui {

namespace {
constexpr int kThumbnailSize = 96;

// The most likely class stands out by weight and a marker, not by colour alone (colour-blind users, a
// grey-scale print); the accent colour on its bar, the others' neutral one, only add to that.
void highlightTopClass(QLabel* label, QProgressBar* bar) {
    label->setObjectName(QStringLiteral("topClassLabel"));
    label->setText(QStringLiteral("\u25B6 ") + label->text());
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    QFont barFont = bar->font();
    barFont.setBold(true);
    bar->setFont(barFont);
}

// The runners-up's bars in a neutral tone, so the accent colour marks the top class only.
void muteBar(QProgressBar* bar) {
    QPalette palette = bar->palette();
    palette.setColor(QPalette::Highlight, palette.color(QPalette::Mid));
    bar->setPalette(palette);
}
}  // namespace

PredictionCard::PredictionCard(const PredictionResult& result, QWidget* parent)
    : QFrame(parent), m_result(result), m_key(result.imagePath), m_thumbnail(new QLabel(this)) {
    setObjectName(QStringLiteral("predictionCard"));
    // As tall as its thumbnail or its classes, never stretched by the list it sits in.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    setStyleSheet(
        QStringLiteral("QFrame#predictionCard { background: palette(base); border: 1px solid "
                       "palette(midlight); border-radius: 8px; }"));

    m_thumbnail->setFixedSize(kThumbnailSize, kThumbnailSize);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    if (!result.image.isNull()) {
        setThumbnail(QPixmap::fromImage(result.image));
    } else {
        // A thumbnail-sized decode: a 24-megapixel photo costs a fraction of a full one.
        QImageReader reader(result.imagePath);
        reader.setDecideFormatFromContent(true);
        reader.setAutoTransform(true);
        const QSize full = reader.size();
        if (full.isValid())
            reader.setScaledSize(full.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio));
        m_picture = reader.read();
        updateThumbnail();
    }

    auto* name = m_name = new QLabel(QFileInfo(result.imagePath).fileName(), this);
    name->setObjectName(QStringLiteral("predictionCardName"));
    name->setToolTip(result.imagePath);
    QFont nameFont = name->font();
    nameFont.setBold(true);
    name->setFont(nameFont);

    auto* classes = new QGridLayout;
    classes->setHorizontalSpacing(8);
    classes->setVerticalSpacing(4);
    if (!result.error.isEmpty()) {
        auto* error = new QLabel(result.error, this);
        error->setWordWrap(true);
        classes->addWidget(error, 0, 0, 1, 2);
    }
    int row = 0;
    for (const ClassProbability& entry : result.topK) {
        const bool top = row == 0;  // topK is most probable first
        auto* label = new QLabel(entry.className, this);
        auto* bar = new QProgressBar(this);
        bar->setObjectName(QStringLiteral("probabilityBar"));
        bar->setProperty("topClass", top);
        bar->setRange(0, 1000);
        bar->setValue(static_cast<int>(entry.probability * 1000.0 + 0.5));
        bar->setFormat(QStringLiteral("%1 %").arg(entry.probability * 100.0, 0, 'f', 1));
        bar->setMinimumWidth(120);
        if (top) {
            highlightTopClass(label, bar);
            m_topLabel = label;
            m_topBar = bar;
        } else
            muteBar(bar);
        classes->addWidget(label, row, 0);
        classes->addWidget(bar, row, 1);
        ++row;
    }
    classes->setColumnStretch(1, 1);

    auto* text = new QVBoxLayout;
    text->addWidget(name);
    if (!result.answer.isEmpty() || result.unknownAnswer) {
        // The decision under the model's thresholds, which may differ from the longest bar.
        m_answer = new QLabel(this);
        m_answer->setObjectName(QStringLiteral("predictionCardAnswer"));
        text->addWidget(m_answer);
    }
    text->addLayout(classes);
    m_similar = new SimilarStrip(this);
    text->addWidget(m_similar);
    text->addStretch();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(12);
    layout->addWidget(m_thumbnail, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    retranslateUi();
}

void PredictionCard::retranslateUi() {
    if (m_result.imagePath.isEmpty()) m_name->setText(tr("Image from the clipboard"));
    if (m_answer != nullptr) {
        m_answer->setText(m_result.unknownAnswer ? tr("Answer: unknown (no class is sure enough)")
                                                 : tr("Answer: %1").arg(m_result.answer));
        m_answer->setToolTip(tr("Decided by the thresholds saved in the model"));
    }
    if (m_topLabel != nullptr) {
        m_topLabel->setToolTip(tr("The most likely class"));
        m_topBar->setToolTip(m_topLabel->toolTip());
    }
    if (isShowingHeatMap())
        m_thumbnail->setToolTip(tr("Where the model looks for %1 (red: most evidence)")
                                    .arg(QString::fromStdString(m_heatMap->map.className)));
    else if (m_heatMapShown && !m_heatMapError.isEmpty())
        m_thumbnail->setToolTip(tr("Where the model looks cannot be shown: %1").arg(m_heatMapError));
    else
        m_thumbnail->setToolTip(QString());
}

void PredictionCard::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QFrame::changeEvent(event);
}

void PredictionCard::setThumbnail(const QPixmap& pixmap) {
    m_picture = pixmap.scaled(kThumbnailSize, kThumbnailSize, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                    .toImage();
    updateThumbnail();
}

int PredictionCard::topClassIndex() const {
    if (!m_result.error.isEmpty() || m_result.probabilities.empty()) return -1;
    const auto top = std::max_element(m_result.probabilities.begin(), m_result.probabilities.end());
    return static_cast<int>(top - m_result.probabilities.begin());
}

void PredictionCard::setHeatMap(const HeatMap& heatMap) {
    m_heatMap = heatMap;
    updateThumbnail();
    retranslateUi();
}

void PredictionCard::setHeatMapError(const QString& reason) {
    m_heatMapError = reason;
    retranslateUi();
}

void PredictionCard::setHeatMapShown(bool shown) {
    m_heatMapShown = shown;
    updateThumbnail();
    retranslateUi();
}

QImage PredictionCard::thumbnailImage() const { return m_thumbnail->pixmap().toImage(); }

void PredictionCard::updateThumbnail() {
    if (m_picture.isNull()) return;
    m_thumbnail->setPixmap(
        QPixmap::fromImage(isShowingHeatMap() ? overlayHeatMap(m_picture, *m_heatMap) : m_picture));
}

}  // namespace tlw::ui
