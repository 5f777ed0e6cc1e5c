#include "ui/widgets/fine_tune_preset_button.h"

#include <QMenu>
#include <exception>

namespace tlw::ui {

FineTunePresetButton::FineTunePresetButton(QWidget* parent) : QToolButton(parent), m_menu(new QMenu(this)) {
    setObjectName(QStringLiteral("fineTunePresetButton"));
    setPopupMode(QToolButton::MenuButtonPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setMenu(m_menu);
    connect(this, &QToolButton::clicked, this, &FineTunePresetButton::chooseDefault);
}

void FineTunePresetButton::setBackbone(const QString& backboneId, bool includeTop) {
    m_choices.clear();
    m_hasBatchNorm = false;
    try {
        const tlw::BackboneKind kind = tlw::parseBackboneKind(backboneId.toStdString());
        m_choices = tlw::fineTuneChoices(kind, includeTop);
        m_hasBatchNorm = tlw::backboneHasBatchNorm(kind);
    } catch (const std::exception&) {
        // An unknown backbone: no presets; the page reports the backbone itself.
    }
    retranslate();
}

QString FineTunePresetButton::extentName(tlw::FineTuneExtent extent) {
    switch (extent) {
        case tlw::FineTuneExtent::LastBlock:
            return tr("Fine-Tune the Last Block");
        case tlw::FineTuneExtent::KerasTutorial:
            return tr("Fine-Tune as the Keras Tutorial");
        case tlw::FineTuneExtent::LastTwoBlocks:
            return tr("Fine-Tune the Last Two Blocks");
        case tlw::FineTuneExtent::LastStage:
            return tr("Fine-Tune the Last Stage");
        case tlw::FineTuneExtent::LastTwoStages:
            return tr("Fine-Tune the Last Two Stages");
    }
    return {};
}

QString FineTunePresetButton::description(const tlw::FineTuneChoice& choice) const {
    QString text = tr("Trains %1 and every layer after it, and the head; the %2 layers before it stay frozen "
                      "(Keras: <code>fine_tune_at = %2</code>).")
                       .arg(QString::fromStdString(choice.preset.fromLayer))
                       .arg(choice.fineTuneAt);
    if (m_hasBatchNorm)
        text += QLatin1Char(' ') + tr("Frozen <code>BatchNormalization</code> layers run in inference mode.");
    return text;
}

void FineTunePresetButton::retranslate() {
    m_menu->clear();
    setEnabled(!m_choices.empty());
    for (const tlw::FineTuneChoice& choice : m_choices) {
        const QString name = extentName(choice.preset.extent);
        QAction* action = m_menu->addAction(tr("%1 (fine_tune_at = %2)").arg(name).arg(choice.fineTuneAt));
        action->setToolTip(description(choice));
        const QString layer = QString::fromStdString(choice.preset.fromLayer);
        connect(action, &QAction::triggered, this, [this, layer] { emit presetChosen(layer); });
        if (choice.isDefault) {
            setText(name);
            setToolTip(description(choice) + QStringLiteral("<br>") +
                       tr("The arrow lists the other presets."));
        }
    }
    if (m_choices.empty()) setText(tr("Fine-Tune"));
    m_menu->setToolTipsVisible(true);
}

QStringList FineTunePresetButton::presetTexts() const {
    QStringList texts;
    for (const QAction* action : m_menu->actions()) texts << action->text();
    return texts;
}

void FineTunePresetButton::chooseDefault() {
    for (const tlw::FineTuneChoice& choice : m_choices)
        if (choice.isDefault) emit presetChosen(QString::fromStdString(choice.preset.fromLayer));
}

}  // namespace tlw::ui
