#include "ui/widgets/training_settings_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/adapters/paths.h"

namespace tlw::ui {

namespace {
void setFormLabel(QFormLayout* form, QWidget* field, const QString& text) {
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(field))) label->setText(text);
}

void selectData(QComboBox* box, const QString& data) {
    const int index = box->findData(data);
    box->setCurrentIndex(index >= 0 ? index : 0);
}

// Info: worth knowing, the run goes ahead. Warning: the run goes ahead, but probably not as meant. Error:
// the run cannot start (validationErrors() says the same).
enum class NoteKind { Info, Warning, Error };

void showNote(QLabel* note, const QString& text, NoteKind kind) {
    note->setText(text);
    note->setVisible(!text.isEmpty());
    QPalette palette = note->parentWidget()->palette();
    if (kind == NoteKind::Error) palette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    if (kind == NoteKind::Warning) palette.setColor(QPalette::WindowText, QColor(0x8a, 0x4b, 0x00));
    note->setPalette(palette);
    note->setForegroundRole(kind == NoteKind::Info ? QPalette::PlaceholderText : QPalette::WindowText);
}
}  // namespace

TrainingSettingsForm::TrainingSettingsForm(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createOptimisationGroup());
    layout->addWidget(createCallbackGroup());
    layout->addWidget(createAugmentationGroup());
    layout->addWidget(createFineTuneGroup());
    layout->addWidget(createPerformanceGroup());
    layout->addWidget(createOutputGroup());
    setSettings(tlw::TrainingConfig{});  // core's defaults: one default per setting
    retranslateUi();
}

QFormLayout* TrainingSettingsForm::addForm(QGroupBox* group) {
    auto* form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    return form;
}

// Labels are created empty and named in retranslateUi(); an empty text in addRow() would create none.
void TrainingSettingsForm::addRow(QFormLayout* form, QWidget* field) {
    auto* label = new QLabel(field->parentWidget());
    label->setBuddy(field);
    form->addRow(label, field);
}

QLabel* TrainingSettingsForm::addNote(QFormLayout* form) {
    auto* note = new QLabel(form->parentWidget());
    note->setWordWrap(true);
    note->setVisible(false);
    form->addRow(note);
    return note;
}

// A Keras factor (RandomRotation(0.2)): 0 shows "Off", as 0 turns the transform off.
QDoubleSpinBox* TrainingSettingsForm::makeFactorBox(QWidget* parent, double maximum) {
    auto* box = new QDoubleSpinBox(parent);
    box->setDecimals(2);
    box->setRange(0.0, maximum);
    box->setSingleStep(0.05);
    connect(box, &QDoubleSpinBox::valueChanged, this, &TrainingSettingsForm::updateStates);
    return box;
}

QGroupBox* TrainingSettingsForm::createOptimisationGroup() {
    m_optimisationGroup = new QGroupBox(this);
    m_optimisationForm = addForm(m_optimisationGroup);
    m_headSolver = new QComboBox(m_optimisationGroup);
    m_headSolver->setObjectName(QStringLiteral("headSolverBox"));
    m_headSolver->addItem(QString(), QString::fromStdString(tlw::headSolverId(tlw::HeadSolver::Exact)));
    m_headSolver->addItem(QString(), QString::fromStdString(tlw::headSolverId(tlw::HeadSolver::Adam)));
    m_epochs = new QSpinBox(m_optimisationGroup);
    m_epochs->setObjectName(QStringLiteral("epochsBox"));
    m_epochs->setRange(1, 10000);
    m_batchSize = new QSpinBox(m_optimisationGroup);
    m_batchSize->setObjectName(QStringLiteral("batchSizeBox"));
    m_batchSize->setRange(1, 4096);
    m_learningRate = new QDoubleSpinBox(m_optimisationGroup);
    m_learningRate->setDecimals(6);
    m_learningRate->setRange(0.000001, 1.0);
    m_learningRate->setSingleStep(0.0001);
    m_optimizer = new QComboBox(m_optimisationGroup);
    // Optimizer names are the ones in every framework's documentation; not translated.
    m_optimizer->addItem(QStringLiteral("Adam"), QStringLiteral("adam"));
    m_optimizer->addItem(QStringLiteral("SGD"), QStringLiteral("sgd"));
    m_momentum = new QDoubleSpinBox(m_optimisationGroup);
    m_momentum->setDecimals(3);
    m_momentum->setRange(0.0, 0.999);
    m_momentum->setSingleStep(0.05);
    m_classWeights = new QComboBox(m_optimisationGroup);
    m_classWeights->addItem(QString(), false);
    m_classWeights->addItem(QString(), true);
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, &TrainingSettingsForm::updateStates);
    // The notes under the patience and the fine-tuning rate compare with these.
    connect(m_epochs, &QSpinBox::valueChanged, this, &TrainingSettingsForm::updateStates);
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this, &TrainingSettingsForm::updateStates);
    for (QWidget* field : std::initializer_list<QWidget*>{m_headSolver, m_epochs, m_batchSize, m_learningRate,
                                                          m_optimizer, m_momentum, m_classWeights})
        addRow(m_optimisationForm, field);
    return m_optimisationGroup;
}

