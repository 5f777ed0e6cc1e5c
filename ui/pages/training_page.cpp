#include "ui/pages/training_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>
#include <cmath>

#include "ui/charts/training_charts.h"
#include "ui/widgets/error_banner.h"

namespace tlw::ui {

namespace {
constexpr int kMaxLogLines = 5000;

QString formatDuration(double seconds) {
    const qint64 total = static_cast<qint64>(std::llround(seconds));
    const qint64 hours = total / 3600;
    const qint64 minutes = (total % 3600) / 60;
    const qint64 secs = total % 60;
    return hours > 0 ? QStringLiteral("%1:%2:%3")
                           .arg(hours)
                           .arg(minutes, 2, 10, QLatin1Char('0'))
                           .arg(secs, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
}

void setFormLabel(QFormLayout* form, QWidget* field, const QString& text) {
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(field))) label->setText(text);
}
}  // namespace

TrainingPage::TrainingPage(QWidget* parent) : Page(parent) {
    setObjectName(QStringLiteral("trainingPage"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(createSettingsColumn());
    splitter->addWidget(createRunColumn());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    contentLayout()->addWidget(splitter, 1);
    retranslateUi();
    updateEnabledStates();
}

QWidget* TrainingPage::createSettingsColumn() {
    m_settingsBox = new QGroupBox(this);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);

    m_epochs = new QSpinBox(m_settingsBox);
    m_epochs->setRange(1, 1000);
    m_batchSize = new QSpinBox(m_settingsBox);
    m_batchSize->setRange(1, 1024);
    m_learningRate = new QDoubleSpinBox(m_settingsBox);
    m_learningRate->setDecimals(6);
    m_learningRate->setRange(0.000001, 1.0);
    m_learningRate->setSingleStep(0.0001);
    m_optimizer = new QComboBox(m_settingsBox);
    // Optimizer names are the ones in every framework's documentation; not translated.
    m_optimizer->addItem(QStringLiteral("Adam"), QStringLiteral("adam"));
    m_optimizer->addItem(QStringLiteral("RMSprop"), QStringLiteral("rmsprop"));
    m_optimizer->addItem(QStringLiteral("SGD"), QStringLiteral("sgd"));
    m_earlyStopping = new QCheckBox(m_settingsBox);
    m_patience = new QSpinBox(m_settingsBox);
    m_patience->setRange(1, 100);
    m_augmentation = new QCheckBox(m_settingsBox);
    m_fineTunePhase = new QCheckBox(m_settingsBox);
    m_fineTuneEpochs = new QSpinBox(m_settingsBox);
    m_fineTuneEpochs->setRange(1, 1000);
    m_fineTuneLearningRate = new QDoubleSpinBox(m_settingsBox);
    m_fineTuneLearningRate->setDecimals(7);
    m_fineTuneLearningRate->setRange(0.0000001, 1.0);
    m_fineTuneLearningRate->setSingleStep(0.00001);
    m_threads = new QSpinBox(m_settingsBox);
    m_threads->setRange(0, 256);

    // Labels are created empty and named in retranslateUi(); an empty text in addRow() would create none.
    const auto addRow = [this](QWidget* field) {
        auto* label = new QLabel(m_settingsBox);
        label->setBuddy(field);
        m_form->addRow(label, field);
    };
    addRow(m_epochs);
    addRow(m_batchSize);
    addRow(m_learningRate);
    addRow(m_optimizer);
    m_form->addRow(m_earlyStopping);
    addRow(m_patience);
    m_form->addRow(m_augmentation);
    m_form->addRow(m_fineTunePhase);
    addRow(m_fineTuneEpochs);
    addRow(m_fineTuneLearningRate);
    addRow(m_threads);
    m_settingsBox->setLayout(m_form);
    setSettings(TrainingSettings{});

    connect(m_earlyStopping, &QCheckBox::toggled, this, &TrainingPage::updateEnabledStates);
    connect(m_fineTunePhase, &QCheckBox::toggled, this, &TrainingPage::updateEnabledStates);

    m_startButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    m_startButton->setDefault(true);
    m_stopButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), QString(), this);
    m_resumeButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), QString(), this);
    connect(m_startButton, &QPushButton::clicked, this, &TrainingPage::requestStart);
    connect(m_stopButton, &QPushButton::clicked, this, &TrainingPage::requestStop);
    connect(m_resumeButton, &QPushButton::clicked, this, &TrainingPage::resumeRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_startButton);
    buttons->addWidget(m_stopButton);

    m_settingsColumn = new QWidget(this);
    auto* layout = new QVBoxLayout(m_settingsColumn);
    layout->setContentsMargins(0, 0, 8, 0);
    layout->addWidget(m_settingsBox);
    layout->addLayout(buttons);
    layout->addWidget(m_resumeButton);
    layout->addStretch();

    // Long labels (German) or a short window must never squeeze the form: it scrolls instead.
    m_settingsScroll = new QScrollArea(this);
    m_settingsScroll->setWidget(m_settingsColumn);
    m_settingsScroll->setWidgetResizable(true);
    m_settingsScroll->setFrameShape(QFrame::NoFrame);
    m_settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return m_settingsScroll;
}

