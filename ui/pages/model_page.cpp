#include "ui/pages/model_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <optional>

#include "core/models/backbone.h"
#include "core/models/head_params.h"
#include "ui/item_models/layer_table_model.h"
#include "ui/widgets/fine_tune_preset_button.h"

namespace tlw::ui {

namespace {
constexpr int kTopImageSize = 224;  // the only size Keras's ImageNet top accepts

// Proper names, the same in every language; widths as Keras's model names have them (mobilenet_0.25_224).
QString backboneLabel(tlw::BackboneKind kind) {
    const std::string id = tlw::backboneId(kind);
    if (const std::optional<double> alpha = tlw::backboneAlpha(kind)) {
        const bool v2 = id.rfind("mobilenet_v2", 0) == 0;
        return QStringLiteral("%1 %2")
            .arg(v2 ? QStringLiteral("MobileNetV2") : QStringLiteral("MobileNet"))
            .arg(*alpha, 0, 'f', 2);
    }
    if (kind == tlw::BackboneKind::SqueezeNet11) return QStringLiteral("SqueezeNet 1.1");
    return QString::fromStdString(tlw::backboneDisplayName(kind));  // VGG16, ResNet50
}
}  // namespace

ModelPage::ModelPage(QWidget* parent)
    : Page(parent), m_layers(new LayerTableModel(this)), m_headLayers(new LayerTableModel(this)) {
    m_headLayers->setCheckable(false);
    setObjectName(QStringLiteral("modelPage"));
    contentLayout()->addWidget(createSettingsRow());
    contentLayout()->addWidget(createWeightsPanel());
    contentLayout()->addWidget(createLayerArea(), 1);

    connect(m_layers, &LayerTableModel::freezeChanged, this, [this](const std::vector<bool>& trainable) {
        updateSummary();
        emit freezeChanged(trainable);
        emit modelSettingsChanged(modelSettings());
    });
    connect(m_layers, &QAbstractItemModel::modelReset, this, [this] {
        m_tableStates->setCurrentIndex(m_layers->rowCount() > 0 ? 1 : 0);
        updateSummary();
    });
    retranslateUi();
    updateTopControls();
    updateSummary();
}

QWidget* ModelPage::createSettingsRow() {
    auto* row = new QWidget(this);
    m_backboneLabel = new QLabel(row);
    m_backbone = new QComboBox(row);
    m_backbone->setObjectName(QStringLiteral("backboneBox"));
    // The data is core's backbone id.
    for (const tlw::BackboneKind kind : tlw::allBackbones())
        m_backbone->addItem(backboneLabel(kind), QString::fromStdString(tlw::backboneId(kind)));
    m_imageSizeLabel = new QLabel(row);
    m_imageSize = new QSpinBox(row);
    m_imageSize->setObjectName(QStringLiteral("imageSizeBox"));
    m_imageSize->setRange(32, 512);
    m_imageSize->setSingleStep(16);
    m_imageSize->setValue(ModelSettings{}.imageSize);
    // Rebuild the table once editing settles, not for every digit typed.
    m_imageSize->setKeyboardTracking(false);
    m_includeTop = new QCheckBox(row);
    m_includeTop->setObjectName(QStringLiteral("includeTopBox"));
    m_dropoutLabel = new QLabel(row);
    m_dropout = new QDoubleSpinBox(row);
    m_dropout->setRange(0.0, 0.9);
    m_dropout->setSingleStep(0.05);
    m_dropout->setDecimals(2);
    m_dropout->setValue(ModelSettings{}.dropout);
    m_backboneLabel->setBuddy(m_backbone);
    m_imageSizeLabel->setBuddy(m_imageSize);
    m_dropoutLabel->setBuddy(m_dropout);
    m_normalize = new QCheckBox(row);
    m_normalize->setObjectName(QStringLiteral("normalizeFeaturesBox"));
    m_normalize->setChecked(ModelSettings{}.normalizeFeatures);
    m_batchNormUpdates = new QCheckBox(row);
    m_batchNormUpdates->setObjectName(QStringLiteral("batchNormUpdatesBox"));
    m_batchNormUpdates->setChecked(ModelSettings{}.updateBatchNormStatistics);
    m_notPretrainedBadge = new QLabel(row);
    m_notPretrainedBadge->setObjectName(QStringLiteral("notPretrainedBadge"));
    m_notPretrainedBadge->setStyleSheet(
        QStringLiteral("QLabel { background: #e8710a; color: white; font-weight: bold; border-radius: 9px; "
                       "padding: 2px 10px; }"));
    m_notPretrainedBadge->hide();

    connect(m_backbone, &QComboBox::currentIndexChanged, this, [this] {
        updateTopControls();
        onArchitectureEdited();
    });
    connect(m_imageSize, &QSpinBox::valueChanged, this, &ModelPage::onArchitectureEdited);
    connect(m_includeTop, &QCheckBox::toggled, this, [this](bool on) {
        const QSignalBlocker block(m_imageSize);
        if (on) {
            m_sizeBeforeTop = m_imageSize->value();
            m_imageSize->setValue(kTopImageSize);
        } else {
            m_imageSize->setValue(m_sizeBeforeTop);
        }
        updateTopControls();
        onArchitectureEdited();
    });
    connect(m_dropout, &QDoubleSpinBox::valueChanged, this, [this] {
        updateHeadLayers();  // a Dropout row comes or goes
        emit modelSettingsChanged(modelSettings());
    });
    connect(m_normalize, &QCheckBox::toggled, this, [this] {
        updateSummary();  // the Normalization's statistics count in the whole model's totals
        emit modelSettingsChanged(modelSettings());
    });
    connect(m_batchNormUpdates, &QCheckBox::toggled, this,
            [this] { emit modelSettingsChanged(modelSettings()); });

    // Two lines: the backbone's own options (the BatchNorm one of MobileNet and ResNet50) go below, so the
    // first line fits a 1366-pixel screen in every language.
    auto* lines = new QVBoxLayout(row);
    lines->setContentsMargins(0, 0, 0, 0);
    lines->setSpacing(4);
    auto* layout = new QHBoxLayout;
    layout->setSpacing(8);
    lines->addLayout(layout);
    layout->addWidget(m_backboneLabel);
    layout->addWidget(m_backbone);
    layout->addSpacing(16);
    layout->addWidget(m_imageSizeLabel);
    layout->addWidget(m_imageSize);
    layout->addWidget(m_includeTop);
    layout->addSpacing(16);
    layout->addWidget(m_dropoutLabel);
    layout->addWidget(m_dropout);
    layout->addWidget(m_normalize);
    layout->addStretch();
    layout->addWidget(m_notPretrainedBadge);
    auto* backboneOptions = new QHBoxLayout;
    backboneOptions->addWidget(m_batchNormUpdates);
    backboneOptions->addStretch();
    lines->addLayout(backboneOptions);
    return row;
}

QWidget* ModelPage::createWeightsPanel() {
    m_weightsPanel = new WeightsPanel(this);
    connect(m_weightsPanel, &WeightsPanel::chooseRequested, this, &ModelPage::locateWeightsRequested);
    connect(m_weightsPanel, &WeightsPanel::downloadRequested, this, &ModelPage::downloadWeightsRequested);
    connect(m_weightsPanel, &WeightsPanel::cancelDownloadRequested, this,
            &ModelPage::cancelDownloadRequested);
    connect(m_weightsPanel, &WeightsPanel::continueWithoutRequested, this,
            &ModelPage::continueWithoutWeightsRequested);
    connect(m_weightsPanel, &WeightsPanel::descriptionChanged, this, &ModelPage::weightsDescriptionChanged);
    return m_weightsPanel;
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
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);  // alignHeadColumns() sizes them
    m_table->horizontalHeader()->setSectionResizeMode(LayerTableModel::NameColumn, QHeaderView::Stretch);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, &ModelPage::showLayerContextMenu);
    m_tableStates->addWidget(m_noLayersLabel);
    m_tableStates->addWidget(m_table);
    m_headHeading = new QLabel(area);
    m_headHeading->setObjectName(QStringLiteral("headHeading"));
    m_headTable = createHeadTable(area);

    m_freezeUpToButton = new QPushButton(area);
    m_freezeAllButton = new QPushButton(area);
    m_freezeUpToButton->setObjectName(QStringLiteral("trainFromSelectedButton"));
    m_fineTuneButton = new FineTunePresetButton(area);
    m_unfreezeButton = new QPushButton(area);
    connect(m_freezeUpToButton, &QPushButton::clicked, this, &ModelPage::freezeUpToSelectedRow);
    connect(m_freezeAllButton, &QPushButton::clicked, m_layers, &LayerTableModel::freezeAll);
    connect(m_fineTuneButton, &FineTunePresetButton::presetChosen, this, &ModelPage::fineTuneFrom);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ModelPage::updateTrainFromButton);
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
    // The tutorial prints both: the base's summary() and, after adding the head, the whole model's.
    m_wholeSummary = new QLabel(area);
    m_wholeSummary->setFont(m_summary->font());
    m_wholeSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_wholeSummary->setObjectName(QStringLiteral("wholeModelSummary"));
    auto* summaries = new QHBoxLayout;
    summaries->setSpacing(48);
    summaries->addWidget(m_summary);
    summaries->addWidget(m_wholeSummary);
    summaries->addStretch();

    // Frozen layers at random weights learn nothing and teach the head nothing: say so where it shows.
    m_randomFrozenWarning = new QLabel(area);
    m_randomFrozenWarning->setObjectName(QStringLiteral("randomFrozenWarning"));
    m_randomFrozenWarning->setWordWrap(true);
    m_randomFrozenWarning->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_randomFrozenWarning->hide();
    connect(m_randomFrozenWarning, &QLabel::linkActivated, m_layers, &LayerTableModel::unfreezeAll);

    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_layersHeading);
    layout->addWidget(m_tableStates, 1);
    layout->addWidget(m_headHeading);
    layout->addWidget(m_headTable);
    layout->addLayout(buttons);
    layout->addLayout(summaries);
    layout->addWidget(m_randomFrozenWarning);
    return area;
}