QGroupBox* TrainingSettingsForm::createCallbackGroup() {
    m_callbackGroup = new QGroupBox(this);
    m_callbackForm = addForm(m_callbackGroup);
    m_earlyStopping = new QCheckBox(m_callbackGroup);
    m_monitor = new QComboBox(m_callbackGroup);
    // Keras's metric names, as users type them in monitor=; identifiers, not translated.
    m_monitor->addItem(QStringLiteral("val_loss"), QStringLiteral("val_loss"));
    m_monitor->addItem(QStringLiteral("val_accuracy"), QStringLiteral("val_accuracy"));
    m_patience = new QSpinBox(m_callbackGroup);
    m_patience->setRange(1, 1000);
    m_minDelta = new QDoubleSpinBox(m_callbackGroup);
    m_minDelta->setDecimals(4);
    m_minDelta->setRange(0.0, 1.0);
    m_minDelta->setSingleStep(0.001);
    m_reduceLr = new QCheckBox(m_callbackGroup);
    m_keptWeights = new QComboBox(m_callbackGroup);
    m_keptWeights->setObjectName(QStringLiteral("keptWeightsBox"));
    m_keptWeights->addItem(QString(), QString::fromStdString(tlw::keptWeightsId(tlw::KeptWeights::Best)));
    m_keptWeights->addItem(QString(), QString::fromStdString(tlw::keptWeightsId(tlw::KeptWeights::Last)));
    connect(m_earlyStopping, &QCheckBox::toggled, this, &TrainingSettingsForm::updateStates);
    connect(m_reduceLr, &QCheckBox::toggled, this, &TrainingSettingsForm::updateStates);
    connect(m_monitor, &QComboBox::currentIndexChanged, this, &TrainingSettingsForm::updateStates);
    connect(m_patience, &QSpinBox::valueChanged, this, &TrainingSettingsForm::updateStates);
    connect(m_keptWeights, &QComboBox::currentIndexChanged, this, &TrainingSettingsForm::updateStates);
    m_callbackForm->addRow(m_earlyStopping);
    addRow(m_callbackForm, m_monitor);
    addRow(m_callbackForm, m_patience);
    m_patienceNote = addNote(m_callbackForm);
    m_patienceNote->setObjectName(QStringLiteral("patienceNote"));
    addRow(m_callbackForm, m_minDelta);
    m_callbackForm->addRow(m_reduceLr);
    addRow(m_callbackForm, m_keptWeights);
    return m_callbackGroup;
}

