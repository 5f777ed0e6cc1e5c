#include "ui/pages/dataset_page.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "ui/adapters/scan_notice_text.h"
#include "ui/item_models/class_count_model.h"
#include "ui/item_models/scan_report_model.h"
#include "ui/item_models/thumbnail_list_model.h"
#include "ui/util/sentences.h"
#include "ui/widgets/audit_panel.h"
#include "ui/widgets/drop_zone.h"
#include "ui/widgets/embedding_map.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/share_bar_delegate.h"
#include "ui/widgets/thumbnail_grid_view.h"

namespace tlw::ui {

namespace {
enum StateIndex { kEmptyState, kBusyState, kOverviewState };
// Larger sections start collapsed, so that 5,000 skipped files do not bury the duplicates below them.
constexpr int kExpandedSectionLimit = 50;
// Wide enough for most class names at a glance; longer ones are elided, their tooltip gives them whole.
constexpr int kMaxClassColumnWidth = 240;

QLabel* makeHeading(QWidget* parent) {
    auto* label = new QLabel(parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}
}  // namespace

DatasetPage::DatasetPage(QWidget* parent)
    : Page(parent),
      m_states(new QStackedWidget(this)),
      m_classCounts(new ClassCountModel(this)),
      m_report(new ScanReportModel(this)) {
    setObjectName(QStringLiteral("datasetPage"));
    m_thumbnails = new ThumbnailListModel(QSize(112, 112), this);
    m_states->addWidget(createEmptyState());
    m_states->addWidget(createBusyState());
    m_states->addWidget(createOverviewState());
    contentLayout()->addWidget(m_states);
    m_splitTimer.setSingleShot(true);
    m_splitTimer.setInterval(kSplitSettleMs);
    connect(&m_splitTimer, &QTimer::timeout, this, [this] { emit splitSettingsChanged(splitSettings()); });
    retranslateUi();
    showEmptyState();
}

QWidget* DatasetPage::createEmptyState() {
    auto* state = new QWidget(this);
    m_dropZone = new DropZone(DropZone::Accepts::Folders, state);
    m_dropZone->setIcon(QIcon(QStringLiteral(":/icons/dataset.svg")));
    m_openButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), state);
    m_openButton->setDefault(true);
    m_demoButton = new QPushButton(QIcon(QStringLiteral(":/icons/demo.svg")), QString(), state);
    m_demoButton->setObjectName(QStringLiteral("demoButton"));
    m_dropZone->addButton(m_openButton);
    m_dropZone->addButton(m_demoButton);
    connect(m_openButton, &QPushButton::clicked, this, &DatasetPage::openFolderRequested);
    connect(m_demoButton, &QPushButton::clicked, this, &DatasetPage::demoDataRequested);
    connect(m_dropZone, &DropZone::pathsDropped, this,
            [this](const QStringList& paths) { emit folderChosen(paths.first()); });

    m_recentLabel = makeHeading(state);
    m_recentList = new QListWidget(state);
    m_recentList->setMaximumHeight(150);
    m_recentList->setAlternatingRowColors(true);
    connect(m_recentList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit folderChosen(item->data(Qt::UserRole).toString()); });

    auto* layout = new QVBoxLayout(state);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_dropZone, 1);
    layout->addWidget(m_recentLabel);
    layout->addWidget(m_recentList);
    return state;
}

QWidget* DatasetPage::createBusyState() {
    auto* state = new QWidget(this);
    m_busyLabel = new QLabel(state);
    m_busyLabel->setAlignment(Qt::AlignCenter);
    m_busyLabel->setWordWrap(true);
    m_busyProgress = new QProgressBar(state);
    m_busyProgress->setObjectName(QStringLiteral("scanProgress"));
    m_busyProgress->setMinimumWidth(360);
    m_busyProgress->setTextVisible(false);
    m_busyCount = new QLabel(state);
    m_busyCount->setAlignment(Qt::AlignCenter);
    m_busyCancel = new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), QString(), state);
    m_busyCancel->setObjectName(QStringLiteral("scanCancelButton"));
    connect(m_busyCancel, &QPushButton::clicked, this, &DatasetPage::cancelRequested);
    auto* layout = new QVBoxLayout(state);
    layout->setSpacing(10);
    layout->addStretch();
    layout->addWidget(m_busyLabel);
    layout->addWidget(m_busyProgress, 0, Qt::AlignHCenter);
    layout->addWidget(m_busyCount);
    layout->addWidget(m_busyCancel, 0, Qt::AlignHCenter);
    layout->addStretch();
    return state;
}

