#include "ui/pages/evaluation_page.h"

#include <QButtonGroup>
#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/item_models/thumbnail_list_model.h"
#include "ui/widgets/metric_card.h"
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

QLabel* makePlaceholder(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setFrameShape(QFrame::StyledPanel);
    label->setMinimumHeight(120);
    return label;
}
}  // namespace

EvaluationPage::EvaluationPage(QWidget* parent) : Page(parent) {
    setObjectName(QStringLiteral("evaluationPage"));
    contentLayout()->addWidget(createSourceRow());
    contentLayout()->addWidget(createResults(), 1);
    retranslateUi();
    clearResults();
}

QWidget* EvaluationPage::createSourceRow() {
    auto* row = new QWidget(this);
    m_sourceLabel = new QLabel(row);
    m_splitRadio = new QRadioButton(row);
    m_folderRadio = new QRadioButton(row);
    m_splitRadio->setChecked(true);
    auto* group = new QButtonGroup(row);
    group->addButton(m_splitRadio);
    group->addButton(m_folderRadio);
    m_folderLabel = new QLabel(row);
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_browseButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), row);
    m_evaluateButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), QString(), row);
    m_evaluateButton->setDefault(true);
    connect(m_browseButton, &QPushButton::clicked, this, &EvaluationPage::chooseTestFolderRequested);
    connect(m_evaluateButton, &QPushButton::clicked, this,
            [this] { emit evaluateRequested(usesTestSplit() ? QString() : m_testFolder); });
    connect(m_folderRadio, &QRadioButton::toggled, this, [this](bool checked) {
        if (checked && m_testFolder.isEmpty()) emit chooseTestFolderRequested();
    });

    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_sourceLabel);
    layout->addWidget(m_splitRadio);
    layout->addWidget(m_folderRadio);
    layout->addWidget(m_folderLabel, 1);
    layout->addWidget(m_browseButton);
    layout->addWidget(m_evaluateButton);
    return row;
}

QWidget* EvaluationPage::createResults() {
    auto* results = new QWidget(this);
    m_lossCard = new MetricCard(results);
    m_accuracyCard = new MetricCard(results);
    m_balancedCard = new MetricCard(results);
    m_countCard = new MetricCard(results);
    auto* cards = new QHBoxLayout;
    cards->setSpacing(12);
    for (MetricCard* card : {m_lossCard, m_accuracyCard, m_balancedCard, m_countCard}) cards->addWidget(card);

    auto* tables = new QWidget(results);
    m_perClassHeading = makeHeading(tables);
    m_perClass = new QStandardItemModel(0, 5, this);
    m_perClass->setSortRole(Qt::UserRole);  // numbers sort as numbers, not as text
    m_perClassView = new QTableView(tables);
    m_perClassView->setModel(m_perClass);
    m_perClassView->verticalHeader()->hide();
    m_perClassView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_perClassView->setSortingEnabled(true);
    m_perClassView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_perClassView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_confusionHeading = makeHeading(tables);
    m_confusionPlaceholder = makePlaceholder(tables);
    auto* tableLayout = new QGridLayout(tables);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_perClassHeading, 0, 0);
    tableLayout->addWidget(m_perClassView, 1, 0);
    tableLayout->addWidget(m_confusionHeading, 0, 1);
    tableLayout->addWidget(m_confusionPlaceholder, 1, 1);
    tableLayout->setColumnStretch(0, 1);
    tableLayout->setColumnStretch(1, 1);

    auto* galleryArea = new QWidget(results);
    m_galleryHeading = makeHeading(galleryArea);
    m_gallery = new ThumbnailListModel(QSize(96, 96), this);
    m_galleryView = new ThumbnailGridView(galleryArea);
    m_galleryView->setThumbnailModel(m_gallery);
    connect(m_galleryView, &ThumbnailGridView::imageActivated, this, &EvaluationPage::imageActivated);
    auto* galleryLayout = new QVBoxLayout(galleryArea);
    galleryLayout->setContentsMargins(0, 0, 0, 0);
    galleryLayout->addWidget(m_galleryHeading);
    galleryLayout->addWidget(m_galleryView, 1);

    auto* splitter = new QSplitter(Qt::Vertical, results);
    splitter->addWidget(tables);
    splitter->addWidget(galleryArea);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(results);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addLayout(cards);
    layout->addWidget(splitter, 1);
    return results;
}