QGroupBox* TrainingSettingsForm::createAugmentationGroup() {
    m_augmentationGroup = new QGroupBox(this);
    m_augmentationForm = addForm(m_augmentationGroup);
    m_flip = new QCheckBox(m_augmentationGroup);
    m_flip->setObjectName(QStringLiteral("flipBox"));
    connect(m_flip, &QCheckBox::toggled, this, &TrainingSettingsForm::updateStates);
    m_rotation = makeFactorBox(m_augmentationGroup, 0.5);
    m_zoom = makeFactorBox(m_augmentationGroup, 0.9);
    m_translation = makeFactorBox(m_augmentationGroup, 0.5);
    m_contrast = makeFactorBox(m_augmentationGroup, 0.9);
    m_augmentationNote = new QLabel(m_augmentationGroup);
    m_augmentationNote->setWordWrap(true);
    m_augmentationNote->setForegroundRole(QPalette::PlaceholderText);
    m_augmentationForm->addRow(m_flip);
    for (QWidget* field : {m_rotation, m_zoom, m_translation, m_contrast}) addRow(m_augmentationForm, field);
    m_augmentationForm->addRow(m_augmentationNote);
    return m_augmentationGroup;
}

QGroupBox* TrainingSettingsForm::createFineTuneGroup() {
    m_fineTuneGroup = new QGroupBox(this);
    m_fineTuneForm = addForm(m_fineTuneGroup);
    m_fineTunePhase = new QCheckBox(m_fineTuneGroup);
    m_fineTunePhase->setObjectName(QStringLiteral("fineTunePhaseBox"));
    m_fineTuneAt = new QSpinBox(m_fineTuneGroup);
    m_fineTuneAt->setObjectName(QStringLiteral("fineTuneAtBox"));
    m_fineTuneAt->setRange(0, 1000);
    // Its own row, wrapped: layer names are long and the column must not grow with them.
    m_fineTuneLayer = new QLabel(m_fineTuneGroup);
    m_fineTuneLayer->setObjectName(QStringLiteral("fineTuneLayerLabel"));
    m_fineTuneLayer->setWordWrap(true);
    m_fineTuneLayer->setForegroundRole(QPalette::PlaceholderText);
    m_fineTuneEpochs = new QSpinBox(m_fineTuneGroup);
    m_fineTuneEpochs->setRange(1, 10000);
    m_fineTuneLearningRate = new QDoubleSpinBox(m_fineTuneGroup);
    m_fineTuneLearningRate->setDecimals(7);
    m_fineTuneLearningRate->setRange(0.0000001, 1.0);
    m_fineTuneLearningRate->setSingleStep(0.00001);
    connect(m_fineTunePhase, &QCheckBox::toggled, this, &TrainingSettingsForm::updateStates);
    connect(m_fineTuneAt, &QSpinBox::valueChanged, this, [this] {
        m_fineTuneAtChosen = true;
        updateStates();
    });
    connect(m_fineTuneEpochs, &QSpinBox::valueChanged, this, &TrainingSettingsForm::updateStates);
    connect(m_fineTuneLearningRate, &QDoubleSpinBox::valueChanged, this, &TrainingSettingsForm::updateStates);
    m_fineTuneForm->addRow(m_fineTunePhase);
    addRow(m_fineTuneForm, m_fineTuneAt);
    m_fineTuneForm->addRow(m_fineTuneLayer);
    m_fineTuneAtNote = addNote(m_fineTuneForm);
    m_fineTuneAtNote->setObjectName(QStringLiteral("fineTuneAtNote"));
    addRow(m_fineTuneForm, m_fineTuneEpochs);
    addRow(m_fineTuneForm, m_fineTuneLearningRate);
    m_fineTuneLearningRateNote = addNote(m_fineTuneForm);
    m_fineTuneLearningRateNote->setObjectName(QStringLiteral("fineTuneLearningRateNote"));
    return m_fineTuneGroup;
}

QGroupBox* TrainingSettingsForm::createPerformanceGroup() {
    m_performanceGroup = new QGroupBox(this);
    m_performanceForm = addForm(m_performanceGroup);
    m_threads = new QSpinBox(m_performanceGroup);
    m_threads->setRange(0, 256);
    m_featureCache = new QCheckBox(m_performanceGroup);
    m_precision = new QComboBox(m_performanceGroup);
    // Type names as PyTorch and NumPy spell them; not translated.
    m_precision->addItem(QString(), QStringLiteral("auto"));  // named in retranslateUi()
    m_precision->addItem(QStringLiteral("float32"), QStringLiteral("fp32"));
    m_precision->addItem(QStringLiteral("bfloat16"), QStringLiteral("bf16"));
    connect(m_featureCache, &QCheckBox::toggled, this, &TrainingSettingsForm::updateStates);
    addRow(m_performanceForm, m_threads);
    m_performanceForm->addRow(m_featureCache);
    addRow(m_performanceForm, m_precision);
    return m_performanceGroup;
}

