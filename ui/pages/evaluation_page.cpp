#include "ui/pages/evaluation_page.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/charts/precision_recall_chart.h"
#include "ui/charts/reliability_chart.h"
#include "ui/charts/roc_chart.h"
#include "ui/item_models/confusion_matrix_model.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/widgets/class_thresholds_panel.h"
#include "ui/widgets/gallery_grad_cam.h"
#include "ui/widgets/metric_card.h"
#include "ui/widgets/run_switcher.h"
#include "ui/widgets/thumbnail_grid_view.h"

namespace tlw::ui {

namespace {
QLabel* makeHeading(QWidget* parent) {
    auto* label = new QLabel(parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}

QTableView* makeTable(QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setMinimumHeight(110);
    return view;
}
}  // namespace

EvaluationPage::EvaluationPage(QWidget* parent) : Page(parent) {
    setObjectName(QStringLiteral("evaluationPage"));
    m_runSwitcher = new RunSwitcher(this);  // which run's model this is, and the others to switch to
    contentLayout()->addWidget(m_runSwitcher);
    contentLayout()->addWidget(createModelRow());
    contentLayout()->addWidget(createSourceRow());
    contentLayout()->addWidget(createResults(), 1);
    retranslateUi();
    clearResults();
    updateEnabledStates();
}

QWidget* EvaluationPage::createModelRow() {
    auto* row = new QWidget(this);
    m_modelLabel = new QLabel(row);
    m_modelLabel->setObjectName(QStringLiteral("evaluationModelLabel"));
    m_modelLabel->setWordWrap(true);
    m_modelLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The same amber badge as the Model page's: results without ImageNet weights are not comparable.
    m_notPretrained = new QLabel(row);
    m_notPretrained->setObjectName(QStringLiteral("evaluationNotPretrained"));
    m_notPretrained->setStyleSheet(
        QStringLiteral("QLabel { background: #fff6e5; border: 1px solid #e0a43a; border-radius: 4px; "
                       "padding: 2px 8px; color: #7a4b00; }"));
    m_notPretrained->hide();
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_modelLabel, 1);
    layout->addWidget(m_notPretrained);
    return row;
}

QWidget* EvaluationPage::createSourceRow() {
    auto* area = new QWidget(this);
    m_sourceLabel = new QLabel(area);
    m_splitRadio = new QRadioButton(area);
    m_folderRadio = new QRadioButton(area);
    m_splitRadio->setChecked(true);
    auto* group = new QButtonGroup(area);
    group->addButton(m_splitRadio);
    group->addButton(m_folderRadio);
    m_folderLabel = new QLabel(area);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_browseButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), area);
    m_evaluateButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), QString(), area);
    m_evaluateButton->setObjectName(QStringLiteral("evaluateButton"));
    m_evaluateButton->setDefault(true);
    connect(m_browseButton, &QPushButton::clicked, this, &EvaluationPage::chooseTestFolderRequested);
    connect(m_evaluateButton, &QPushButton::clicked, this,
            [this] { emit evaluateRequested(usesTestSplit() ? QString() : m_testFolder); });
    connect(m_folderRadio, &QRadioButton::toggled, this, [this](bool checked) {
        if (checked && m_testFolder.isEmpty()) emit chooseTestFolderRequested();
        updateEnabledStates();
    });

    m_busyRow = new QWidget(area);
    m_progress = new QProgressBar(m_busyRow);
    m_progress->setTextVisible(false);
    m_cancelButton =
        new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), QString(), m_busyRow);
    connect(m_cancelButton, &QPushButton::clicked, this, &EvaluationPage::cancelRequested);
    auto* busyLayout = new QHBoxLayout(m_busyRow);
    busyLayout->setContentsMargins(0, 0, 0, 0);
    busyLayout->addWidget(m_progress, 1);
    busyLayout->addWidget(m_cancelButton);
    m_busyRow->hide();

    auto* row = new QHBoxLayout;
    row->setSpacing(10);
    row->addWidget(m_sourceLabel);
    row->addWidget(m_splitRadio);
    row->addWidget(m_folderRadio);
    row->addWidget(m_folderLabel, 1);
    row->addWidget(m_browseButton);
    row->addWidget(m_evaluateButton);
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_busyRow);
    return area;
}

