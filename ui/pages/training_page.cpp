#include "ui/pages/training_page.h"

#include <QAction>
#include <QEvent>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTextCursor>
#include <QTime>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/charts/training_charts.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/runs_panel.h"
#include "ui/widgets/training_settings_form.h"

namespace tlw::ui {

namespace {
constexpr int kMaxLogLines = 5000;
constexpr int kProgressSteps = 1000;

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
    m_form = new TrainingSettingsForm(this);

    // Long labels (German) or a short window must never squeeze the form: it scrolls instead, while the
    // buttons below it stay in view.
    m_settingsScroll = new QScrollArea(this);
    m_settingsScroll->setWidget(m_form);
    m_settingsScroll->setWidgetResizable(true);
    m_settingsScroll->setFrameShape(QFrame::NoFrame);
    m_settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_startButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    m_startButton->setObjectName(QStringLiteral("startTrainingButton"));
    m_startButton->setDefault(true);
    m_stopButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), QString(), this);
    m_stopButton->setObjectName(QStringLiteral("stopTrainingButton"));
    m_resumeButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), QString(), this);
    m_resumeButton->setObjectName(QStringLiteral("resumeTrainingButton"));
    m_resumeMenu = new QMenu(m_resumeButton);
    m_resumeLastAction = m_resumeMenu->addAction(QString());
    m_resumeChooseAction = m_resumeMenu->addAction(QString());
    m_resumeButton->setMenu(m_resumeMenu);
    connect(m_startButton, &QPushButton::clicked, this, &TrainingPage::requestStart);
    connect(m_stopButton, &QPushButton::clicked, this, &TrainingPage::requestStop);
    connect(m_resumeLastAction, &QAction::triggered, this,
            [this] { emit resumeLastRunRequested(m_lastCheckpoint); });
    connect(m_resumeChooseAction, &QAction::triggered, this, &TrainingPage::resumeRequested);
    m_sweepButton = new QPushButton(this);
    m_sweepButton->setObjectName(QStringLiteral("fineTuneSweepButton"));
    connect(m_sweepButton, &QPushButton::clicked, this, &TrainingPage::sweepRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_startButton);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_resumeButton);

    auto* column = new QWidget(this);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 8, 0);
    layout->addWidget(m_settingsScroll, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_sweepButton);  // a row of its own: its label is the longest
    return column;
}

QWidget* TrainingPage::createRunColumn() {
    m_progressBox = new QGroupBox(this);
    m_progress = new QProgressBar(m_progressBox);
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progressLabel = new QLabel(m_progressBox);
    m_progressLabel->setObjectName(QStringLiteral("trainingProgressLabel"));
    m_progressLabel->setWordWrap(true);
    m_cacheLabel = new QLabel(m_progressBox);
    m_cacheLabel->setObjectName(QStringLiteral("featureCacheLabel"));
    m_cacheLabel->setForegroundRole(QPalette::PlaceholderText);
    m_cacheLabel->setWordWrap(true);
    auto* progressLayout = new QVBoxLayout(m_progressBox);
    progressLayout->addWidget(m_progress);
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addWidget(m_cacheLabel);

    m_charts = new TrainingCharts(this);

    m_logBox = new QGroupBox(this);
    m_log = new QPlainTextEdit(m_logBox);
    m_log->setObjectName(QStringLiteral("trainingLog"));
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

    auto* thisRun = new QWidget(this);
    auto* layout = new QVBoxLayout(thisRun);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_progressBox);
    layout->addWidget(vertical, 1);

    // The run under way, and every recorded run side by side.
    m_runsPanel = new RunsPanel(this);
    m_runTabs = new QTabWidget(this);
    m_runTabs->setObjectName(QStringLiteral("trainingRunTabs"));
    m_runTabs->addTab(thisRun, QString());
    m_runTabs->addTab(m_runsPanel, QString());
    auto* column = new QWidget(this);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(8, 0, 0, 0);
    columnLayout->addWidget(m_runTabs, 1);
    return column;
}