QGroupBox* TrainingSettingsForm::createOutputGroup() {
    m_outputGroup = new QGroupBox(this);
    m_output = new QLabel(m_outputGroup);
    m_output->setObjectName(QStringLiteral("outputModelLabel"));
    m_output->setWordWrap(true);
    m_output->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chooseOutput = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this);
    m_resetOutput = new QPushButton(m_outputGroup);
    connect(m_chooseOutput, &QPushButton::clicked, this, &TrainingSettingsForm::chooseOutputModelRequested);
    connect(m_resetOutput, &QPushButton::clicked, this, [this] { setOutputModel(QString()); });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_chooseOutput);
    buttons->addWidget(m_resetOutput);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(m_outputGroup);
    layout->addWidget(m_output);
    layout->addLayout(buttons);
    return m_outputGroup;
}

tlw::TrainingConfig TrainingSettingsForm::settings() const {
    tlw::TrainingConfig s;
    s.headSolver = tlw::parseHeadSolver(m_headSolver->currentData().toString().toStdString());
    s.epochs = m_epochs->value();
    s.batchSize = m_batchSize->value();
    s.learningRate = m_learningRate->value();
    s.optimizer = tlw::parseOptimizerKind(m_optimizer->currentData().toString().toStdString());
    s.momentum = m_momentum->value();
    s.classWeighting =
        m_classWeights->currentData().toBool() ? tlw::ClassWeighting::Balanced : tlw::ClassWeighting::None;
    // Early stopping and ReduceLROnPlateau watch the same quantity on this page.
    const tlw::MonitoredMetric monitor =
        tlw::parseMonitoredMetric(m_monitor->currentData().toString().toStdString());
    s.earlyStopping.enabled = m_earlyStopping->isChecked();
    s.earlyStopping.monitor = monitor;
    s.earlyStopping.patience = m_patience->value();
    s.earlyStopping.minDelta = m_minDelta->value();
    s.reduceLr.enabled = m_reduceLr->isChecked();
    s.reduceLr.monitor = monitor;
    s.keptWeights = tlw::parseKeptWeights(m_keptWeights->currentData().toString().toStdString());
    s.augmentation.horizontalFlip = m_flip->isChecked();
    s.augmentation.rotation = m_rotation->value();
    s.augmentation.zoom = m_zoom->value();
    s.augmentation.translation = m_translation->value();
    s.augmentation.contrast = m_contrast->value();
    if (m_fineTunePhase->isChecked()) {
        tlw::FineTuneSettings fineTune;
        if (m_fineTuneAtChosen) fineTune.unfreezeFrom = m_fineTuneAt->value();  // else core's preset
        fineTune.epochs = m_fineTuneEpochs->value();
        fineTune.learningRate = m_fineTuneLearningRate->value();
        s.fineTune = fineTune;
    }
    s.threads = m_threads->value();
    s.cache.enabled = m_featureCache->isChecked();
    s.precision = tlw::parsePrecision(m_precision->currentData().toString().toStdString());
    s.outputModel = toPath(m_outputModel);
    return s;
}

