#include "ui/widgets/run_switcher.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>

#include "core/util/error.h"
#include "ui/adapters/paths.h"
#include "ui/item_models/run_table_model.h"

namespace tlw::ui {

RunSwitcher::RunSwitcher(QWidget* parent)
    : QWidget(parent), m_label(new QLabel(this)), m_button(new QPushButton(this)), m_menu(new QMenu(this)) {
    setObjectName(QStringLiteral("runSwitcher"));
    m_label->setObjectName(QStringLiteral("runSwitcherLabel"));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_button->setObjectName(QStringLiteral("switchRunButton"));
    m_button->setMenu(m_menu);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_button);
    connect(m_menu, &QMenu::aboutToShow, this, &RunSwitcher::refreshMenu);
    retranslateUi();
}

void RunSwitcher::setModel(const QString& modelFile) {
    m_modelFile = modelFile;
    m_record.reset();
    if (!modelFile.isEmpty()) {
        try {
            m_record = tlw::readRunRecord(tlw::runRecordPathFor(toPath(modelFile)));
        } catch (const tlw::Error&) {
            // A model without a record (opened from elsewhere, or older than records): the label says so.
        }
    }
    retranslateUi();
}

void RunSwitcher::setRunSource(RunSource source) { m_source = std::move(source); }

QString RunSwitcher::runSummary(const tlw::RunRecord& run) const {
    const QString finished = RunTableModel::finishedText(run.finishedAt);
    if (!run.kept.valAccuracy) return tr("run finished %1").arg(finished);
    return tr("run finished %1, val_accuracy %2")
        .arg(finished, QLocale().toString(*run.kept.valAccuracy, 'f', 4));
}

void RunSwitcher::refreshMenu() {
    m_menu->clear();
    const std::vector<tlw::RunRecord> runs = m_source ? m_source() : std::vector<tlw::RunRecord>{};
    if (runs.empty()) {
        m_menu->addAction(tr("No recorded runs"))->setEnabled(false);
        return;
    }
    const std::filesystem::path current = toPath(m_modelFile);
    for (const tlw::RunRecord& run : runs) {
        const QString model = toQString(run.modelFile);
        QAction* action = m_menu->addAction(tr("%1 — %2").arg(QFileInfo(model).fileName(), runSummary(run)));
        action->setCheckable(true);
        action->setChecked(!m_modelFile.isEmpty() && run.modelFile == current);
        action->setData(model);
        connect(action, &QAction::triggered, this, [this, model] { emit runChosen(model); });
    }
}

QString RunSwitcher::text() const { return m_label->text(); }

void RunSwitcher::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void RunSwitcher::retranslateUi() {
    m_button->setText(tr("Switch Run…"));
    const QString file = QFileInfo(m_modelFile).fileName();
    if (m_modelFile.isEmpty())
        m_label->setText(
            tr("No trained model yet: train one on the Training page, or open a model file (File ▸ Open "
               "Model…)."));
    else if (!m_record)
        m_label->setText(tr("Model: %1 (no run record beside it)").arg(file));
    else
        m_label->setText(tr("Model: %1 — %2").arg(file, runSummary(*m_record)));
    m_label->setToolTip(QDir::toNativeSeparators(m_modelFile));
}

}  // namespace tlw::ui
