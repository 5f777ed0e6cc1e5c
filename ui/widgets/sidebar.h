#pragma once

#include <QFrame>
#include <QIcon>
#include <QVector>

class QButtonGroup;
class QToolButton;
class QVBoxLayout;

namespace tlw::ui {

// The window's left navigation: one checkable button (icon above text) per page, exactly one checked.
class Sidebar : public QFrame {
    Q_OBJECT
public:
    explicit Sidebar(QWidget* parent = nullptr);

    int addEntry(const QIcon& icon, const QString& text);  // returns the entry's index
    void setEntryText(int index, const QString& text);
    void setEntryToolTip(int index, const QString& toolTip);
    QString entryText(int index) const;
    int count() const { return m_buttons.size(); }
    int currentIndex() const;
    QToolButton* button(int index) const { return m_buttons.value(index); }

public slots:
    void setCurrentIndex(int index);

signals:
    void currentChanged(int index);

private:
    QButtonGroup* m_group;
    QVBoxLayout* m_layout;
    QVector<QToolButton*> m_buttons;
};

}  // namespace tlw::ui