void TrainingSettingsForm::setSettings(const tlw::TrainingConfig& s) {
    selectData(m_headSolver, QString::fromStdString(tlw::headSolverId(s.headSolver)));
    m_epochs->setValue(s.epochs);
    m_batchSize->setValue(s.batchSize);
    m_learningRate->setValue(s.learningRate);
    selectData(m_optimizer, QString::fromStdString(tlw::optimizerId(s.optimizer)));
    m_momentum->setValue(s.momentum);
    m_classWeights->setCurrentIndex(s.classWeighting == tlw::ClassWeighting::Balanced ? 1 : 0);
    m_earlyStopping->setChecked(s.earlyStopping.enabled);
    selectData(m_monitor, QString::fromStdString(tlw::monitoredMetricId(s.earlyStopping.monitor)));
    m_patience->setValue(s.earlyStopping.patience);
    m_minDelta->setValue(s.earlyStopping.minDelta);
    m_reduceLr->setChecked(s.reduceLr.enabled);
    selectData(m_keptWeights, QString::fromStdString(tlw::keptWeightsId(s.keptWeights)));
    m_flip->setChecked(s.augmentation.horizontalFlip);
    m_rotation->setValue(s.augmentation.rotation);
    m_zoom->setValue(s.augmentation.zoom);
    m_translation->setValue(s.augmentation.translation);
    m_contrast->setValue(s.augmentation.contrast);
    setFineTune(s.fineTune);
    m_threads->setValue(s.threads);
    m_featureCache->setChecked(s.cache.enabled);
    selectData(m_precision, QString::fromStdString(tlw::precisionId(s.precision)));
    m_outputModel = toQString(s.outputModel);
    updateStates();
    retranslateUi();
}

// Without a second phase the boxes keep core's defaults for it, ready for the user who ticks it.
void TrainingSettingsForm::setFineTune(const std::optional<tlw::FineTuneSettings>& fineTune) {
    const tlw::FineTuneSettings shown = fineTune.value_or(tlw::FineTuneSettings{});
    m_fineTunePhase->setChecked(fineTune.has_value());
    {
        const QSignalBlocker block(m_fineTuneAt);
        m_fineTuneAt->setValue(shown.unfreezeFrom.value_or(std::max(m_presetFineTuneAt, 0)));
    }
    m_fineTuneAtChosen = shown.unfreezeFrom.has_value();
    m_fineTuneEpochs->setValue(shown.epochs);
    m_fineTuneLearningRate->setValue(shown.learningRate);
}

int TrainingSettingsForm::effectiveFineTuneAt() const {
    return m_fineTuneAtChosen ? m_fineTuneAt->value() : m_presetFineTuneAt;
}

// Keras accepts a patience no phase reaches (stopping never fires) and a fine-tuning rate above the first
// one, and so does the form, saying so under the field; only a fine-tuning layer past the last one, which
// would fine-tune nothing, keeps a run from starting.
QStringList TrainingSettingsForm::validationErrors() const {
    const QString error = fineTuneAtError(settings());
    return error.isEmpty() ? QStringList() : QStringList{error};
}

QString TrainingSettingsForm::fineTuneAtError(const tlw::TrainingConfig& s) const {
    if (!s.fineTune || m_layerNames.isEmpty() || effectiveFineTuneAt() < m_layerNames.size()) return {};
    return tr("Fine-tuning from layer %1 unfreezes nothing: the base has %n layer(s).", nullptr,
              static_cast<int>(m_layerNames.size()))
        .arg(effectiveFineTuneAt());
}

QString TrainingSettingsForm::patienceNoteText(const tlw::TrainingConfig& s) const {
    const int longestPhase = std::max(s.epochs, s.fineTune ? s.fineTune->epochs : 0);
    if (!s.earlyStopping.enabled || s.earlyStopping.patience < longestPhase) return {};
    return tr(
        "No phase has more than %n epoch(s), so early stopping never fires; the run goes to its last "
        "epoch (Keras allows this too).",
        nullptr, longestPhase);
}

void TrainingSettingsForm::updateNotes() {
    const tlw::TrainingConfig s = settings();
    showNote(m_patienceNote, patienceNoteText(s), NoteKind::Info);
    showNote(m_fineTuneLearningRateNote,
             s.fineTune && s.fineTune->learningRate >= s.learningRate
                 ? tr("The fine-tuning learning rate should be lower than the first phase's (the tutorial "
                      "uses a tenth): a high rate destroys the pretrained features.")
                 : QString(),
             NoteKind::Warning);
    showNote(m_fineTuneAtNote, fineTuneAtError(s), NoteKind::Error);
}

