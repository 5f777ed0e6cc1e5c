#pragma once

#include <QWidget>
#include <functional>
#include <optional>
#include <vector>

#include "core/train/run_record.h"

class QLabel;
class QMenu;
class QPushButton;

namespace tlw::ui {

// Says which run's model a page uses ("Model: flowers.tlwm — run finished 10:31, val_accuracy 0.9125")
// and offers the other recorded runs under "Switch Run…"; choosing one asks for its model to be opened
// (TrainedModelController::attachRunSwitcher connects it to the same path as File > Open Model).
class RunSwitcher : public QWidget {
    Q_OBJECT
public:
    using RunSource = std::function<std::vector<tlw::RunRecord>()>;

    explicit RunSwitcher(QWidget* parent = nullptr);

    // The model in use (empty: none); its record is read from beside it.
    void setModel(const QString& modelFile);
    // Where the menu's runs come from, asked each time the menu opens.
    void setRunSource(RunSource source);
    // Fills the menu from the source (done when it opens).
    void refreshMenu();

    QString text() const;
    QLabel* label() const { return m_label; }
    QPushButton* switchButton() const { return m_button; }
    QMenu* menu() const { return m_menu; }

signals:
    void runChosen(const QString& modelFile);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    QString runSummary(const tlw::RunRecord& run) const;

    QString m_modelFile;
    std::optional<tlw::RunRecord> m_record;  // the model's run record, when it has one
    RunSource m_source;
    QLabel* m_label;
    QPushButton* m_button;
    QMenu* m_menu;
};

}  // namespace tlw::ui