tlw::TrainingConfig TrainingPage::settings() const { return m_form->settings(); }

void TrainingPage::setSettings(const tlw::TrainingConfig& settings) { m_form->setSettings(settings); }

QStringList TrainingPage::validationErrors() const { return m_form->validationErrors(); }

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
    if (!m_running || m_stopping) return;
    m_stopping = true;
    updateEnabledStates();
    retranslateUi();
    emit stopRequested();
}

void TrainingPage::setRunning(bool running) {
    m_running = running;
    m_stopping = false;
    updateEnabledStates();
    retranslateUi();
}

void TrainingPage::setLastCheckpoint(const QString& checkpoint) {
    m_lastCheckpoint = checkpoint;
    updateEnabledStates();
}

void TrainingPage::updateEnabledStates() {
    m_form->setEnabled(!m_running);
    m_startButton->setEnabled(!m_running);
    m_resumeButton->setEnabled(!m_running);
    m_sweepButton->setEnabled(!m_running);
    m_resumeLastAction->setEnabled(!m_lastCheckpoint.isEmpty());
    m_stopButton->setEnabled(m_running && !m_stopping);
}

double TrainingPage::progressFraction() const {
    const TrainingProgress& p = m_lastProgress;
    const double withinStep = p.batches > 0 ? static_cast<double>(p.batch) / p.batches : 0.0;
    switch (p.step) {
        case TrainingStep::Training:
        case TrainingStep::Validating: {
            if (p.epochs <= 0) return 0.0;
            // Validation closes the epoch: count it as the epoch's last stretch.
            const double withinEpoch = p.step == TrainingStep::Training ? withinStep : 1.0;
            return ((p.epoch - 1) + withinEpoch) / p.epochs;
        }
        case TrainingStep::CachingFeatures:
        case TrainingStep::Testing:
            return withinStep;
        case TrainingStep::Preparing:
            return 0.0;
        case TrainingStep::Saving:
            return 1.0;
    }
    return 0.0;
}

void TrainingPage::showProgress(const TrainingProgress& progress) {
    m_lastProgress = progress;
    m_hasProgress = true;
    m_progress->setValue(static_cast<int>(std::clamp(progressFraction(), 0.0, 1.0) * kProgressSteps));
    m_progressLabel->setText(progressText());
}

void TrainingPage::setCacheStatus(const FeatureCacheStatus& status) {
    m_cache = status;
    m_hasCacheStatus = true;
    m_cacheLabel->setText(cacheText());
}

void TrainingPage::showOutcome(const RunOutcome& outcome) {
    m_outcome = outcome;
    if (outcome.kind == RunOutcome::Kind::Finished) m_progress->setValue(kProgressSteps);
    showOutcomeOnBar();
    m_progressLabel->setText(progressText());
}

// A bar left part-full looks like a run still going: a stopped or failed run says so on the bar.
void TrainingPage::showOutcomeOnBar() {
    const bool ended = m_outcome && m_outcome->kind != RunOutcome::Kind::Finished;
    m_progress->setTextVisible(ended);
    if (!ended) return;
    m_progress->setFormat(m_outcome->kind == RunOutcome::Kind::Stopped ? tr("Stopped at %p%")
                                                                       : tr("Failed at %p%"));
}