QWidget* DatasetPage::createOverviewState() {
    auto* state = new QWidget(this);

    m_folderLabel = new QLabel(state);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_folderLabel->setWordWrap(true);
    m_rescanProgress = new QProgressBar(state);
    m_rescanProgress->setObjectName(QStringLiteral("rescanProgress"));
    m_rescanProgress->setMaximumWidth(200);
    m_rescanProgress->setFormat(QStringLiteral("%v / %m"));
    m_rescanProgress->hide();
    m_rescanCancel = new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), QString(), state);
    m_rescanCancel->hide();
    connect(m_rescanCancel, &QPushButton::clicked, this, &DatasetPage::cancelRequested);
    m_openOtherButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), state);
    connect(m_openOtherButton, &QPushButton::clicked, this, &DatasetPage::openFolderRequested);
    auto* top = new QHBoxLayout;
    top->addWidget(m_folderLabel, 1);
    top->addWidget(m_rescanProgress);
    top->addWidget(m_rescanCancel);
    top->addWidget(m_openOtherButton);

    // Left column: classes and split settings.
    auto* left = new QWidget(state);
    m_classesHeading = makeHeading(left);
    m_classTable = new QTableView(left);
    m_classTable->setObjectName(QStringLiteral("classTable"));
    m_classTable->setModel(m_classCounts);
    m_classTable->setItemDelegateForColumn(ClassCountModel::ShareColumn,
                                           new ShareBarDelegate(ClassCountModel::ShareRole, m_classTable));
    m_classTable->verticalHeader()->hide();
    m_classTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_classTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_classTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_classTable->setTextElideMode(Qt::ElideMiddle);
    QHeaderView* header = m_classTable->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The class column is sized to its names by sizeClassColumn(), the share bar takes what is left.
    header->setSectionResizeMode(ClassCountModel::ClassColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(ClassCountModel::ShareColumn, QHeaderView::Stretch);
    // Row 0 is "All classes".
    connect(m_classTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showClassThumbnails(current.row() - 1); });

    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_classesHeading);
    leftLayout->addWidget(m_classTable, 1);
    leftLayout->addSpacing(8);
    leftLayout->addWidget(createSplitSettings(left));

    // Right column: thumbnails above the scan report, the border between them movable.
    auto* images = new QWidget(state);
    m_imagesHeading = makeHeading(images);
    m_grid = new ThumbnailGridView(images);
    m_grid->setThumbnailModel(m_thumbnails);
    m_grid->setOpensViewer(true);
    connect(m_grid, &ThumbnailGridView::imageActivated, this, &DatasetPage::imageActivated);
    auto* imagesLayout = new QVBoxLayout(images);
    imagesLayout->setContentsMargins(0, 0, 0, 0);
    imagesLayout->addWidget(m_imagesHeading);
    imagesLayout->addWidget(m_grid, 1);
    auto* right = new QSplitter(Qt::Vertical, state);
    m_imagesAndReport = right;
    right->addWidget(images);
    right->addWidget(createReportArea(right));
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setChildrenCollapsible(false);

    // The images and report on one tab, the audit of their labels on another, their map on a third.
    m_rightTabs = new QTabWidget(state);
    m_rightTabs->setObjectName(QStringLiteral("datasetTabs"));
    m_rightTabs->addTab(right, QString());
    m_auditPanel = new AuditPanel(m_rightTabs);
    m_rightTabs->addTab(m_auditPanel, QString());
    m_mapPanel = new EmbeddingMapPanel(m_rightTabs);
    m_rightTabs->addTab(m_mapPanel, QString());

    auto* splitter = new QSplitter(Qt::Horizontal, state);
    m_columns = splitter;
    splitter->addWidget(left);
    splitter->addWidget(m_rightTabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(state);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    return state;
}