int ModelPage::fineTunePreset(const QString& backbone, bool includeTop) {
    return tlw::fineTunePreset(tlw::parseBackboneKind(backbone.toStdString()), includeTop);
}

ModelSettings ModelPage::modelSettings() const {
    ModelSettings settings;
    settings.backbone = m_backbone->currentData().toString();
    settings.imageSize = m_imageSize->value();
    settings.includeTop = m_includeTop->isChecked();
    settings.dropout = m_dropout->value();
    settings.normalizeFeatures = m_normalize->isChecked();
    settings.updateBatchNormStatistics = m_batchNormUpdates->isChecked();
    settings.trainable = m_layers->trainableFlags();
    settings.frozenPrefix = m_layers->rowCount() > 0 ? m_layers->frozenPrefix() : -1;
    settings.weightsFile = m_weightsFile;
    settings.pretrained = weightsStatus().state != WeightsStatus::State::NotPretrained;
    return settings;
}

void ModelPage::setModelSettings(const ModelSettings& settings) {
    const QSignalBlocker blockBackbone(m_backbone);
    const QSignalBlocker blockSize(m_imageSize);
    const QSignalBlocker blockTop(m_includeTop);
    const QSignalBlocker blockDropout(m_dropout);
    const QSignalBlocker blockNormalize(m_normalize);
    const QSignalBlocker blockBatchNorm(m_batchNormUpdates);
    const int backbone = m_backbone->findData(settings.backbone);
    if (backbone >= 0) m_backbone->setCurrentIndex(backbone);
    m_includeTop->setChecked(settings.includeTop && settings.backbone == QLatin1String("vgg16"));
    m_imageSize->setValue(m_includeTop->isChecked() ? kTopImageSize : settings.imageSize);
    m_sizeBeforeTop = settings.imageSize;
    m_dropout->setValue(settings.dropout);
    m_normalize->setChecked(settings.normalizeFeatures);
    m_batchNormUpdates->setChecked(settings.updateBatchNormStatistics);
    m_weightsFile = settings.weightsFile;
    updateTopControls();
    retranslateUi();
}

