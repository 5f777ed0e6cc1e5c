#pragma once

#include <QString>
#include <QToolButton>
#include <string>
#include <vector>

#include "core/models/backbone.h"

class QMenu;

namespace tlw::ui {

// The Model page's fine-tuning presets, from core's data for the backbone: the button applies the usual
// one (VGG16: the Keras tutorial's fine_tune_at = 16), its menu lists all of them ("the last block", "the
// last two stages", ...), each with the fine_tune_at it sets. Emits the layer the chosen preset trains from.
class FineTunePresetButton : public QToolButton {
    Q_OBJECT
public:
    explicit FineTunePresetButton(QWidget* parent = nullptr);

    // Throws nothing: an unknown backbone id leaves the button without presets (and disabled).
    void setBackbone(const QString& backboneId, bool includeTop);
    // The menu's entries, as shown: "Fine-Tune the Last Block (fine_tune_at = 15)".
    QStringList presetTexts() const;
    void retranslate();

    // "Fine-Tune the Last Block", translated.
    static QString extentName(tlw::FineTuneExtent extent);

signals:
    void presetChosen(const QString& fromLayer);

private:
    void chooseDefault();
    QString description(const tlw::FineTuneChoice& choice) const;

    QMenu* m_menu;
    std::vector<tlw::FineTuneChoice> m_choices;
    bool m_hasBatchNorm = false;
};

}  // namespace tlw::ui