QWidget* EvaluationPage::createTables(QWidget* parent) {
    auto* tables = new QWidget(parent);
    m_perClassHeading = makeHeading(tables);
    m_perClass = new QStandardItemModel(0, 5, this);
    m_perClass->setSortRole(Qt::UserRole);  // numbers sort as numbers, not as text
    m_perClassView = makeTable(tables);
    m_perClassView->setModel(m_perClass);
    m_perClassView->verticalHeader()->hide();
    m_perClassView->setSortingEnabled(true);
    m_perClassView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_perClassView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    m_confusionHeading = makeHeading(tables);
    m_confusionAxes = new QLabel(tables);
    m_confusionAxes->setForegroundRole(QPalette::PlaceholderText);
    m_confusionAxes->setWordWrap(true);
    m_confusion = new ConfusionMatrixModel(this);
    m_confusionView = makeTable(tables);
    m_confusionView->setObjectName(QStringLiteral("confusionMatrixView"));
    m_confusionView->setModel(m_confusion);
    m_confusionView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_confusionView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusionView->horizontalHeader()->setMinimumSectionSize(56);
    m_confusionView->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    connect(m_confusionView, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showCell(index.row(), index.column()); });
    connect(m_confusionView, &QTableView::activated, this,
            [this](const QModelIndex& index) { showCell(index.row(), index.column()); });

    auto* layout = new QGridLayout(tables);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_perClassHeading, 0, 0);
    layout->addWidget(m_perClassView, 1, 0, 2, 1);
    layout->addWidget(m_confusionHeading, 0, 1);
    layout->addWidget(m_confusionAxes, 1, 1);
    layout->addWidget(m_confusionView, 2, 1);
    layout->setRowStretch(2, 1);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 1);
    return tables;
}

QWidget* EvaluationPage::createGallery(QWidget* parent) {
    auto* area = new QWidget(parent);
    m_galleryHeading = makeHeading(area);
    m_galleryHeading->setObjectName(QStringLiteral("galleryHeading"));
    m_showAllButton = new QPushButton(area);
    connect(m_showAllButton, &QPushButton::clicked, this, &EvaluationPage::showAllMisclassified);
    m_gallery = new ThumbnailListModel(QSize(96, 96), this);
    m_galleryView = new ThumbnailGridView(area);
    m_galleryView->setThumbnailModel(m_gallery);
    m_galleryView->setOpensViewer(true);
    connect(m_galleryView, &ThumbnailGridView::imageActivated, this, &EvaluationPage::imageActivated);
    m_galleryGradCam = new GalleryGradCam(m_gallery, m_galleryView, area);
    auto* heading = new QHBoxLayout;
    heading->addWidget(m_galleryHeading, 1);
    heading->addWidget(m_showAllButton);
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(heading);
    layout->addWidget(m_galleryGradCam);
    layout->addWidget(m_galleryView, 1);
    return area;
}

QWidget* EvaluationPage::createCurves(QWidget* parent) {
    auto* area = new QWidget(parent);
    m_rocChart = new RocChart(area);
    m_precisionRecallChart = new PrecisionRecallChart(area);
    auto* charts = new QHBoxLayout;
    charts->addWidget(m_rocChart, 1);
    charts->addWidget(m_precisionRecallChart, 1);
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(charts, 1);
    layout->addWidget(createThresholdRow(area));
    return area;
}

QWidget* EvaluationPage::createThresholdRow(QWidget* parent) {
    auto* row = new QWidget(parent);
    m_thresholdLabel = new QLabel(row);
    m_thresholdSlider = new QSlider(Qt::Horizontal, row);
    m_thresholdSlider->setObjectName(QStringLiteral("thresholdSlider"));
    m_thresholdSlider->setRange(0, 100);  // hundredths
    m_thresholdSlider->setValue(50);
    m_thresholdFigures = new QLabel(row);
    m_thresholdFigures->setObjectName(QStringLiteral("thresholdFigures"));
    m_saveThresholdButton = new QPushButton(row);
    connect(m_thresholdSlider, &QSlider::valueChanged, this, &EvaluationPage::updateThreshold);
    connect(m_saveThresholdButton, &QPushButton::clicked, this,
            [this] { emit saveThresholdRequested(threshold()); });
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_thresholdLabel);
    layout->addWidget(m_thresholdSlider, 1);
    layout->addWidget(m_thresholdFigures, 1);
    layout->addWidget(m_saveThresholdButton);
    return row;
}