bool EvaluationPage::usesTestSplit() const { return m_splitRadio->isChecked(); }

void EvaluationPage::setTestFolder(const QString& folder) {
    m_testFolder = folder;
    if (!folder.isEmpty()) m_folderRadio->setChecked(true);
    retranslateUi();
}

void EvaluationPage::showSummary(const EvaluationSummary& summary) {
    m_summary = summary;
    m_hasResults = true;
    m_perClass->removeRows(0, m_perClass->rowCount());
    const QLocale locale;
    for (const ClassMetrics& metrics : summary.perClass) {
        QList<QStandardItem*> row;
        auto* name = new QStandardItem(metrics.className);
        name->setData(metrics.className, Qt::UserRole);
        row << name;
        for (const double value : {metrics.precision, metrics.recall, metrics.f1}) {
            auto* item = new QStandardItem(locale.toString(value, 'f', 3));
            item->setData(value, Qt::UserRole);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row << item;
        }
        auto* support = new QStandardItem(locale.toString(metrics.support));
        support->setData(metrics.support, Qt::UserRole);
        support->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row << support;
        m_perClass->appendRow(row);
    }
    m_gallery->setPaths(summary.misclassifiedByLoss);
    retranslateUi();
}

void EvaluationPage::clearResults() {
    m_hasResults = false;
    m_summary = {};
    m_perClass->removeRows(0, m_perClass->rowCount());
    m_gallery->setPaths({});
    retranslateUi();
}

void EvaluationPage::retranslateUi() {
    setHeader(tr("Evaluation"),
              tr("Measure the trained model on images it has never seen: the test split, or "
                 "another folder with the same classes."));
    m_sourceLabel->setText(tr("Test images:"));
    m_splitRadio->setText(tr("Test split of the dataset"));
    m_folderRadio->setText(tr("Another folder"));
    m_folderLabel->setText(m_testFolder.isEmpty() ? QString() : QDir::toNativeSeparators(m_testFolder));
    m_browseButton->setText(tr("Choose Folder…"));
    m_evaluateButton->setText(tr("Evaluate"));

    const QLocale locale;
    m_lossCard->setTitle(tr("Loss (cross entropy)"));
    m_accuracyCard->setTitle(tr("Accuracy"));
    m_balancedCard->setTitle(tr("Balanced accuracy"));
    m_balancedCard->setToolTip(tr("Mean of the per-class recalls: not fooled by one large class"));
    m_countCard->setTitle(tr("Test images"));
    m_lossCard->setValue(m_hasResults ? locale.toString(m_summary.loss, 'f', 4) : QString());
    m_accuracyCard->setValue(m_hasResults ? locale.toString(m_summary.accuracy, 'f', 3) : QString());
    m_balancedCard->setValue(m_hasResults ? locale.toString(m_summary.balancedAccuracy, 'f', 3) : QString());
    m_countCard->setValue(m_hasResults ? locale.toString(m_summary.imageCount) : QString());

    m_perClassHeading->setText(tr("Per class"));
    m_perClass->setHorizontalHeaderLabels(
        {tr("Class"), tr("Precision"), tr("Recall"), tr("F1 score"), tr("Support")});
    m_confusionHeading->setText(tr("Confusion matrix"));
    m_confusionPlaceholder->setText(m_hasResults
                                        ? tr("The confusion matrix view comes with the evaluation engine.")
                                        : tr("Evaluate the model to see which classes it confuses."));
    m_galleryHeading->setText(m_hasResults ? tr("Misclassified images, highest loss first (%n)", nullptr,
                                                static_cast<int>(m_summary.misclassifiedByLoss.size()))
                                           : tr("Misclassified images"));
}

}  // namespace tlw::ui
