#include "ui/pages/dataset_page.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/item_models/thumbnail_list_model.h"
#include "ui/widgets/drop_zone.h"
#include "ui/widgets/error_banner.h"
#include "ui/widgets/thumbnail_grid_view.h"

namespace tlw::ui {

namespace {
enum StateIndex { kEmptyState, kScanningState, kOverviewState };
enum ClassColumn { kClassName, kClassCount, kClassShare, kClassColumnCount };

QLabel* makeHeading(QWidget* parent) {
    auto* label = new QLabel(parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    return label;
}
}  // namespace

DatasetPage::DatasetPage(QWidget* parent) : Page(parent), m_states(new QStackedWidget(this)) {
    setObjectName(QStringLiteral("datasetPage"));
    m_thumbnails = new ThumbnailListModel(QSize(112, 112), this);
    m_states->addWidget(createEmptyState());
    m_states->addWidget(createScanningState());
    m_states->addWidget(createOverviewState());
    contentLayout()->addWidget(m_states);
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

QWidget* DatasetPage::createScanningState() {
    auto* state = new QWidget(this);
    m_scanningLabel = new QLabel(state);
    m_scanningLabel->setAlignment(Qt::AlignCenter);
    m_scanningLabel->setWordWrap(true);
    auto* busy = new QProgressBar(state);
    busy->setRange(0, 0);  // indeterminate until core reports progress
    busy->setMaximumWidth(320);
    auto* layout = new QVBoxLayout(state);
    layout->addStretch();
    layout->addWidget(m_scanningLabel);
    layout->addWidget(busy, 0, Qt::AlignHCenter);
    layout->addStretch();
    return state;
}

QWidget* DatasetPage::createOverviewState() {
    auto* state = new QWidget(this);

    m_folderLabel = new QLabel(state);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_folderLabel->setWordWrap(true);
    m_openOtherButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), state);
    connect(m_openOtherButton, &QPushButton::clicked, this, &DatasetPage::openFolderRequested);
    auto* top = new QHBoxLayout;
    top->addWidget(m_folderLabel, 1);
    top->addWidget(m_openOtherButton);

    // Left column: classes and split settings.
    auto* left = new QWidget(state);
    m_classesHeading = makeHeading(left);
    m_classTable = new QTableWidget(0, kClassColumnCount, left);
    m_classTable->verticalHeader()->hide();
    m_classTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_classTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_classTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_classTable->horizontalHeader()->setSectionResizeMode(kClassName, QHeaderView::Stretch);
    m_classTable->horizontalHeader()->setSectionResizeMode(kClassCount, QHeaderView::ResizeToContents);
    m_classTable->horizontalHeader()->setSectionResizeMode(kClassShare, QHeaderView::Stretch);
    connect(m_classTable, &QTableWidget::currentCellChanged, this,
            [this](int row) { showClassThumbnails(row - 1); });  // row 0 is "All classes"

    m_splitHeading = makeHeading(left);
    m_validationLabel = new QLabel(left);
    m_validationFraction = new QDoubleSpinBox(left);
    m_validationFraction->setRange(0.0, 0.9);
    m_validationFraction->setSingleStep(0.05);
    m_validationFraction->setDecimals(2);
    m_validationFraction->setValue(0.2);
    m_seedLabel = new QLabel(left);
    m_seed = new QSpinBox(left);
    m_seed->setRange(0, 999999);
    m_seed->setValue(123);
    m_detectedSplit = new QLabel(left);
    m_detectedSplit->setWordWrap(true);
    m_detectedSplit->hide();
    const auto emitSplit = [this] { emit splitSettingsChanged(validationFraction(), splitSeed()); };
    connect(m_validationFraction, &QDoubleSpinBox::valueChanged, this, emitSplit);
    connect(m_seed, &QSpinBox::valueChanged, this, emitSplit);
    auto* split = new QFormLayout;
    split->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    split->addRow(m_validationLabel, m_validationFraction);
    split->addRow(m_seedLabel, m_seed);

    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_classesHeading);
    leftLayout->addWidget(m_classTable, 1);
    leftLayout->addSpacing(8);
    leftLayout->addWidget(m_splitHeading);
    leftLayout->addLayout(split);
    leftLayout->addWidget(m_detectedSplit);

    // Right column: thumbnails above the scan report.
    auto* right = new QWidget(state);
    m_imagesHeading = makeHeading(right);
    m_grid = new ThumbnailGridView(right);
    m_grid->setThumbnailModel(m_thumbnails);
    connect(m_grid, &ThumbnailGridView::imageActivated, this, &DatasetPage::imageActivated);
    m_problemsHeading = makeHeading(right);
    m_problems = new QListWidget(right);
    m_problems->setAlternatingRowColors(true);
    m_problems->setMaximumHeight(160);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_imagesHeading);
    rightLayout->addWidget(m_grid, 1);
    rightLayout->addWidget(m_problemsHeading);
    rightLayout->addWidget(m_problems);

    auto* splitter = new QSplitter(Qt::Horizontal, state);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(state);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    return state;
}

void DatasetPage::setRecentFolders(const QStringList& folders) {
    m_recentList->clear();
    for (const QString& folder : folders) {
        auto* item =
            new QListWidgetItem(style()->standardIcon(QStyle::SP_DirIcon), QDir::toNativeSeparators(folder));
        item->setData(Qt::UserRole, folder);
        m_recentList->addItem(item);
    }
    m_recentLabel->setVisible(!folders.isEmpty());
    m_recentList->setVisible(!folders.isEmpty());
}