double EvaluationPage::threshold() const { return m_thresholdSlider->value() / 100.0; }

void EvaluationPage::setThreshold(double threshold) {
    m_thresholdSlider->setValue(static_cast<int>(std::lround(std::clamp(threshold, 0.0, 1.0) * 100.0)));
}

std::optional<tlw::ThresholdPoint> EvaluationPage::thresholdPoint() const {
    if (!m_hasResults || !m_summary.curves ||
        m_summary.secondClassProbabilities.size() != m_summary.images.size())
        return std::nullopt;
    std::vector<bool> positive;
    for (const EvaluatedImage& image : m_summary.images) positive.push_back(image.label == 1);
    return tlw::pointAtThreshold(m_summary.secondClassProbabilities, positive, threshold());
}

QString EvaluationPage::thresholdFigures() const { return m_thresholdFigures->text(); }

void EvaluationPage::updateThreshold() {
    const std::optional<tlw::ThresholdPoint> point = thresholdPoint();
    m_rocChart->setMarker(point);
    m_precisionRecallChart->setMarker(point);
    retranslateThreshold();
}

QWidget* EvaluationPage::createResults() {
    auto* results = new QWidget(this);
    m_lossCard = new MetricCard(results);
    m_accuracyCard = new MetricCard(results);
    m_balancedCard = new MetricCard(results);
    m_countCard = new MetricCard(results);
    m_eceCard = new MetricCard(results);
    m_resultSource = new QLabel(results);
    m_resultSource->setObjectName(QStringLiteral("evaluationSource"));
    m_resultSource->setWordWrap(true);
    m_resultSource->setForegroundRole(QPalette::PlaceholderText);
    auto* cards = new QHBoxLayout;
    cards->setSpacing(12);
    for (MetricCard* card : {m_lossCard, m_accuracyCard, m_balancedCard, m_eceCard, m_countCard})
        cards->addWidget(card);

    auto* splitter = new QSplitter(Qt::Vertical, results);
    m_resultTabs = new QTabWidget(splitter);
    m_resultTabs->setObjectName(QStringLiteral("evaluationTabs"));
    m_resultTabs->addTab(createTables(m_resultTabs), QString());
    m_reliabilityChart = new ReliabilityChart(m_resultTabs);
    m_resultTabs->addTab(m_reliabilityChart, QString());
    m_curves = createCurves(m_resultTabs);
    m_resultTabs->addTab(m_curves, QString());
    m_classThresholds = new ClassThresholdsPanel(m_resultTabs);
    connect(m_classThresholds, &ClassThresholdsPanel::saveRequested, this,
            &EvaluationPage::saveClassThresholdsRequested);
    m_resultTabs->addTab(m_classThresholds, QString());
    m_resultTabs->setTabVisible(classThresholdsTab(), false);
    splitter->addWidget(m_resultTabs);
    splitter->addWidget(createGallery(splitter));
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(results);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_resultSource);
    layout->addLayout(cards);
    layout->addWidget(splitter, 1);
    return results;
}

bool EvaluationPage::usesTestSplit() const { return m_splitRadio->isChecked(); }

void EvaluationPage::setTestFolder(const QString& folder) {
    m_testFolder = folder;
    if (!folder.isEmpty()) m_folderRadio->setChecked(true);
    retranslateUi();
    updateEnabledStates();
}

void EvaluationPage::setModelInfo(const TrainedModelInfo& info) {
    m_model = info;
    retranslateUi();
    updateEnabledStates();
}

void EvaluationPage::setBusy(bool busy) {
    m_busy = busy;
    m_progress->setRange(0, 0);  // indeterminate until the first progress report
    m_busyRow->setVisible(busy);
    updateEnabledStates();
}

void EvaluationPage::showProgress(qint64 done, qint64 total) {
    if (total <= 0) return;
    m_progress->setRange(0, 1000);
    m_progress->setValue(static_cast<int>(1000 * done / total));
}