QWidget* TrainingPage::createRunColumn() {
    m_progressBox = new QGroupBox(this);
    m_progress = new QProgressBar(m_progressBox);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progressLabel = new QLabel(m_progressBox);
    m_progressLabel->setWordWrap(true);
    m_cacheLabel = new QLabel(m_progressBox);
    m_cacheLabel->setForegroundRole(QPalette::PlaceholderText);
    m_cacheLabel->setWordWrap(true);
    auto* progressLayout = new QVBoxLayout(m_progressBox);
    progressLayout->addWidget(m_progress);
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addWidget(m_cacheLabel);

    m_charts = new TrainingCharts(this);

    m_logBox = new QGroupBox(this);
    m_log = new QPlainTextEdit(m_logBox);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(kMaxLogLines);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* logLayout = new QVBoxLayout(m_logBox);
    logLayout->addWidget(m_log);

    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_charts);
    vertical->addWidget(m_logBox);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);
    vertical->setChildrenCollapsible(false);

    auto* column = new QWidget(this);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(m_progressBox);
    layout->addWidget(vertical, 1);
    return column;
}

TrainingSettings TrainingPage::settings() const {
    TrainingSettings s;
    s.epochs = m_epochs->value();
    s.batchSize = m_batchSize->value();
    s.learningRate = m_learningRate->value();
    s.optimizer = m_optimizer->currentData().toString();
    s.earlyStopping = m_earlyStopping->isChecked();
    s.patience = m_patience->value();
    s.augmentation = m_augmentation->isChecked();
    s.fineTunePhase = m_fineTunePhase->isChecked();
    s.fineTuneEpochs = m_fineTuneEpochs->value();
    s.fineTuneLearningRate = m_fineTuneLearningRate->value();
    s.threads = m_threads->value();
    return s;
}

void TrainingPage::setSettings(const TrainingSettings& s) {
    m_epochs->setValue(s.epochs);
    m_batchSize->setValue(s.batchSize);
    m_learningRate->setValue(s.learningRate);
    const int optimizer = m_optimizer->findData(s.optimizer);
    m_optimizer->setCurrentIndex(optimizer >= 0 ? optimizer : 0);
    m_earlyStopping->setChecked(s.earlyStopping);
    m_patience->setValue(s.patience);
    m_augmentation->setChecked(s.augmentation);
    m_fineTunePhase->setChecked(s.fineTunePhase);
    m_fineTuneEpochs->setValue(s.fineTuneEpochs);
    m_fineTuneLearningRate->setValue(s.fineTuneLearningRate);
    m_threads->setValue(s.threads);
}

QStringList TrainingPage::validationErrors() const {
    QStringList errors;
    const TrainingSettings s = settings();
    if (s.fineTunePhase && s.fineTuneLearningRate >= s.learningRate)
        errors << tr(
            "The fine-tuning learning rate should be lower than the first phase's (the tutorial uses a "
            "tenth): a high rate destroys the pretrained features.");
    if (s.earlyStopping && s.patience >= s.epochs)
        errors << tr("Early stopping patience (%1) must be smaller than the number of epochs (%2).")
                      .arg(s.patience)
                      .arg(s.epochs);
    return errors;
}

void TrainingPage::requestStart() {
    if (m_running) return;
    const QStringList errors = validationErrors();
    if (!errors.isEmpty()) {
        showError(tr("Training cannot start with these settings."), errors.join(QLatin1Char('\n')));
        return;
    }
    banner()->hide();
    emit startRequested(settings());
}

void TrainingPage::requestStop() {
    if (m_running) emit stopRequested();
}

void TrainingPage::setRunning(bool running) {
    m_running = running;
    updateEnabledStates();
}

void TrainingPage::updateEnabledStates() {
    m_settingsBox->setEnabled(!m_running);
    m_patience->setEnabled(m_earlyStopping->isChecked());
    m_fineTuneEpochs->setEnabled(m_fineTunePhase->isChecked());
    m_fineTuneLearningRate->setEnabled(m_fineTunePhase->isChecked());
    m_startButton->setEnabled(!m_running);
    m_resumeButton->setEnabled(!m_running);
    m_stopButton->setEnabled(m_running);
}

void TrainingPage::showProgress(const TrainingProgress& progress) {
    m_lastProgress = progress;
    m_hasProgress = true;
    const double done =
        progress.epochs > 0 && progress.batches > 0
            ? ((progress.epoch - 1) + static_cast<double>(progress.batch) / progress.batches) /
                  progress.epochs
            : 0.0;
    m_progress->setValue(static_cast<int>(std::clamp(done, 0.0, 1.0) * 1000.0));
    retranslateUi();
}