QString TrainingPage::outcomeText() const {
    const RunOutcome& o = *m_outcome;
    switch (o.kind) {
        case RunOutcome::Kind::Finished: {
            QStringList sentences{
                tr("Finished: %n epoch(s) in %1.", nullptr, o.epochs).arg(formatDuration(o.seconds))};
            if (o.keptEpoch > 0 && o.keptEpoch == o.bestEpoch)
                sentences << tr("The model holds the weights of epoch %1, the best by %2.")
                                 .arg(o.keptEpoch)
                                 .arg(o.monitor);
            else if (o.keptEpoch > 0)
                sentences
                    << tr("The model holds the weights of the last epoch, %1; the best by %2 was epoch %3.")
                           .arg(o.keptEpoch)
                           .arg(o.monitor)
                           .arg(o.bestEpoch);
            // The two-phase trap: fine-tuning epochs that never beat phase 1 leave its model in place.
            if (o.fineTuningImproved == false)
                sentences << tr("Fine-tuning did not improve on phase 1's best %1.").arg(o.monitor);
            // Chinese runs sentences together without a space: the gap is the translation's.
            QString text = sentences.takeFirst();
            for (const QString& sentence : sentences)
                text = tr("%1 %2", "one sentence after another").arg(text, sentence);
            return text;
        }
        case RunOutcome::Kind::Stopped:
            return tr("Stopped after %n epoch(s); Resume carries on from the checkpoint.", nullptr, o.epochs);
        case RunOutcome::Kind::Failed:
            return tr("Failed after %n epoch(s): the message above says why.", nullptr, o.epochs);
    }
    return {};
}

QString TrainingPage::progressText() const {
    if (m_running && m_stopping) return tr("Stopping after the current batch, then saving a checkpoint…");
    if (!m_running && m_outcome) return outcomeText();
    if (!m_hasProgress)
        return m_running ? tr("Starting…") : tr("Not started. Set the hyper-parameters and press Start.");
    const TrainingProgress& p = m_lastProgress;
    const QLocale locale;
    const QString eta = p.etaSeconds < 0 ? tr("estimating…") : formatDuration(p.etaSeconds);
    const QString speed = locale.toString(p.imagesPerSecond, 'f', 1);
    // The engine's estimate runs to the end of the phase; with two phases, say which.
    const QString left =
        p.phases > 1 ? tr("%1 left in phase %2").arg(eta).arg(p.phase) : tr("%1 left").arg(eta);
    switch (p.step) {
        case TrainingStep::Preparing:
            return p.batches > 0 ? tr("Preparing: %1/%2 images read…").arg(p.batch).arg(p.batches)
                                 : tr("Preparing: reading the images and loading the weights…");
        case TrainingStep::CachingFeatures:
            // The engine's estimate here is the pass's own, not the phase's.
            return tr("Caching the frozen layers' features · %1/%2 images · %3 images/s · %4")
                .arg(p.batch)
                .arg(p.batches)
                .arg(speed, tr("%1 left").arg(eta));
        case TrainingStep::Training:
            return tr("Epoch %1/%2 · training batch %3/%4 · %5 images/s · %6")
                .arg(p.epoch)
                .arg(p.epochs)
                .arg(p.batch)
                .arg(p.batches)
                .arg(speed, left);
        case TrainingStep::Validating:
            return tr("Epoch %1/%2 · validating batch %3/%4 · %5")
                .arg(p.epoch)
                .arg(p.epochs)
                .arg(p.batch)
                .arg(p.batches)
                .arg(left);
        case TrainingStep::Testing:
            return tr("Testing the model · %1/%2 images").arg(p.batch).arg(p.batches);
        case TrainingStep::Saving:
            return tr("Saving the model…");
    }
    return {};
}

// The progress box keeps its height while a run goes: its lines change text, not the page's layout. A line
// that appeared or wrapped anew would move the charts below it, which then reallocate their buffers and
// repaint whole, on the UI thread, while training keeps every core busy (the event-loop stall tests).
void TrainingPage::reserveProgressLines() {
    const int twoLines = 2 * m_progressLabel->fontMetrics().lineSpacing();
    for (QLabel* label : {m_progressLabel, m_cacheLabel}) {
        label->setMinimumHeight(twoLines);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);  // a line's spare room below it, not around it
    }
}

QString TrainingPage::cacheText() const {
    if (!m_hasCacheStatus)
        return m_running ? tr("Frozen-prefix cache: checking which layers' features can be computed once…")
                         : QString();
    if (m_cache.used)
        return tr("Frozen-prefix cache in use: the features up to %1 are computed once, only the "
                  "trainable layers run each epoch.")
            .arg(m_cache.cachedLayer);
    return tr("Frozen-prefix cache not used: %1.").arg(cacheRefusalText(m_cache.refusal));
}