void TrainingSettingsForm::setLayerNames(const QStringList& names, int presetFineTuneAt) {
    m_layerNames = names;
    m_presetFineTuneAt = presetFineTuneAt;
    const QSignalBlocker block(m_fineTuneAt);
    // A K chosen for another backbone means nothing for this one (checked before the range clamps it).
    const bool keepChosen = m_fineTuneAtChosen && m_fineTuneAt->value() < names.size();
    m_fineTuneAt->setRange(0, std::max(0, static_cast<int>(names.size()) - 1));
    if (!keepChosen) {
        m_fineTuneAtChosen = false;
        m_fineTuneAt->setValue(std::max(presetFineTuneAt, 0));
    }
    updateStates();
    retranslateUi();
}

void TrainingSettingsForm::setDefaultOutputFolder(const QString& folder) {
    m_defaultOutputFolder = folder;
    retranslateUi();
}

void TrainingSettingsForm::setOutputModel(const QString& file) {
    m_outputModel = file;
    updateStates();
    retranslateUi();
}

void TrainingSettingsForm::updateStates() {
    m_momentum->setEnabled(m_optimizer->currentData().toString() == QLatin1String("sgd"));
    const bool callbacks = m_earlyStopping->isChecked() || m_reduceLr->isChecked();
    const bool keepsBest = m_keptWeights->currentData().toString() ==
                           QString::fromStdString(tlw::keptWeightsId(tlw::KeptWeights::Best));
    m_monitor->setEnabled(callbacks || keepsBest);  // the monitor also picks the best epoch
    m_keptWeights->setItemText(0, tr("The best epoch by %1").arg(m_monitor->currentText()));
    m_patience->setEnabled(m_earlyStopping->isChecked());
    m_minDelta->setEnabled(m_earlyStopping->isChecked());
    const bool fineTune = m_fineTunePhase->isChecked();
    m_fineTuneAt->setEnabled(fineTune);
    m_fineTuneLayer->setEnabled(fineTune);
    m_fineTuneEpochs->setEnabled(fineTune);
    m_fineTuneLearningRate->setEnabled(fineTune);
    // The precision only applies to the frozen-prefix pass, which runs for the cache.
    m_precision->setEnabled(m_featureCache->isChecked());
    m_resetOutput->setVisible(!m_outputModel.isEmpty());
    const int k = m_fineTuneAt->value();
    m_fineTuneLayer->setText(k >= 0 && k < m_layerNames.size()
                                 ? tr("From %1 on, the layers are trained; the ones before it stay frozen.")
                                       .arg(m_layerNames.at(k))
                                 : QString());
    m_augmentationNote->setVisible(settings().augmentation.any());
    updateNotes();
}