void EvaluationPage::updateEnabledStates() {
    const bool haveSource = usesTestSplit() || !m_testFolder.isEmpty();
    m_evaluateButton->setEnabled(!m_busy && m_model.isValid() && haveSource);
    m_browseButton->setEnabled(!m_busy);
    m_splitRadio->setEnabled(!m_busy);
    m_folderRadio->setEnabled(!m_busy);
    // A threshold is saved into the model file it was measured with.
    m_saveThresholdButton->setEnabled(!m_busy && m_model.isValid() && !m_model.path.isEmpty() &&
                                      m_hasResults && m_summary.curves.has_value());
    m_classThresholds->setSaveEnabled(!m_busy && m_model.isValid() && !m_model.path.isEmpty() &&
                                      m_hasResults);
}

void EvaluationPage::showSummary(const EvaluationSummary& summary) {
    m_summary = summary;
    m_hasResults = true;
    m_perClass->setRowCount(0);
    const QLocale locale;
    for (const PerClassFigures& figures : summary.perClass) {
        QList<QStandardItem*> row;
        auto* name = new QStandardItem(figures.className);
        name->setData(figures.className, Qt::UserRole);
        row << name;
        for (const double value : {figures.precision, figures.recall, figures.f1}) {
            auto* item = new QStandardItem(locale.toString(value, 'f', 3));
            item->setData(value, Qt::UserRole);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row << item;
        }
        auto* support = new QStandardItem(locale.toString(figures.support));
        support->setData(figures.support, Qt::UserRole);
        support->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row << support;
        m_perClass->appendRow(row);
    }
    m_confusion->setMatrix(summary.classNames, summary.confusion);
    m_reliabilityChart->setFigures(summary.calibration);
    if (summary.curves) {
        m_rocChart->setCurves(*summary.curves);
        m_precisionRecallChart->setCurves(*summary.curves);
    } else {
        m_rocChart->clear();
        m_precisionRecallChart->clear();
    }
    showAllMisclassified();
    updateThreshold();
    showClassThresholds();
}

// Two classes have the curves and their threshold; more get a threshold per class.
void EvaluationPage::showClassThresholds() {
    const bool perClass = m_hasResults && m_summary.classNames.size() > 2 &&
                          m_summary.probabilities.size() == m_summary.images.size();
    m_resultTabs->setTabVisible(classThresholdsTab(), perClass);
    if (!perClass) return m_classThresholds->clear();
    std::vector<int> labels;
    for (const EvaluatedImage& image : m_summary.images) labels.push_back(image.label);
    m_classThresholds->setImages(m_summary.classNames, m_summary.probabilities, labels);
    // Where the model's saved thresholds are, so that moving them starts from what is in use.
    m_classThresholds->setThresholds(m_model.classThresholds);
    updateEnabledStates();
}

void EvaluationPage::clearResults() {
    m_hasResults = false;
    m_summary = {};
    m_perClass->setRowCount(0);
    m_confusion->clear();
    m_reliabilityChart->clear();
    m_rocChart->clear();
    m_precisionRecallChart->clear();
    m_classThresholds->clear();
    m_resultTabs->setTabVisible(classThresholdsTab(), false);
    m_cellTrue = m_cellPredicted = -1;
    m_shownImages.clear();
    m_gallery->setPaths({});
    m_galleryGradCam->setImages({}, {});
    retranslateUi();
}

void EvaluationPage::showImages(const std::vector<EvaluatedImage>& images) {
    m_shownImages = images;
    QStringList paths;
    std::vector<GalleryGradCam::Image> explained;
    for (const EvaluatedImage& image : images) {
        paths << image.path;
        explained.push_back({image.path, image.label, image.predicted});
    }
    m_gallery->setPaths(paths);
    m_galleryGradCam->setImages(explained, m_summary.classNames);
    retranslateUi();  // the heading, and the captions through updateGalleryTexts()
}

void EvaluationPage::updateGalleryTexts() {
    QStringList captions;
    QStringList tiles;
    const QLocale locale;
    for (const EvaluatedImage& image : m_shownImages) {
        const QString truth = m_summary.classNames.value(image.label);
        const QString predicted = m_summary.classNames.value(image.predicted);
        const QString probability = locale.toString(image.predictedProbability, 'f', 2);
        captions << tr("True: %1 · predicted: %2 (probability %3) · loss %4")
                        .arg(truth, predicted, probability, locale.toString(image.loss, 'f', 3));
        tiles << tr("%1 → %2 (%3)", "gallery tile: true class → predicted class (its probability)")
                     .arg(truth, predicted, probability);
    }
    m_gallery->setTexts(captions, tiles);
}