QString TrainingPage::cacheRefusalText(tlw::CacheRefusal refusal) {
    switch (refusal) {
        case tlw::CacheRefusal::None:
            break;
        case tlw::CacheRefusal::TurnedOff:
            return tr("it is turned off in the settings");
        case tlw::CacheRefusal::NothingFrozen:
            return tr("no layers are frozen at the start of the network");
        case tlw::CacheRefusal::Augmenting:
            return tr(
                "random augmentation changes the training images every epoch (the validation images "
                "are cached)");
    }
    return {};
}

void TrainingPage::appendEpoch(const EpochPoint& point) { m_charts->appendEpoch(point); }

void TrainingPage::showHeadSolve(const tlw::HeadSolveReport& report) { m_charts->showHeadSolve(report); }

void TrainingPage::appendLog(LiveText line) {
    LogLine entry{QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), std::move(line)};
    m_log->appendPlainText(QStringLiteral("%1  %2").arg(entry.time, entry.text.text()));
    m_logLines.push_back(std::move(entry));
    if (m_logLines.size() > static_cast<std::size_t>(kMaxLogLines)) m_logLines.pop_front();
}

void TrainingPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange && !m_logLines.empty()) rewordLog();
    Page::changeEvent(event);
}

// Writes the log again in the language installed now; only a language switch needs it.
void TrainingPage::rewordLog() {
    QStringList lines;
    for (const LogLine& entry : m_logLines)
        lines << QStringLiteral("%1  %2").arg(entry.time, entry.text.text());
    m_log->setPlainText(lines.join(QLatin1Char('\n')));
    m_log->moveCursor(QTextCursor::End);
}

QString TrainingPage::logText() const { return m_log->toPlainText(); }

void TrainingPage::clearRun() {
    m_charts->clear();
    m_runTabs->setCurrentIndex(kThisRunTab);  // a new run shows its progress
    m_log->clear();
    m_logLines.clear();
    m_progress->setValue(0);
    m_hasProgress = false;
    m_hasCacheStatus = false;
    m_outcome.reset();
    showOutcomeOnBar();
    banner()->hide();  // the last run's messages are not this one's
    retranslateUi();
}

void TrainingPage::retranslateUi() {
    setHeader(tr("Training"),
              tr("Train the new classifier head, and fine-tune the unfrozen layers, on a background "
                 "thread. The window stays responsive."));
    m_startButton->setText(tr("Start"));
    m_startButton->setToolTip(tr("Start training (F5)"));
    m_stopButton->setText(tr("Stop"));
    m_stopButton->setToolTip(tr("Stop after the current batch and keep a checkpoint (Esc)"));
    m_resumeButton->setText(tr("Resume"));
    m_sweepButton->setText(tr("Which Layers to Fine-Tune?…"));
    m_sweepButton->setToolTip(tr("Compare fine-tuning from several layers on this data and keep the best"));
    m_resumeButton->setToolTip(tr("Carry on a stopped run from its checkpoint, continuing its history"));
    m_resumeLastAction->setText(tr("Resume Last Run"));
    m_resumeChooseAction->setText(tr("Choose Checkpoint…"));
    m_progressBox->setTitle(tr("Progress"));
    m_progressLabel->setText(progressText());
    showOutcomeOnBar();
    m_cacheLabel->setText(cacheText());
    reserveProgressLines();
    m_logBox->setTitle(tr("Log"));
    m_runTabs->setTabText(kThisRunTab, tr("This Run"));
    m_runTabs->setTabText(kRunsTab, tr("Runs"));
    fitSettingsWidth();
}

// The form never clips, whatever the language or layer name: the column is as wide as its widest row.
void TrainingPage::fitSettingsWidth() {
    m_form->adjustSize();
    m_settingsScroll->setMinimumWidth(m_form->sizeHint().width() +
                                      m_settingsScroll->verticalScrollBar()->sizeHint().width());
}

}  // namespace tlw::ui
