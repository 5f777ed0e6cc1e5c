#include "ui/pages/model_page.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/item_models/layer_table_model.h"

namespace tlw::ui {

ModelPage::ModelPage(QWidget* parent) : Page(parent), m_layers(new LayerTableModel(this)) {
    setObjectName(QStringLiteral("modelPage"));
    contentLayout()->addWidget(createSettingsRow());
    contentLayout()->addWidget(createWeightsPanel());
    contentLayout()->addWidget(createLayerArea(), 1);

    connect(m_layers, &LayerTableModel::freezeChanged, this, [this](const std::vector<bool>& trainable) {
        updateSummary();
        emit freezeChanged(trainable);
    });
    connect(m_layers, &QAbstractItemModel::modelReset, this, [this] {
        m_tableStates->setCurrentIndex(m_layers->rowCount() > 0 ? 1 : 0);
        updateSummary();
    });
    retranslateUi();
    updateWeightsPanel();
    updateSummary();
}

QWidget* ModelPage::createSettingsRow() {
    auto* row = new QWidget(this);
    m_backboneLabel = new QLabel(row);
    m_backbone = new QComboBox(row);
    // Proper names, the same in every language.
    m_backbone->addItem(QStringLiteral("VGG16"), QStringLiteral("vgg16"));
    m_backbone->addItem(QStringLiteral("SqueezeNet 1.1"), QStringLiteral("squeezenet1_1"));
    m_imageSizeLabel = new QLabel(row);
    m_imageSize = new QSpinBox(row);
    m_imageSize->setRange(32, 512);
    m_imageSize->setSingleStep(16);
    m_imageSize->setValue(224);
    m_dropoutLabel = new QLabel(row);
    m_dropout = new QDoubleSpinBox(row);
    m_dropout->setRange(0.0, 0.9);
    m_dropout->setSingleStep(0.05);
    m_dropout->setDecimals(2);
    m_dropout->setValue(0.2);
    m_backboneLabel->setBuddy(m_backbone);
    m_imageSizeLabel->setBuddy(m_imageSize);
    m_dropoutLabel->setBuddy(m_dropout);

    const auto emitSettings = [this] { emit modelSettingsChanged(modelSettings()); };
    connect(m_backbone, &QComboBox::currentIndexChanged, this, emitSettings);
    connect(m_imageSize, &QSpinBox::valueChanged, this, emitSettings);
    connect(m_dropout, &QDoubleSpinBox::valueChanged, this, emitSettings);

    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_backboneLabel);
    layout->addWidget(m_backbone);
    layout->addSpacing(16);
    layout->addWidget(m_imageSizeLabel);
    layout->addWidget(m_imageSize);
    layout->addSpacing(16);
    layout->addWidget(m_dropoutLabel);
    layout->addWidget(m_dropout);
    layout->addStretch();
    return row;
}

QWidget* ModelPage::createWeightsPanel() {
    auto* panel = new QFrame(this);
    panel->setObjectName(QStringLiteral("weightsPanel"));
    panel->setStyleSheet(
        QStringLiteral("QFrame#weightsPanel { background: palette(base); border: 1px solid "
                       "palette(midlight); border-radius: 8px; }"));
    m_weightsIcon = new QLabel(panel);
    m_weightsHeadline = new QLabel(panel);
    QFont headlineFont = m_weightsHeadline->font();
    headlineFont.setBold(true);
    m_weightsHeadline->setFont(headlineFont);
    m_weightsHeadline->setWordWrap(true);
    m_weightsDetail = new QLabel(panel);
    m_weightsDetail->setWordWrap(true);
    m_weightsDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_weightsProgress = new QProgressBar(panel);
    m_weightsProgress->hide();
    m_locateButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), panel);
    m_downloadButton = new QPushButton(style()->standardIcon(QStyle::SP_ArrowDown), QString(), panel);
    connect(m_locateButton, &QPushButton::clicked, this, &ModelPage::locateWeightsRequested);
    connect(m_downloadButton, &QPushButton::clicked, this, &ModelPage::downloadWeightsRequested);

    auto* text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_weightsHeadline);
    text->addWidget(m_weightsDetail);
    text->addWidget(m_weightsProgress);
    auto* layout = new QHBoxLayout(panel);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(12);
    layout->addWidget(m_weightsIcon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    layout->addWidget(m_locateButton, 0, Qt::AlignVCenter);
    layout->addWidget(m_downloadButton, 0, Qt::AlignVCenter);
    return panel;
}