void EvaluationPage::showCell(int trueClass, int predictedClass) {
    if (!m_hasResults || trueClass < 0 || predictedClass < 0) return;
    m_cellTrue = trueClass;
    m_cellPredicted = predictedClass;
    showImages(m_summary.imagesIn(trueClass, predictedClass));
}

void EvaluationPage::showAllMisclassified() {
    m_cellTrue = m_cellPredicted = -1;
    showImages(m_summary.misclassifiedByLoss());
}

QString EvaluationPage::galleryHeading() const { return m_galleryHeading->text(); }
QString EvaluationPage::modelText() const { return m_modelLabel->text(); }
bool EvaluationPage::notPretrainedNoteVisible() const { return !m_notPretrained->isHidden(); }

QString EvaluationPage::cardValue(int card) const {
    const MetricCard* cards[] = {m_lossCard, m_accuracyCard, m_balancedCard, m_countCard, m_eceCard};
    return card >= 0 && card < 5 ? cards[card]->value() : QString();
}

int EvaluationPage::curvesTab() const { return m_resultTabs->indexOf(m_curves); }
int EvaluationPage::classThresholdsTab() const { return m_resultTabs->indexOf(m_classThresholds); }

void EvaluationPage::retranslateUi() {
    setHeader(tr("Evaluation"),
              tr("Measure the trained model on images it has never seen: the test split, or "
                 "another folder with the same classes."));
    m_modelLabel->setText(
        m_model.isValid()
            ? tr("Model: %1, %n class(es), %2×%2 pixels — %3", nullptr,
                 static_cast<int>(m_model.classNames.size()))
                  .arg(m_model.backbone)
                  .arg(m_model.imageSize)
                  .arg(QDir::toNativeSeparators(m_model.path))
            : tr("No trained model yet: train one on the Training page, or open a model file (File ▸ Open "
                 "Model…)."));
    // Shown with a model trained without ImageNet weights, and with results of one.
    const bool notPretrained =
        (m_model.isValid() && !m_model.pretrained) || (m_hasResults && !m_summary.pretrained);
    m_notPretrained->setText(tr("Not pretrained"));
    m_notPretrained->setToolTip(
        tr("This model was trained from random weights, not from ImageNet's: its accuracy says little "
           "about what transfer learning can reach. %1")
            .arg(m_model.weightsNote));
    m_notPretrained->setVisible(notPretrained);
    m_sourceLabel->setText(tr("Test images:"));
    m_splitRadio->setText(tr("Test split of the dataset"));
    m_splitRadio->setToolTip(
        tr("The dataset's test/ folder; a dataset without one is evaluated on its validation images"));
    m_folderRadio->setText(tr("Another folder"));
    m_folderLabel->setText(m_testFolder.isEmpty() ? QString() : QDir::toNativeSeparators(m_testFolder));
    m_browseButton->setText(tr("Choose Folder…"));
    m_evaluateButton->setText(tr("Evaluate"));
    m_cancelButton->setText(tr("Cancel"));

    const QLocale locale;
    m_lossCard->setTitle(tr("Loss (cross entropy)"));
    m_accuracyCard->setTitle(tr("Accuracy"));
    m_balancedCard->setTitle(tr("Balanced accuracy"));
    m_balancedCard->setToolTip(tr("Mean of the per-class recalls: not fooled by one large class"));
    m_countCard->setTitle(tr("Images"));
    m_lossCard->setValue(m_hasResults ? locale.toString(m_summary.loss, 'f', 4) : QString());
    m_accuracyCard->setValue(m_hasResults ? locale.toString(m_summary.accuracy, 'f', 3) : QString());
    m_balancedCard->setValue(m_hasResults ? locale.toString(m_summary.balancedAccuracy, 'f', 3) : QString());
    m_countCard->setValue(m_hasResults ? locale.toString(m_summary.imageCount) : QString());
    retranslateCalibration();
    retranslateThreshold();
    m_resultSource->setVisible(m_hasResults);
    if (!m_hasResults)
        m_resultSource->clear();
    else if (m_summary.failures.isEmpty())
        m_resultSource->setText(tr("Results on %1.").arg(m_summary.source.text()));
    else
        m_resultSource->setText(tr("Results on %1; %n image(s) could not be read.", nullptr,
                                   static_cast<int>(m_summary.failures.size()))
                                    .arg(m_summary.source.text()));
    m_countCard->setToolTip(m_summary.failures.isEmpty()
                                ? QString()
                                : tr("Images that could not be read:") + QLatin1Char('\n') +
                                      m_summary.failures.join(QLatin1Char('\n')));

    m_resultTabs->setTabText(0, tr("Classes"));
    m_resultTabs->setTabText(1, tr("Calibration"));
    m_resultTabs->setTabText(curvesTab(), tr("ROC and Precision-Recall"));
    m_resultTabs->setTabText(classThresholdsTab(), tr("Thresholds and Coverage"));
    // Ranking curves need one positive class: two-class models only.
    m_resultTabs->setTabEnabled(curvesTab(), m_hasResults && m_summary.curves.has_value());
    m_resultTabs->setTabToolTip(curvesTab(),
                                tr("For models with two classes: the second class is the positive one"));
    m_perClassHeading->setText(tr("Per class"));
    m_perClass->setHorizontalHeaderLabels(
        {tr("Class"), tr("Precision"), tr("Recall"), tr("F1 score"), tr("Support")});
    m_confusionHeading->setText(tr("Confusion matrix"));
    m_confusionAxes->setText(m_hasResults
                                 ? tr("Rows: true class. Columns: predicted class. Double-click a cell to "
                                      "see its images.")
                                 : tr("Evaluate the model to see which classes it confuses."));
    m_showAllButton->setText(tr("Show All Misclassified"));
    m_showAllButton->setVisible(m_cellTrue >= 0);
    const int shown = m_gallery->rowCount();
    if (!m_hasResults)
        m_galleryHeading->setText(tr("Misclassified images"));
    else if (m_cellTrue < 0)
        m_galleryHeading->setText(tr("Misclassified images, highest loss first (%n)", nullptr, shown));
    else
        m_galleryHeading->setText(
            tr("True %1, predicted %2: %n image(s), highest loss first", nullptr, shown)
                .arg(m_summary.classNames.value(m_cellTrue), m_summary.classNames.value(m_cellPredicted)));
    updateGalleryTexts();
}