QWidget* DatasetPage::createSplitSettings(QWidget* parent) {
    auto* box = new QWidget(parent);
    m_splitHeading = makeHeading(box);
    m_detectedSplit = new QLabel(box);
    m_detectedSplit->setObjectName(QStringLiteral("detectedSplit"));
    m_detectedSplit->setWordWrap(true);

    m_fractionRow = new QWidget(box);
    m_validationLabel = new QLabel(m_fractionRow);
    m_validationFraction = new QDoubleSpinBox(m_fractionRow);
    m_validationFraction->setObjectName(QStringLiteral("validationFraction"));
    m_validationFraction->setRange(0.0, 0.9);
    m_validationFraction->setSingleStep(0.05);
    m_validationFraction->setDecimals(2);
    m_validationFraction->setValue(SplitSettings{}.validationFraction);
    m_seedLabel = new QLabel(m_fractionRow);
    m_seed = new QSpinBox(m_fractionRow);
    m_seed->setObjectName(QStringLiteral("splitSeed"));
    m_seed->setRange(0, 999999);
    m_seed->setValue(SplitSettings{}.seed);
    m_validationLabel->setBuddy(m_validationFraction);
    m_seedLabel->setBuddy(m_seed);
    connect(m_validationFraction, &QDoubleSpinBox::valueChanged, this, &DatasetPage::scheduleSplitChange);
    connect(m_seed, &QSpinBox::valueChanged, this, &DatasetPage::scheduleSplitChange);
    auto* fraction = new QFormLayout(m_fractionRow);
    fraction->setContentsMargins(0, 0, 0, 0);
    fraction->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    fraction->addRow(m_validationLabel, m_validationFraction);
    fraction->addRow(m_seedLabel, m_seed);

    m_manifestLabel = new QLabel(box);
    m_manifestLabel->setObjectName(QStringLiteral("manifestLabel"));
    m_manifestLabel->setWordWrap(true);
    m_useManifestButton = new QPushButton(box);
    m_clearManifestButton = new QPushButton(box);
    m_saveManifestButton =
        new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), box);
    m_saveManifestButton->setObjectName(QStringLiteral("saveManifestButton"));
    connect(m_useManifestButton, &QPushButton::clicked, this, &DatasetPage::chooseManifestRequested);
    connect(m_clearManifestButton, &QPushButton::clicked, this, [this] { setManifestPath(QString()); });
    connect(m_saveManifestButton, &QPushButton::clicked, this, &DatasetPage::saveManifestRequested);
    auto* manifestButtons = new QHBoxLayout;
    manifestButtons->setSpacing(6);
    manifestButtons->addWidget(m_useManifestButton);
    manifestButtons->addWidget(m_clearManifestButton);
    manifestButtons->addStretch();

    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_splitHeading);
    layout->addWidget(m_detectedSplit);
    layout->addWidget(m_fractionRow);
    layout->addWidget(m_manifestLabel);
    layout->addLayout(manifestButtons);
    layout->addWidget(m_saveManifestButton, 0, Qt::AlignLeft);
    return box;
}

QWidget* DatasetPage::createReportArea(QWidget* parent) {
    auto* area = new QWidget(parent);
    m_reportHeading = makeHeading(area);
    m_reportSummary = new QLabel(area);
    m_reportSummary->setObjectName(QStringLiteral("reportSummary"));
    m_reportSummary->setWordWrap(true);
    m_reportSummary->setForegroundRole(QPalette::PlaceholderText);
    m_reportView = new QTreeView(area);
    m_reportView->setObjectName(QStringLiteral("scanReport"));
    m_reportView->setModel(m_report);
    m_reportView->setHeaderHidden(true);
    m_reportView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reportView->setUniformRowHeights(true);
    m_reportView->setTextElideMode(Qt::ElideMiddle);
    connect(m_reportView, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString path = index.data(ScanReportModel::PathRole).toString();
        if (!path.isEmpty()) emit revealFileRequested(path);
    });
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(m_reportHeading);
    layout->addWidget(m_reportSummary);
    layout->addWidget(m_reportView, 1);
    return area;
}