QString TrainingPage::progressText() const {
    if (!m_hasProgress)
        return m_running ? tr("Starting…") : tr("Not started. Set the hyper-parameters and press Start.");
    const TrainingProgress& p = m_lastProgress;
    const QLocale locale;
    const QString eta = p.etaSeconds < 0 ? tr("estimating…") : formatDuration(p.etaSeconds);
    return tr("Epoch %1/%2 · batch %3/%4 · %5 images/s · %6 left")
        .arg(p.epoch)
        .arg(p.epochs)
        .arg(p.batch)
        .arg(p.batches)
        .arg(locale.toString(p.imagesPerSecond, 'f', 1), eta);
}

void TrainingPage::appendEpoch(const EpochPoint& point) { m_charts->appendEpoch(point); }

void TrainingPage::appendLog(const QString& line) {
    m_log->appendPlainText(
        QStringLiteral("%1  %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
}

QString TrainingPage::logText() const { return m_log->toPlainText(); }

void TrainingPage::clearRun() {
    m_charts->clear();
    m_log->clear();
    m_progress->setValue(0);
    m_hasProgress = false;
    retranslateUi();
}

void TrainingPage::retranslateUi() {
    setHeader(tr("Training"),
              tr("Train the new classifier head, and fine-tune the unfrozen layers, on a background "
                 "thread. The window stays responsive."));
    m_settingsBox->setTitle(tr("Hyper-parameters"));
    setFormLabel(m_form, m_epochs, tr("Epochs:"));
    m_epochs->setToolTip(tr("Passes over the training set (Keras: <code>epochs</code>)"));
    setFormLabel(m_form, m_batchSize, tr("Batch size:"));
    m_batchSize->setToolTip(
        tr("Images per gradient step; lower it if memory runs out (Keras: <code>batch_size</code>)"));
    setFormLabel(m_form, m_learningRate, tr("Learning rate:"));
    m_learningRate->setToolTip(
        tr("Step size of the optimizer (Keras: <code>learning_rate</code>; the tutorial uses 0.0001)"));
    setFormLabel(m_form, m_optimizer, tr("Optimizer:"));
    m_optimizer->setToolTip(tr("How weights are updated from gradients (Keras: <code>optimizer</code>)"));
    m_earlyStopping->setText(tr("Early stopping"));
    m_earlyStopping->setToolTip(
        tr("Stops when the validation loss no longer improves and keeps the best epoch's "
           "weights (Keras: <code>EarlyStopping(restore_best_weights=True)</code>)"));
    setFormLabel(m_form, m_patience, tr("Patience (epochs):"));
    m_patience->setToolTip(tr("Epochs without improvement before stopping (Keras: <code>patience</code>)"));
    m_augmentation->setText(tr("Data augmentation"));
    m_augmentation->setToolTip(
        tr("Random horizontal flips and small rotations of training images (Keras: "
           "<code>RandomFlip</code>, <code>RandomRotation</code>)"));
    m_fineTunePhase->setText(tr("Then fine-tune"));
    m_fineTunePhase->setToolTip(
        tr("Second phase: after training the head, unfreeze the layers chosen on the Model page "
           "and train on with a lower learning rate, as in the tutorial"));
    setFormLabel(m_form, m_fineTuneEpochs, tr("Fine-tuning epochs:"));
    m_fineTuneEpochs->setToolTip(tr("Epochs of the second phase (Keras: <code>fine_tune_epochs</code>)"));
    setFormLabel(m_form, m_fineTuneLearningRate, tr("Fine-tuning learning rate:"));
    m_fineTuneLearningRate->setToolTip(
        tr("Usually a tenth of the first rate (Keras: <code>base_learning_rate/10</code>)"));
    setFormLabel(m_form, m_threads, tr("CPU threads:"));
    m_threads->setSpecialValueText(tr("All cores"));
    // QSpinBox sizes itself for its numbers, not for the special text.
    m_threads->setMinimumWidth(m_threads->fontMetrics().horizontalAdvance(m_threads->specialValueText()) +
                               48);
    m_threads->setToolTip(tr("Threads used by the math library; 0 uses every core"));
    m_startButton->setText(tr("Start"));
    m_startButton->setToolTip(tr("Start training (F5)"));
    m_stopButton->setText(tr("Stop"));
    m_stopButton->setToolTip(tr("Stop after the current batch and keep a checkpoint (Esc)"));
    m_resumeButton->setText(tr("Resume from Checkpoint…"));
    m_progressBox->setTitle(tr("Progress"));
    m_progressLabel->setText(progressText());
    m_cacheLabel->setText(
        !m_hasProgress ? QString()
        : m_lastProgress.frozenPrefixCached
            ? tr("Frozen layers: features cached, only the trainable layers run each epoch.")
            : tr("Frozen layers: computed every batch (no feature cache)."));
    m_cacheLabel->setVisible(m_hasProgress);
    m_logBox->setTitle(tr("Log"));
    // The form never clips, whatever the language: the column is as wide as its widest row.
    m_settingsColumn->adjustSize();
    m_settingsScroll->setMinimumWidth(m_settingsColumn->sizeHint().width() +
                                      m_settingsScroll->verticalScrollBar()->sizeHint().width());
}

}  // namespace tlw::ui