void ModelPage::onArchitectureEdited() {
    retranslateUi();  // the preset's name follows the backbone
    emit architectureChanged(modelSettings());
    emit modelSettingsChanged(modelSettings());
}

void ModelPage::updateTopControls() {
    const bool hasTop = m_backbone->currentData().toString() == QLatin1String("vgg16");
    if (!hasTop && m_includeTop->isChecked()) {
        const QSignalBlocker block(m_includeTop);
        m_includeTop->setChecked(false);
        const QSignalBlocker blockSize(m_imageSize);
        m_imageSize->setValue(m_sizeBeforeTop);
    }
    m_includeTop->setEnabled(hasTop);
    m_imageSize->setEnabled(!m_includeTop->isChecked());
    // MobileNet and ResNet50 have BatchNormalization layers; VGG16 and SqueezeNet none.
    m_batchNormUpdates->setVisible(tlw::backboneHasBatchNorm(
        tlw::parseBackboneKind(m_backbone->currentData().toString().toStdString())));
}

QString ModelPage::backboneName() const { return m_backbone->currentText(); }

QString ModelPage::summaryText() const { return m_summary->text(); }
QString ModelPage::weightsHeadline() const { return m_weightsPanel->headline(); }
QString ModelPage::weightsDetail() const { return m_weightsPanel->detail(); }
bool ModelPage::notPretrainedBadgeVisible() const { return !m_notPretrainedBadge->isHidden(); }