void DatasetPage::setRecentFolders(const QStringList& folders) {
    m_recentLabel->setVisible(!folders.isEmpty());
    m_recentList->setVisible(!folders.isEmpty());
    if (folders == m_recentFolders) return;
    m_recentFolders = folders;
    // Looked up once: the icon theme lookup costs milliseconds, and this runs as a folder opens.
    if (m_folderIcon.isNull()) m_folderIcon = style()->standardIcon(QStyle::SP_DirIcon);
    m_recentList->clear();
    for (const QString& folder : folders) {
        auto* item = new QListWidgetItem(m_folderIcon, QDir::toNativeSeparators(folder));
        item->setData(Qt::UserRole, folder);
        m_recentList->addItem(item);
    }
}

SplitSettings DatasetPage::splitSettings() const {
    SplitSettings settings;
    settings.validationFraction = m_validationFraction->value();
    settings.seed = m_seed->value();
    settings.manifestPath = m_manifestPath;
    return settings;
}

void DatasetPage::setSplitSettings(const SplitSettings& settings) {
    const QSignalBlocker blockFraction(m_validationFraction);
    const QSignalBlocker blockSeed(m_seed);
    m_validationFraction->setValue(settings.validationFraction);
    m_seed->setValue(settings.seed);
    m_manifestPath = settings.manifestPath;
    m_splitTimer.stop();
    updateSplitControls();
}

void DatasetPage::scheduleSplitChange() { m_splitTimer.start(); }

void DatasetPage::setManifestPath(const QString& path) {
    m_manifestPath = path;
    m_splitTimer.stop();
    updateSplitControls();
    emit splitSettingsChanged(splitSettings());
}

double DatasetPage::validationFraction() const { return m_validationFraction->value(); }
int DatasetPage::splitSeed() const { return m_seed->value(); }
bool DatasetPage::hasDataset() const { return m_hasOverview; }
bool DatasetPage::isBusy() const {
    return m_states->currentIndex() == kBusyState || m_rescanProgress->isVisible();
}
int DatasetPage::classCount() const { return static_cast<int>(m_overview.classes.size()); }

QString DatasetPage::shownClass() const {
    const int row = m_classTable->currentIndex().row() - 1;  // row 0 is "All classes"
    return row >= 0 && row < classCount() ? m_overview.classes[static_cast<size_t>(row)].name : QString();
}

QString DatasetPage::busyText() const { return m_busyCount->text(); }

void DatasetPage::showEmptyState() {
    m_folder.clear();
    m_overview = {};
    m_hasOverview = false;
    m_thumbnails->setPaths({});
    m_report->clear();
    banner()->hide();
    m_states->setCurrentIndex(kEmptyState);
}

void DatasetPage::showScanning(const QString& folder) {
    m_busyKind = BusyKind::Scanning;
    m_busyDone = m_busyTotal = -1;
    const bool rescan = m_hasOverview && folder == m_overview.folder;
    m_folder = folder;
    if (rescan) {
        m_rescanProgress->setRange(0, 0);
        m_rescanProgress->show();
        m_rescanCancel->show();
        m_states->setCurrentIndex(kOverviewState);
    } else {
        m_rescanProgress->hide();
        m_rescanCancel->hide();
        m_states->setCurrentIndex(kBusyState);
    }
    updateBusyTexts();
}

void DatasetPage::showGeneratingDemo(const QString& folder) {
    m_busyKind = BusyKind::GeneratingDemo;
    m_busyDone = m_busyTotal = -1;
    m_folder = folder;
    m_rescanProgress->hide();
    m_rescanCancel->hide();
    m_states->setCurrentIndex(kBusyState);
    updateBusyTexts();
}

void DatasetPage::showProgress(qint64 done, qint64 total) {
    m_busyDone = done;
    m_busyTotal = total;
    for (QProgressBar* bar : {m_busyProgress, m_rescanProgress}) {
        bar->setRange(0, total > 0 ? static_cast<int>(total) : 0);
        bar->setValue(static_cast<int>(std::min(done, total)));
    }
    updateBusyTexts();
}