void EvaluationPage::retranslateThreshold() {
    const QLocale locale;
    const QString positive = m_summary.classNames.value(1, m_model.classNames.value(1));
    m_thresholdLabel->setText(tr("Threshold for %1: %2").arg(positive, locale.toString(threshold(), 'f', 2)));
    const std::optional<tlw::ThresholdPoint> point = thresholdPoint();
    m_thresholdFigures->setText(point ? tr("Precision %1 · recall %2 · %3 of %4 images pass")
                                            .arg(locale.toString(point->precision, 'f', 3),
                                                 locale.toString(point->truePositiveRate, 'f', 3))
                                            .arg(point->predictedPositive)
                                            .arg(m_summary.images.size())
                                      : QString());
    m_saveThresholdButton->setText(tr("Save Threshold in Model"));
    m_saveThresholdButton->setToolTip(
        tr("Stored in the model: predictions and exports then answer %1 only from this probability")
            .arg(positive));
    updateEnabledStates();
}

void EvaluationPage::retranslateCalibration() {
    const QLocale locale;
    const tlw::CalibrationFigures& calibration = m_summary.calibration;
    m_eceCard->setTitle(tr("Calibration error (ECE)"));
    m_eceCard->setValue(m_hasResults ? locale.toString(calibration.after.expectedCalibrationError, 'f', 3)
                                     : QString());
    if (!m_hasResults)
        m_eceCard->setToolTip(tr("Expected calibration error: how far the confidence is from the accuracy"));
    else if (calibration.fitted)
        m_eceCard->setToolTip(tr("Expected calibration error over %1 bins: %2 before temperature scaling "
                                 "(temperature %3 fitted on the validation split), %4 after")
                                  .arg(tlw::kReliabilityBins)
                                  .arg(locale.toString(calibration.before.expectedCalibrationError, 'f', 3),
                                       locale.toString(calibration.temperature, 'g', 3),
                                       locale.toString(calibration.after.expectedCalibrationError, 'f', 3)));
    else
        m_eceCard->setToolTip(
            tr("Expected calibration error over %1 bins; the model is not calibrated (it was "
               "trained without a validation split, or by an older version)")
                .arg(tlw::kReliabilityBins));
}

}  // namespace tlw::ui