QString ModelPage::weightsDescription() const { return m_weightsPanel->description(); }

void ModelPage::setLayers(const std::vector<tlw::LayerInfo>& layers) { m_layers->setLayers(layers); }

void ModelPage::setWeightsStatus(const WeightsStatus& status) {
    m_weightsPanel->setStatus(status);
    m_notPretrainedBadge->setVisible(status.state == WeightsStatus::State::NotPretrained);
    updateRandomFrozenWarning();
}

bool ModelPage::randomFrozenWarningVisible() const { return !m_randomFrozenWarning->isHidden(); }

void ModelPage::setChosenWeightsFile(const QString& path) { m_weightsFile = path; }

void ModelPage::freezeUpToSelectedRow() {
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid()) trainFromRow(current.row());
}

void ModelPage::trainFromRow(int row) {
    if (row == 0)
        m_layers->unfreezeAll();  // fine_tune_at = 0: nothing frozen
    else
        m_layers->freezeUpTo(row - 1);
}

void ModelPage::applyFineTunePreset() {
    fineTuneFrom(QString::fromStdString(tlw::fineTunePresetLayer(
        tlw::parseBackboneKind(m_backbone->currentData().toString().toStdString()))));
}

void ModelPage::fineTuneFrom(const QString& layer) {
    const std::string start = layer.toStdString();
    if (!m_layers->fineTuneFrom(start)) return;
    // Show where training starts: the first trainable rows are what the preset changed.
    m_table->scrollTo(m_layers->index(m_layers->rowOf(start), 0), QAbstractItemView::PositionAtCenter);
}

QStringList ModelPage::fineTunePresetTexts() const { return m_fineTuneButton->presetTexts(); }

void ModelPage::updateTrainFromButton() {
    const QModelIndex current = m_table->currentIndex();
    m_freezeUpToButton->setText(
        current.isValid() ? tr("Train From Selected Layer On (fine_tune_at = %1)").arg(current.row())
                          : tr("Train From Selected Layer On"));
    m_freezeUpToButton->setEnabled(current.isValid());
}