void DatasetPage::showScanStopped() {
    m_rescanProgress->hide();
    m_rescanCancel->hide();
    if (m_hasOverview) {
        m_folder = m_overview.folder;
        m_states->setCurrentIndex(kOverviewState);
    } else {
        m_folder.clear();
        m_states->setCurrentIndex(kEmptyState);
    }
}

void DatasetPage::showOverview(const DatasetOverview& overview) {
    const QString previousClass = m_overview.folder == overview.folder ? shownClass() : QString();
    m_overview = overview;
    m_hasOverview = true;
    QStringList classNames;
    for (const auto& entry : overview.classes) classNames << entry.name;
    m_auditPanel->setClassNames(classNames);
    m_mapPanel->setClassNames(classNames);
    m_folder = overview.folder;
    if (overview.splitSource == DatasetSplitSource::Manifest) m_manifestPath = overview.manifestPath;
    m_rescanProgress->hide();
    m_rescanCancel->hide();
    m_classCounts->setClasses(overview.classes);
    // Subsets the dataset does not have would only be columns of zeros.
    m_classTable->setColumnHidden(ClassCountModel::ValidationColumn,
                                  !overview.hasSubset(DatasetSubset::Validation));
    m_classTable->setColumnHidden(ClassCountModel::TestColumn, !overview.hasSubset(DatasetSubset::Test));
    sizeClassColumn();
    updateSplitControls();
    retranslateUi();  // also fills the report
    showTrainability();
    m_states->setCurrentIndex(kOverviewState);
    sizeReportArea();
    int row = 0;
    for (int i = 0; i < classCount(); ++i)
        if (!previousClass.isEmpty() && overview.classes[static_cast<size_t>(i)].name == previousClass)
            row = i + 1;
    if (m_classTable->currentIndex().row() == row)
        showClassThumbnails(row - 1);
    else
        m_classTable->setCurrentIndex(m_classCounts->index(row, 0));  // currentRowChanged shows them
}

void DatasetPage::sizeReportArea() {
    // A clean report needs two lines; one with problems gets room to read them. Only when that changes,
    // so that a height the user dragged to stays through rescans.
    const int problems = m_overview.report.hasProblems() ? 1 : 0;
    if (problems == m_reportSizedFor) return;
    m_reportSizedFor = problems;
    const int total = std::max(m_imagesAndReport->height(), 400);
    const int report = problems ? total * 2 / 5 : std::min(total / 4, 150);
    m_imagesAndReport->setSizes({total - report, report});
}

void DatasetPage::showTrainability() {
    if (m_overview.trainable) {
        banner()->hide();
        return;
    }
    showError(
        [] { return tr("This dataset cannot be trained on yet."); },
        [errors = m_overview.report.errors] { return ScanNoticeText::joined(errors, QStringLiteral("\n")); });
}

void DatasetPage::fillReport() {
    m_report->setReport(m_overview.folder, m_overview.report);
    for (int row = 0; row < m_report->rowCount(); ++row) {
        const QModelIndex index = m_report->index(row, 0);
        m_reportView->setExpanded(index, m_report->rowCount(index) <= kExpandedSectionLimit);
    }
}

void DatasetPage::updateSplitControls() {
    const bool folders = m_overview.splitSource == DatasetSplitSource::SplitFolders && m_hasOverview;
    const bool manifest = !m_manifestPath.isEmpty();
    m_detectedSplit->setVisible(folders && !manifest);
    m_manifestLabel->setVisible(manifest || !folders);
    m_fractionRow->setVisible(!folders);
    m_fractionRow->setEnabled(!manifest);
    m_clearManifestButton->setVisible(manifest);
    m_saveManifestButton->setEnabled(m_hasOverview && m_overview.usableImages > 0);
    updateSplitTexts();
}

void DatasetPage::updateSplitTexts() {
    QStringList folders;
    for (const QString& folder : m_overview.splitFolders) folders << folder + QLatin1Char('/');
    m_detectedSplit->setText(
        tr("Fixed split folders: %1. Their split is used as it is.").arg(folders.join(QStringLiteral(", "))));
    m_manifestLabel->setText(
        m_manifestPath.isEmpty()
            ? tr("No split manifest: the fraction and seed above decide the split.")
            : tr("Subsets from the split manifest %1.").arg(QDir::toNativeSeparators(m_manifestPath)));
}