QWidget* ModelPage::createLayerArea() {
    auto* area = new QWidget(this);
    m_layersHeading = new QLabel(area);
    QFont headingFont = m_layersHeading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.1);
    m_layersHeading->setFont(headingFont);

    m_tableStates = new QStackedWidget(area);
    m_noLayersLabel = new QLabel(area);
    m_noLayersLabel->setAlignment(Qt::AlignCenter);
    m_noLayersLabel->setWordWrap(true);
    m_noLayersLabel->setForegroundRole(QPalette::PlaceholderText);
    m_table = new QTableView(area);
    m_table->setModel(m_layers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(LayerTableModel::NameColumn, QHeaderView::Stretch);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, &ModelPage::showLayerContextMenu);
    m_tableStates->addWidget(m_noLayersLabel);
    m_tableStates->addWidget(m_table);

    m_freezeUpToButton = new QPushButton(area);
    m_freezeAllButton = new QPushButton(area);
    m_fineTuneButton = new QPushButton(area);
    m_unfreezeButton = new QPushButton(area);
    connect(m_freezeUpToButton, &QPushButton::clicked, this, &ModelPage::freezeUpToSelectedRow);
    connect(m_freezeAllButton, &QPushButton::clicked, m_layers, &LayerTableModel::freezeAll);
    connect(m_fineTuneButton, &QPushButton::clicked, m_layers, &LayerTableModel::fineTuneLastBlock);
    connect(m_unfreezeButton, &QPushButton::clicked, m_layers, &LayerTableModel::unfreezeAll);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_freezeUpToButton);
    buttons->addStretch();
    buttons->addWidget(m_freezeAllButton);
    buttons->addWidget(m_fineTuneButton);
    buttons->addWidget(m_unfreezeButton);

    // Keras prints its totals in a fixed-width font; so do we, so the digits line up.
    m_summary = new QLabel(area);
    m_summary->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setObjectName(QStringLiteral("paramSummary"));

    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_layersHeading);
    layout->addWidget(m_tableStates, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    return area;
}

ModelSettings ModelPage::modelSettings() const {
    ModelSettings settings;
    settings.backbone = m_backbone->currentData().toString();
    settings.imageSize = m_imageSize->value();
    settings.dropout = m_dropout->value();
    return settings;
}

void ModelPage::setModelSettings(const ModelSettings& settings) {
    const int backbone = m_backbone->findData(settings.backbone);
    if (backbone >= 0) m_backbone->setCurrentIndex(backbone);
    m_imageSize->setValue(settings.imageSize);
    m_dropout->setValue(settings.dropout);
}

QString ModelPage::summaryText() const { return m_summary->text(); }

void ModelPage::setLayers(const std::vector<tlw::LayerInfo>& layers) { m_layers->setLayers(layers); }

void ModelPage::setWeightsStatus(const WeightsStatus& status) {
    m_weights = status;
    updateWeightsPanel();
}

void ModelPage::freezeUpToSelectedRow() {
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid()) m_layers->freezeUpTo(current.row());
}