void ModelPage::updateRandomFrozenWarning() {
    bool frozenBase = false;
    for (const tlw::LayerInfo& layer : m_layers->layers())
        frozenBase = frozenBase || (!layer.trainable && layer.params > 0);
    const bool random = m_weightsPanel->status().state == WeightsStatus::State::NotPretrained;
    m_randomFrozenWarning->setVisible(random && frozenBase);
}

void ModelPage::showLayerContextMenu(const QPoint& position) {
    const QModelIndex index = m_table->indexAt(position);
    QMenu menu(this);
    if (index.isValid()) {
        const int row = index.row();
        menu.addAction(tr("Train From This Layer On (fine_tune_at = %1)").arg(row), this,
                       [this, row] { trainFromRow(row); });
        menu.addAction(tr("Freeze Up to and Including This Layer (fine_tune_at = %1)").arg(row + 1), this,
                       [this, row] { m_layers->freezeUpTo(row); });
        menu.addSeparator();
    }
    menu.addAction(m_freezeAllButton->text(), m_layers, &LayerTableModel::freezeAll);
    QMenu* presets = menu.addMenu(tr("Fine-Tuning Presets"));
    presets->addActions(m_fineTuneButton->menu()->actions());
    menu.addAction(m_unfreezeButton->text(), m_layers, &LayerTableModel::unfreezeAll);
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void ModelPage::setClassCount(int classes) {
    m_classCount = classes;
    updateSummary();
}

QString ModelPage::wholeModelSummaryText() const { return m_wholeSummary->text(); }

// The head's rows sit under the base's, in the same columns at the same widths, as one model.summary().
QTableView* ModelPage::createHeadTable(QWidget* parent) {
    auto* table = new QTableView(parent);
    table->setObjectName(QStringLiteral("headLayerTable"));
    table->setModel(m_headLayers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->verticalHeader()->hide();
    table->horizontalHeader()->hide();
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, table,
            [table](int section, int, int width) { table->setColumnWidth(section, width); });
    return table;
}

namespace {
// QTableView hides the width its cells need; QAbstractItemView's says it.
int contentWidth(const QAbstractItemView* view, int column) { return view->sizeHintForColumn(column); }
}  // namespace

// Both tables' columns as wide as the wider of the two needs ("GlobalAveragePooling2D" is longer than any
// base type); the name column stretches in the base table and the head's follows it.
void ModelPage::alignHeadColumns() {
    QHeaderView* header = m_table->horizontalHeader();
    for (int column = 0; column < LayerTableModel::ColumnCount; ++column) {
        if (column == LayerTableModel::NameColumn) continue;
        const int width = std::max({header->sectionSizeHint(column), contentWidth(m_table, column),
                                    contentWidth(m_headTable, column)});
        header->resizeSection(column, width);
        m_headTable->setColumnWidth(column, width);
    }
    m_headTable->setColumnWidth(LayerTableModel::NameColumn,
                                m_table->columnWidth(LayerTableModel::NameColumn));
}

tlw::HeadSpec ModelPage::headSpec() const {
    tlw::HeadSpec head;
    head.classCount = m_classCount;
    head.imageNetTop = m_includeTop->isChecked();
    head.normalizeFeatures = m_normalize->isChecked();
    head.dropout = m_dropout->value();
    return head;
}

QString ModelPage::wholeModelSummary() const {
    if (m_classCount < 2) return tr("With the head:\ncounted once a dataset\nis open");
    return tr("With the head (%1 classes):").arg(m_classCount) + QLatin1Char('\n') +
           LayerTableModel::kerasSummaryText(tlw::wholeModelParamTotals(m_layers->layers(), headSpec()));
}

void ModelPage::updateHeadLayers() {
    const bool known = m_classCount >= 2 && m_layers->rowCount() > 0;
    m_headLayers->setLayers(known ? tlw::headLayers(m_layers->layers(), headSpec())
                                  : std::vector<tlw::LayerInfo>{});
    alignHeadColumns();
    const int rows = m_headLayers->rowCount();
    m_headTable->setFixedHeight(rows * m_headTable->verticalHeader()->defaultSectionSize() +
                                2 * m_headTable->frameWidth());
    m_headTable->setVisible(rows > 0);
    m_headHeading->setVisible(m_layers->rowCount() > 0);
    m_headHeading->setText(
        known ? tr("New head, added after the base (always trained):")
              : tr("New head: listed once a dataset is open (its classes set the last layer)."));
}

void ModelPage::updateSummary() {
    const bool hasLayers = m_layers->rowCount() > 0;
    m_summary->setText(hasLayers ? LayerTableModel::kerasSummaryText(m_layers->totals()) : QString());
    m_summary->setVisible(hasLayers);
    m_wholeSummary->setText(hasLayers ? wholeModelSummary() : QString());
    updateHeadLayers();
    m_wholeSummary->setVisible(hasLayers);
    for (QPushButton* button : {m_freezeAllButton, m_unfreezeButton}) button->setEnabled(hasLayers);
    m_fineTuneButton->setEnabled(hasLayers && !m_fineTuneButton->presetTexts().isEmpty());
    updateTrainFromButton();
    updateRandomFrozenWarning();
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
    m_includeTop->setText(tr("Include ImageNet top"));
    m_includeTop->setToolTip(
        tr("Keep VGG16's ImageNet classifier (fully connected layers, 224 px only) and replace its last "
           "layer (Keras: <code>include_top=True</code>)"));
    m_dropoutLabel->setText(tr("Head dropout:"));
    m_dropout->setToolTip(tr("Dropout before the new classifier layer (Keras: <code>Dropout(0.2)</code>)"));
    m_normalize->setText(tr("Normalize features"));
    m_normalize->setToolTip(
        tr("Standardize the pooled features before the new classifier layer, with statistics of the "
           "training images taken before the first epoch (Keras: <code>Normalization()</code> and "
           "<code>adapt()</code>). Usually more accurate and more stable; off gives exactly "
           "<code>GlobalAveragePooling2D</code>, <code>Dropout</code>, <code>Dense</code> as in the Keras "
           "tutorial."));
    m_batchNormUpdates->setText(tr("Update BatchNorm statistics"));
    m_batchNormUpdates->setToolTip(tr(
        "Off (recommended): every <code>BatchNormalization</code> layer keeps ImageNet's moving mean "
        "and variance, as Keras's transfer-learning guide calls the base with <code>training=False</code>; "
        "trainable ones still learn their scale and offset. On: trainable <code>BatchNormalization</code> "
        "layers normalize by each batch and update their statistics, which small batches of new images "
        "can ruin. Frozen layers never update."));
    m_notPretrainedBadge->setText(tr("Not pretrained"));
    m_notPretrainedBadge->setToolTip(tr("Training starts from random weights, not from ImageNet's"));
    m_layersHeading->setText(tr("Layers"));
    m_noLayersLabel->setText(tr("The layer list appears here once the backbone is built."));
    m_freezeUpToButton->setToolTip(
        tr("The selected layer and every layer after it train; the layers above it stay frozen (Keras: "
           "<code>for layer in base_model.layers[:fine_tune_at]: layer.trainable = False</code>)"));
    m_freezeAllButton->setText(tr("Feature Extraction: Freeze All"));
    m_freezeAllButton->setToolTip(
        tr("Trains only the new classifier head (Keras: <code>base_model.trainable = False</code>)"));
    m_fineTuneButton->setBackbone(m_backbone->currentData().toString(), m_includeTop->isChecked());
    m_randomFrozenWarning->setText(
        tr("Frozen layers keep their random weights: without pretrained weights they learn nothing. "
           "<a href=\"unfreeze\">Unfreeze all layers</a>"));
    m_unfreezeButton->setText(tr("Unfreeze All"));
    m_weightsPanel->setBackboneName(backboneName());  // its texts name the backbone
    updateSummary();
}

}  // namespace tlw::ui