void DatasetPage::updateBusyTexts() {
    const QString folder = QDir::toNativeSeparators(m_folder);
    const QLocale locale;
    if (m_busyKind == BusyKind::Scanning) {
        m_busyLabel->setText(tr("Checking every image in %1…").arg(folder));
        m_busyCount->setText(m_busyTotal < 0
                                 ? tr("Looking for class folders…")
                                 : tr("%1 of %2 files checked")
                                       .arg(locale.toString(m_busyDone), locale.toString(m_busyTotal)));
    } else {
        m_busyLabel->setText(tr("Drawing the demo seal impressions into %1…").arg(folder));
        m_busyCount->setText(
            m_busyTotal < 0
                ? tr("Loading the fonts…")
                : tr("%1 of %2 images drawn").arg(locale.toString(m_busyDone), locale.toString(m_busyTotal)));
    }
    if (m_busyTotal < 0) m_busyProgress->setRange(0, 0);
}

void DatasetPage::sizeClassColumn() {
    m_classTable->resizeColumnToContents(ClassCountModel::ClassColumn);
    const int width = m_classTable->columnWidth(ClassCountModel::ClassColumn);
    if (width > kMaxClassColumnWidth)
        m_classTable->setColumnWidth(ClassCountModel::ClassColumn, kMaxClassColumnWidth);
    // Once the layout has given the splitter its width.
    QTimer::singleShot(0, this, &DatasetPage::widenClassesToFit);
}

void DatasetPage::showEvent(QShowEvent* event) {
    Page::showEvent(event);
    QTimer::singleShot(0, this, &DatasetPage::widenClassesToFit);
}

// The left column gets the width its table needs to show every count beside the names and some share bar,
// up to 45 % of the page; it is only ever widened, so a width the user dragged to stays.
void DatasetPage::widenClassesToFit() {
    constexpr int kShareBarWidth = 60;
    constexpr double kMaxShare = 0.45;
    int needed = kShareBarWidth + 2 * m_classTable->frameWidth();
    for (int column = 0; column < ClassCountModel::ShareColumn; ++column)
        if (!m_classTable->isColumnHidden(column)) needed += m_classTable->columnWidth(column);
    needed += m_classTable->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const QList<int> sizes = m_columns->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    if (total <= 0 || sizes.value(0) >= needed) return;
    const int left = std::min(needed, static_cast<int>(total * kMaxShare));
    if (left > sizes.value(0)) m_columns->setSizes({left, total - left});
}

void DatasetPage::showClassThumbnails(int classRow) {
    m_thumbnailClassRow = classRow >= 0 && classRow < classCount() ? classRow : -1;
    QStringList paths;
    if (m_thumbnailClassRow >= 0) {
        paths = m_overview.classes[static_cast<size_t>(classRow)].imagePaths;
    } else {
        for (const DatasetClassSummary& summary : m_overview.classes) paths += summary.imagePaths;
    }
    m_thumbnails->setPaths(paths);
    updateThumbnailTexts();
    m_imagesHeading->setText(tr("Images (%n)", nullptr, static_cast<int>(paths.size())));
}

QString DatasetPage::subsetText(DatasetSubset subset) const {
    switch (subset) {
        case DatasetSubset::Validation:
            return tr("validation");
        case DatasetSubset::Test:
            return tr("test");
        case DatasetSubset::Train:
            break;
    }
    return tr("training");
}