void ModelPage::showLayerContextMenu(const QPoint& position) {
    const QModelIndex index = m_table->indexAt(position);
    QMenu menu(this);
    if (index.isValid()) {
        const int row = index.row();
        menu.addAction(tr("Freeze Up to This Layer (fine_tune_at = %1)").arg(row + 1), this,
                       [this, row] { m_layers->freezeUpTo(row); });
        menu.addSeparator();
    }
    menu.addAction(m_freezeAllButton->text(), m_layers, &LayerTableModel::freezeAll);
    menu.addAction(m_fineTuneButton->text(), m_layers, &LayerTableModel::fineTuneLastBlock);
    menu.addAction(m_unfreezeButton->text(), m_layers, &LayerTableModel::unfreezeAll);
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void ModelPage::updateSummary() {
    const bool hasLayers = m_layers->rowCount() > 0;
    m_summary->setText(hasLayers ? LayerTableModel::kerasSummaryText(m_layers->totals()) : QString());
    m_summary->setVisible(hasLayers);
    for (QPushButton* button : {m_freezeUpToButton, m_freezeAllButton, m_fineTuneButton, m_unfreezeButton})
        button->setEnabled(hasLayers);
}

void ModelPage::updateWeightsPanel() {
    using State = WeightsStatus::State;
    const QString path = QDir::toNativeSeparators(m_weights.path);
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString headline;
    switch (m_weights.state) {
        case State::Unknown:
            headline = tr("Pretrained weights have not been looked for yet.");
            break;
        case State::Found:
            icon = QStyle::SP_DialogApplyButton;
            headline = tr("ImageNet weights found: %1").arg(path);
            break;
        case State::Missing:
            icon = QStyle::SP_MessageBoxWarning;
            headline = tr("No ImageNet weights for this backbone on this computer.");
            break;
        case State::Downloading:
            icon = QStyle::SP_ArrowDown;
            headline = tr("Downloading ImageNet weights to %1…").arg(path);
            break;
        case State::NotPretrained:
            icon = QStyle::SP_MessageBoxWarning;
            headline = tr("Not pretrained: training starts from random weights, which needs far more data.");
            break;
    }
    QString detail = m_weights.detail;
    if (m_weights.state == State::Missing && detail.isEmpty())
        detail =
            tr("Put the Keras .h5 file in ~/.keras/models/ or in the folder named by TLW_WEIGHTS_DIR, "
               "locate it, or download it.");
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize);
    m_weightsIcon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    m_weightsHeadline->setText(headline);
    m_weightsDetail->setText(detail);
    m_weightsDetail->setVisible(!detail.isEmpty());
    m_weightsProgress->setVisible(m_weights.state == State::Downloading);
    m_weightsProgress->setRange(0, m_weights.progressPercent < 0 ? 0 : 100);
    m_weightsProgress->setValue(std::max(0, m_weights.progressPercent));
    m_downloadButton->setEnabled(m_weights.state == State::Missing ||
                                 m_weights.state == State::NotPretrained);
}

void ModelPage::retranslateUi() {
    setHeader(tr("Model"),
              tr("A pretrained backbone for transfer learning: choose it, then decide which layers "
                 "training may change."));
    m_backboneLabel->setText(tr("&Backbone:"));
    m_backbone->setToolTip(
        tr("The pretrained convolutional base (Keras: <code>tf.keras.applications</code>)"));
    m_imageSizeLabel->setText(tr("Image size:"));
    m_imageSize->setSuffix(tr(" px"));
    m_imageSize->setToolTip(
        tr("Images are resized to this square size; output shapes in the table follow it "
           "(Keras: <code>input_shape</code>)"));
    m_dropoutLabel->setText(tr("Head dropout:"));
    m_dropout->setToolTip(tr("Dropout before the new classifier layer (Keras: <code>Dropout(0.2)</code>)"));
    m_locateButton->setText(tr("Locate Weights File…"));
    m_downloadButton->setText(tr("Download"));
    m_layersHeading->setText(tr("Layers"));
    m_noLayersLabel->setText(tr("The layer list appears here once the backbone is built."));
    m_freezeUpToButton->setText(tr("Freeze Up to Selected Layer"));
    m_freezeUpToButton->setToolTip(
        tr("Freezes the selected layer and every layer above it, and unfreezes the rest "
           "(Keras: <code>fine_tune_at</code>)"));
    m_freezeAllButton->setText(tr("Feature Extraction: Freeze All"));
    m_freezeAllButton->setToolTip(
        tr("Trains only the new classifier head (Keras: <code>base_model.trainable = False</code>)"));
    m_fineTuneButton->setText(tr("Fine-Tune Last Block"));
    m_fineTuneButton->setToolTip(
        tr("Unfreezes the last convolutional block (block5 of VGG16) and freezes the rest"));
    m_unfreezeButton->setText(tr("Unfreeze All"));
    updateWeightsPanel();
    updateSummary();
}

}  // namespace tlw::ui
