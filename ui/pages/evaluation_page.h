#pragma once

#include <QStringList>
#include <vector>

#include "ui/pages/page.h"

class QButtonGroup;
class QLabel;
class QPushButton;
class QRadioButton;
class QStandardItemModel;
class QTableView;

namespace tlw::ui {

class MetricCard;
class ThumbnailGridView;
class ThumbnailListModel;

struct ClassMetrics {
    QString className;
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    int support = 0;
};

// An evaluation's results as the page shows them; the lead fills it from core's evaluation.
struct EvaluationSummary {
    double loss = 0.0;
    double accuracy = 0.0;
    double balancedAccuracy = 0.0;
    int imageCount = 0;
    std::vector<ClassMetrics> perClass;
    QStringList misclassifiedByLoss;  // image paths, highest loss first
};

// Page 4: evaluate on the test split or another folder: metric cards, per-class table, confusion
// matrix and a gallery of the misclassified images.
class EvaluationPage : public Page {
    Q_OBJECT
public:
    explicit EvaluationPage(QWidget* parent = nullptr);

    bool usesTestSplit() const;
    QString testFolder() const { return m_testFolder; }
    bool hasResults() const { return m_hasResults; }
    ThumbnailListModel* galleryModel() const { return m_gallery; }

public slots:
    void setTestFolder(const QString& folder);
    void showSummary(const tlw::ui::EvaluationSummary& summary);
    void clearResults();

signals:
    void evaluateRequested(const QString& testFolder);  // empty: the dataset's test split
    void chooseTestFolderRequested();
    void imageActivated(const QString& path);

protected:
    void retranslateUi() override;

private:
    QWidget* createSourceRow();
    QWidget* createResults();

    QString m_testFolder;
    bool m_hasResults = false;
    EvaluationSummary m_summary;
    QLabel* m_sourceLabel;
    QRadioButton* m_splitRadio;
    QRadioButton* m_folderRadio;
    QLabel* m_folderLabel;
    QPushButton* m_browseButton;
    QPushButton* m_evaluateButton;
    MetricCard* m_lossCard;
    MetricCard* m_accuracyCard;
    MetricCard* m_balancedCard;
    MetricCard* m_countCard;
    QLabel* m_perClassHeading;
    QStandardItemModel* m_perClass;
    QTableView* m_perClassView;
    QLabel* m_confusionHeading;
    QLabel* m_confusionPlaceholder;
    QLabel* m_galleryHeading;
    ThumbnailListModel* m_gallery;
    ThumbnailGridView* m_galleryView;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::EvaluationSummary)