double DatasetPage::validationFraction() const { return m_validationFraction->value(); }
int DatasetPage::splitSeed() const { return m_seed->value(); }
bool DatasetPage::hasDataset() const { return m_states->currentIndex() == kOverviewState; }
int DatasetPage::classCount() const { return static_cast<int>(m_overview.classes.size()); }

QString DatasetPage::shownClass() const {
    const int row = m_classTable->currentRow() - 1;
    return row >= 0 && row < classCount() ? m_overview.classes[static_cast<size_t>(row)].name : QString();
}

void DatasetPage::showEmptyState() {
    m_folder.clear();
    m_overview = {};
    m_thumbnails->setPaths({});
    m_states->setCurrentIndex(kEmptyState);
}

void DatasetPage::showScanning(const QString& folder) {
    m_folder = folder;
    m_scanningLabel->setText(tr("Scanning %1…").arg(QDir::toNativeSeparators(folder)));
    m_states->setCurrentIndex(kScanningState);
}

void DatasetPage::showOverview(const DatasetOverview& overview) {
    m_overview = overview;
    m_folder = overview.folder;
    banner()->hide();
    fillClassTable();
    m_problems->clear();
    for (const DatasetProblem& problem : overview.problems) {
        auto* item =
            new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxWarning),
                                tr("%1 — %2").arg(QDir::toNativeSeparators(problem.path), problem.reason));
        item->setToolTip(problem.path);
        m_problems->addItem(item);
    }
    m_detectedSplit->setText(overview.detectedSplit);
    m_detectedSplit->setVisible(!overview.detectedSplit.isEmpty());
    retranslateUi();
    m_states->setCurrentIndex(kOverviewState);
    m_classTable->setCurrentCell(0, 0);
    showClassThumbnails(-1);
}

void DatasetPage::fillClassTable() {
    int total = 0;
    for (const DatasetClassSummary& summary : m_overview.classes)
        total += static_cast<int>(summary.imagePaths.size());
    m_classTable->setRowCount(static_cast<int>(m_overview.classes.size()) + 1);
    const auto setRow = [this, total](int row, const QString& name, int count) {
        auto* nameItem = new QTableWidgetItem(name);
        auto* countItem = new QTableWidgetItem(QLocale().toString(count));
        countItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_classTable->setItem(row, kClassName, nameItem);
        m_classTable->setItem(row, kClassCount, countItem);
        // Centred in the cell: a bare cell widget would stretch the bar over the whole row height.
        auto* cell = new QWidget(m_classTable);
        auto* bar = new QProgressBar(cell);
        bar->setRange(0, std::max(total, 1));
        bar->setValue(count);
        bar->setTextVisible(false);
        bar->setFixedHeight(10);
        auto* cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(6, 0, 6, 0);
        cellLayout->addWidget(bar, 0, Qt::AlignVCenter);
        m_classTable->setCellWidget(row, kClassShare, cell);
    };
    setRow(0, QString(), total);  // named in retranslateUi()
    for (size_t i = 0; i < m_overview.classes.size(); ++i) {
        const DatasetClassSummary& summary = m_overview.classes[i];
        setRow(static_cast<int>(i) + 1, summary.name, static_cast<int>(summary.imagePaths.size()));
    }
}

void DatasetPage::showClassThumbnails(int classRow) {
    QStringList paths;
    if (classRow >= 0 && classRow < classCount()) {
        paths = m_overview.classes[static_cast<size_t>(classRow)].imagePaths;
    } else {
        for (const DatasetClassSummary& summary : m_overview.classes) paths += summary.imagePaths;
    }
    m_thumbnails->setPaths(paths);
}

void DatasetPage::retranslateUi() {
    setHeader(tr("Dataset"), tr("One sub-folder per class, as Keras image_dataset_from_directory expects."));
    m_dropZone->setHeadline(tr("Open a dataset folder…"));
    m_dropZone->setHint(
        tr("Drop a folder here, or choose one. Each sub-folder is a class; its images are the "
           "examples of that class."));
    m_openButton->setText(tr("Open Dataset Folder…"));
    m_demoButton->setText(tr("Try with Demo Data"));
    m_demoButton->setToolTip(tr("Generate a small seal-impression dataset and open it"));
    m_recentLabel->setText(tr("Recent datasets"));
    m_openOtherButton->setText(tr("Open Another Folder…"));
    m_folderLabel->setText(tr("Folder: %1").arg(QDir::toNativeSeparators(m_folder)));
    m_classesHeading->setText(tr("Classes"));
    m_classTable->setHorizontalHeaderLabels({tr("Class"), tr("Images"), tr("Share")});
    if (m_classTable->rowCount() > 0 && m_classTable->item(0, kClassName) != nullptr)
        m_classTable->item(0, kClassName)->setText(tr("All classes"));
    m_splitHeading->setText(tr("Training / validation split"));
    m_validationLabel->setText(tr("Validation fraction:"));
    m_validationFraction->setToolTip(
        tr("Share of each class held out for validation (Keras: <code>validation_split</code>)"));
    m_seedLabel->setText(tr("Seed:"));
    m_seed->setToolTip(
        tr("Seed of the random split: the same seed gives the same split (Keras: <code>seed</code>)"));
    int imageCount = 0;
    for (const DatasetClassSummary& summary : m_overview.classes)
        imageCount += static_cast<int>(summary.imagePaths.size());
    m_imagesHeading->setText(tr("Images (%n)", nullptr, imageCount));
    m_problemsHeading->setText(
        tr("Scan report: %n problem(s)", nullptr, static_cast<int>(m_overview.problems.size())));
}

}  // namespace tlw::ui