void TrainingSettingsForm::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void TrainingSettingsForm::retranslateUi() {
    m_optimisationGroup->setTitle(tr("Optimisation"));
    setFormLabel(m_optimisationForm, m_headSolver, tr("Head solver:"));
    m_headSolver->setItemText(0, tr("Exact (L-BFGS, cross-validated)"));
    m_headSolver->setItemText(1, tr("Adam (the tutorial's recipe)"));
    m_headSolver->setToolTip(
        tr("How the head is trained while the backbone is frozen. Exact solves it to its optimum "
           "(L-BFGS, L2 strength chosen by 5-fold cross-validation) in one step; Adam trains it for "
           "the epochs below, as the tutorial does. With augmentation or dropout Adam is used."));
    setFormLabel(m_optimisationForm, m_epochs, tr("Epochs:"));
    m_epochs->setToolTip(
        tr("Passes over the training set; with two phases, those of the first (Keras: "
           "<code>model.fit(epochs=…)</code>)"));
    setFormLabel(m_optimisationForm, m_batchSize, tr("Batch size:"));
    m_batchSize->setToolTip(
        tr("Images per gradient step; lower it if memory runs out (Keras: <code>batch_size=32</code>)"));
    setFormLabel(m_optimisationForm, m_learningRate, tr("Learning rate:"));
    m_learningRate->setToolTip(
        tr("Step size of the optimizer; the seed uses 0.001 (Keras: "
           "<code>Adam(learning_rate=0.001)</code>)"));
    setFormLabel(m_optimisationForm, m_optimizer, tr("Optimizer:"));
    m_optimizer->setToolTip(
        tr("Adam with Keras's defaults, or stochastic gradient descent with momentum (Keras: "
           "<code>Adam(beta_1=0.9, beta_2=0.999, epsilon=1e-07)</code>, <code>SGD(momentum=…)</code>)"));
    setFormLabel(m_optimisationForm, m_momentum, tr("Momentum:"));
    m_momentum->setToolTip(
        tr("SGD only: how much of the last step carries into the next (Keras: "
           "<code>SGD(momentum=0.9)</code>)"));
    setFormLabel(m_optimisationForm, m_classWeights, tr("Class weights:"));
    m_classWeights->setItemText(0, tr("Off"));
    m_classWeights->setItemText(1, tr("Balanced"));
    m_classWeights->setToolTip(
        tr("Balanced weighs each class's loss by images / (classes × class images), so a small class "
           "counts as much as a large one (Keras: <code>model.fit(class_weight=…)</code>, scikit-learn's "
           "<code>compute_class_weight(\"balanced\")</code>)"));

    m_callbackGroup->setTitle(tr("Callbacks"));
    m_earlyStopping->setText(tr("Early stopping"));
    m_earlyStopping->setToolTip(
        tr("Stops a phase when the monitored value has not improved for the patience's epochs (Keras: "
           "<code>EarlyStopping</code>); which epoch's weights are kept is chosen below"));
    setFormLabel(m_callbackForm, m_monitor, tr("Monitor:"));
    m_monitor->setToolTip(
        tr("What picks the best epoch, and what early stopping and the learning-rate schedule watch "
           "(Keras: <code>monitor=\"val_loss\"</code>)"));
    setFormLabel(m_callbackForm, m_patience, tr("Patience (epochs):"));
    m_patience->setToolTip(
        tr("Epochs without improvement before stopping (Keras: <code>EarlyStopping(patience=…)</code>)"));
    setFormLabel(m_callbackForm, m_minDelta, tr("Minimum change:"));
    m_minDelta->setToolTip(
        tr("A smaller change does not count as an improvement (Keras: "
           "<code>EarlyStopping(min_delta=…)</code>)"));
    m_reduceLr->setText(tr("Reduce learning rate on plateau"));
    m_reduceLr->setToolTip(
        tr("Divides the learning rate by 10 after 10 epochs without improvement (Keras: "
           "<code>ReduceLROnPlateau(factor=0.1, patience=10)</code>)"));
    setFormLabel(m_callbackForm, m_keptWeights, tr("Keep the weights of:"));
    m_keptWeights->setItemText(1, tr("The last epoch"));
    m_keptWeights->setToolTip(
        tr("The epoch whose weights the model keeps, and the fine-tuning phase starts from: the best by the "
           "monitored value (Keras: <code>EarlyStopping(restore_best_weights=True)</code>, here also "
           "without early stopping), or the last, as <code>model.fit()</code> alone keeps"));

    m_augmentationGroup->setTitle(tr("Data augmentation"));
    const QString off = tr("Off");
    for (QDoubleSpinBox* box : {m_rotation, m_zoom, m_translation, m_contrast}) box->setSpecialValueText(off);
    m_flip->setText(tr("Random horizontal flip"));
    m_flip->setToolTip(
        tr("Mirrors training images at random (Keras: <code>RandomFlip(\"horizontal\")</code>)"));
    setFormLabel(m_augmentationForm, m_rotation, tr("Rotation:"));
    m_rotation->setToolTip(
        tr("Rotates by up to this fraction of a full turn; the tutorial uses 0.2 (Keras: "
           "<code>RandomRotation(0.2)</code>)"));
    setFormLabel(m_augmentationForm, m_zoom, tr("Zoom:"));
    m_zoom->setToolTip(
        tr("Zooms in or out by up to this fraction of the size (Keras: <code>RandomZoom(0.1)</code>)"));
    setFormLabel(m_augmentationForm, m_translation, tr("Translation:"));
    m_translation->setToolTip(
        tr("Shifts by up to this fraction of the width and height (Keras: "
           "<code>RandomTranslation(0.1, 0.1)</code>)"));
    setFormLabel(m_augmentationForm, m_contrast, tr("Contrast:"));
    m_contrast->setToolTip(
        tr("Changes the contrast by up to this factor (Keras: <code>RandomContrast(0.2)</code>)"));
    m_augmentationNote->setText(
        tr("Augmented images differ every epoch, so the frozen layers run every epoch too: no feature "
           "cache while training with augmentation."));

    m_fineTuneGroup->setTitle(tr("Two-phase fine-tuning"));
    m_fineTunePhase->setText(tr("Then fine-tune"));
    m_fineTunePhase->setToolTip(
        tr("After the epochs above, unfreeze the layers from the one below on and train on with a lower "
           "learning rate, in the same run and history, as in the tutorial"));
    setFormLabel(m_fineTuneForm, m_fineTuneAt, tr("Fine-tune from layer:"));
    m_fineTuneAt->setToolTip(
        tr("Layers before this index stay frozen (Keras: <code>for layer in "
           "base_model.layers[:fine_tune_at]: layer.trainable = False</code>)"));
    setFormLabel(m_fineTuneForm, m_fineTuneEpochs, tr("Fine-tuning epochs:"));
    m_fineTuneEpochs->setToolTip(
        tr("Epochs of the second phase (Keras: <code>fine_tune_epochs</code>, "
           "<code>model.fit(initial_epoch=history.epoch[-1])</code>)"));
    setFormLabel(m_fineTuneForm, m_fineTuneLearningRate, tr("Fine-tuning learning rate:"));
    m_fineTuneLearningRate->setToolTip(
        tr("Usually a tenth of the first rate (Keras: <code>base_learning_rate/10</code>)"));

    m_performanceGroup->setTitle(tr("Performance"));
    setFormLabel(m_performanceForm, m_threads, tr("CPU threads:"));
    m_threads->setSpecialValueText(tr("All cores"));
    // QSpinBox sizes itself for its numbers, not for the special text.
    m_threads->setMinimumWidth(m_threads->fontMetrics().horizontalAdvance(m_threads->specialValueText()) +
                               48);
    m_threads->setToolTip(
        tr("Threads used by the math library; 0 uses every core (PyTorch: "
           "<code>torch.set_num_threads()</code>)"));
    m_featureCache->setText(tr("Cache the frozen layers' features"));
    m_featureCache->setToolTip(
        tr("Computes the frozen layers' output once per image and trains only the layers after them each "
           "epoch: the same results as Keras, which recomputes the frozen base every epoch, many times "
           "faster"));
    setFormLabel(m_performanceForm, m_precision, tr("Precision of the frozen layers:"));
    m_precision->setItemText(0, tr("Automatic"));
    m_precision->setToolTip(
        tr("Automatic: bfloat16 where the CPU has AVX-512 BF16 or AMX, float32 elsewhere. bfloat16 speeds "
           "up the cached pass on such CPUs, with features within 1% "
           "(Keras: <code>mixed_precision.set_global_policy(\"mixed_bfloat16\")</code>)"));

    m_outputGroup->setTitle(tr("Trained model"));
    m_output->setText(
        m_outputModel.isEmpty()
            ? tr("Each run saves a new model file in %1").arg(QDir::toNativeSeparators(m_defaultOutputFolder))
            : tr("Saved as %1").arg(QDir::toNativeSeparators(m_outputModel)));
    m_output->setToolTip(tr("A checkpoint and the history (CSV and JSON) are written beside the model"));
    m_chooseOutput->setText(tr("Save As…"));
    m_resetOutput->setText(tr("New File per Run"));
    updateStates();
}

}  // namespace tlw::ui