// Each thumbnail's class and subset as badges, and in its tooltip and the image viewer's caption; worded
// again on a language switch without reloading a thumbnail.
void DatasetPage::updateThumbnailTexts() {
    QStringList captions;
    QList<QStringList> badges;
    for (int row = 0; row < classCount(); ++row) {
        if (m_thumbnailClassRow >= 0 && row != m_thumbnailClassRow) continue;
        const DatasetClassSummary& summary = m_overview.classes[static_cast<size_t>(row)];
        for (int i = 0; i < summary.imagePaths.size(); ++i) {
            const QString subset =
                i < summary.imageSubsets.size() ? subsetText(summary.imageSubsets[i]) : QString();
            badges.append({summary.name, subset});
            captions.append(subset.isEmpty() ? tr("Class: %1").arg(summary.name)
                                             : tr("Class: %1, subset: %2").arg(summary.name, subset));
        }
    }
    if (captions.size() != m_thumbnails->rowCount()) return;  // the overview changed under the grid
    m_thumbnails->setTexts(captions, {});
    m_thumbnails->setBadges(badges);
}

void DatasetPage::retranslateUi() {
    setHeader(tr("Dataset"), tr("One sub-folder per class, as Keras image_dataset_from_directory expects."));
    m_dropZone->setHeadline(tr("Open a dataset folder…"));
    m_dropZone->setHint(
        tr("Drop a folder here, or choose one. Each sub-folder is a class; its images are the "
           "examples of that class. Folders with train/ and val/ sub-folders keep their split."));
    m_openButton->setText(tr("Open Dataset Folder…"));
    m_rightTabs->setTabText(kImagesTab, tr("Images and Report"));
    m_rightTabs->setTabText(kAuditTab, tr("Audit Labels"));
    m_rightTabs->setTabText(kMapTab, tr("Map"));
    m_demoButton->setText(tr("Try with Demo Data"));
    m_demoButton->setToolTip(tr("Generate a small seal-impression dataset and open it"));
    m_recentLabel->setText(tr("Recent datasets"));
    m_busyCancel->setText(tr("Cancel"));
    m_rescanCancel->setText(tr("Cancel"));
    m_rescanProgress->setToolTip(tr("Checking the images again with the new split settings"));
    updateBusyTexts();
    m_openOtherButton->setText(tr("Open Another Folder…"));
    m_folderLabel->setText(tr("Folder: %1").arg(QDir::toNativeSeparators(m_overview.folder)));
    m_classesHeading->setText(tr("Classes"));
    m_classCounts->retranslate();
    sizeClassColumn();  // "All classes" is longer in some languages
    updateThumbnailTexts();
    m_splitHeading->setText(tr("Training / validation split"));
    updateSplitTexts();
    m_validationLabel->setText(tr("Validation fraction:"));
    m_validationFraction->setToolTip(
        tr("Share of each class held out for validation, stratified (Keras: <code>validation_split</code>)"));
    m_seedLabel->setText(tr("Seed:"));
    m_seed->setToolTip(
        tr("Seed of the random split: the same seed gives the same split (Keras: <code>seed</code>)"));
    m_useManifestButton->setText(tr("Use Split Manifest…"));
    m_useManifestButton->setToolTip(
        tr("Reuse the subsets recorded in a manifest, so that a run can be repeated on the same split"));
    m_clearManifestButton->setText(tr("Stop Using It"));
    m_saveManifestButton->setText(tr("Save Split Manifest…"));
    m_saveManifestButton->setToolTip(
        tr("Write which file went to which subset, with content hashes, to a JSON file"));
    m_imagesHeading->setText(tr("Images (%n)", nullptr, static_cast<int>(m_thumbnails->paths().size())));
    m_reportHeading->setText(tr("Scan report"));
    m_reportSummary->setText(reportSummaryText());
    if (m_hasOverview) {
        fillReport();
        if (!m_overview.trainable) showTrainability();
    }
}

QString DatasetPage::reportSummaryText() const {
    QStringList sentences{tr("%1 image files, %2 usable, checked in %3 s.")
                              .arg(QLocale().toString(m_overview.imageFiles),
                                   QLocale().toString(m_overview.usableImages),
                                   QLocale().toString(m_overview.seconds, 'f', 1))};
    if (m_overview.verifiedEarlier > 0)
        sentences << tr("%n of them verified by an earlier scan and unchanged since, so not decoded again.",
                        nullptr, m_overview.verifiedEarlier);
    sentences << tr("Double-click a file to show it in the file manager.");
    return joinSentences(sentences);
}

}  // namespace tlw::ui
