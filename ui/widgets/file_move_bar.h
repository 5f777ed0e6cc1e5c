#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace tlw::ui {

// "Move to class: [class] [Move] [Move to Quarantine] ... [Undo Last Move]": how the Dataset page takes
// files out of a wrong class folder, shared by the Audit view (the suspect shown) and the Map (a lasso's
// selection). The moves are the controller's (journalled, never a deletion); the bar shows the choice and
// emits intentions.
class FileMoveBar : public QWidget {
    Q_OBJECT
public:
    enum class Subject { OneFile, SelectedFiles };  // what the tooltips speak of

    explicit FileMoveBar(Subject subject, QWidget* parent = nullptr);

    void setClassNames(const QStringList& names);  // keeps the chosen class when it is still one of them
    void suggestClass(const QString& name);        // chooses it when it is one of the names
    void setMovable(bool movable);                 // the class choice, Move and Move to Quarantine
    void setUndoAvailable(bool available);

    QComboBox* targetClass() const { return m_target; }
    QPushButton* moveButton() const { return m_move; }
    QPushButton* quarantineButton() const { return m_quarantine; }
    QPushButton* undoButton() const { return m_undo; }

signals:
    void moveClicked(const QString& className);
    void quarantineClicked();
    void undoClicked();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    Subject m_subject;
    QLabel* m_moveLabel;
    QComboBox* m_target;
    QPushButton* m_move;
    QPushButton* m_quarantine;
    QPushButton* m_undo;
};

}  // namespace tlw::ui
