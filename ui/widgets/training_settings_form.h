#pragma once

#include <QStringList>
#include <QWidget>
#include <optional>

#include "core/train/training_config.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace tlw::ui {

// The Training page's hyper-parameter editor: optimisation, callbacks, augmentation, the two-phase
// schedule, performance and the output file, in groups, each field with a tooltip naming its Keras
// argument. It accepts what Keras accepts, and says under a field what is odd about its value (a patience
// no phase reaches, a fine-tuning rate above the first one) or why a run cannot start with it (a
// fine-tuning layer past the last); core's TrainingConfig::validate() has the last word when a run starts.
class TrainingSettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit TrainingSettingsForm(QWidget* parent = nullptr);

    // Core's TrainingConfig with the page's fields filled (optimisation, callbacks, augmentation, the
    // second phase, performance, the output file) and core's defaults in all others: the dataset and
    // Model pages add theirs when a run starts (buildTrainingConfig).
    tlw::TrainingConfig settings() const;
    void setSettings(const tlw::TrainingConfig& settings);
    // Problems that keep a run from starting, translated; empty when the settings are usable. Each is also
    // shown under its field.
    QStringList validationErrors() const;

    // The Model page's layers, for "fine-tune from layer K": names in Keras order, and the K its
    // fine-tune preset uses (the default while the user has not chosen one).
    void setLayerNames(const QStringList& names, int presetFineTuneAt);
    // Shown while no output file is chosen: each run then writes a new file in this folder.
    void setDefaultOutputFolder(const QString& folder);
    void setOutputModel(const QString& file);  // empty: back to a new file per run

    QComboBox* headSolverBox() const { return m_headSolver; }
    QSpinBox* epochsBox() const { return m_epochs; }
    QSpinBox* batchSizeBox() const { return m_batchSize; }
    QComboBox* optimizerBox() const { return m_optimizer; }
    QDoubleSpinBox* momentumBox() const { return m_momentum; }
    QCheckBox* earlyStoppingBox() const { return m_earlyStopping; }
    QComboBox* monitorBox() const { return m_monitor; }
    QSpinBox* patienceBox() const { return m_patience; }
    QComboBox* keptWeightsBox() const { return m_keptWeights; }
    QDoubleSpinBox* fineTuneLearningRateBox() const { return m_fineTuneLearningRate; }
    // The notes under fields: hidden when there is nothing to say.
    QLabel* patienceNote() const { return m_patienceNote; }
    QLabel* fineTuneLearningRateNote() const { return m_fineTuneLearningRateNote; }
    QLabel* fineTuneAtNote() const { return m_fineTuneAtNote; }
    QCheckBox* fineTuneBox() const { return m_fineTunePhase; }
    QSpinBox* fineTuneAtBox() const { return m_fineTuneAt; }
    QLabel* fineTuneLayerLabel() const { return m_fineTuneLayer; }
    QCheckBox* flipBox() const { return m_flip; }
    QLabel* augmentationNote() const { return m_augmentationNote; }
    QLabel* outputLabel() const { return m_output; }

signals:
    void chooseOutputModelRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    QGroupBox* createOptimisationGroup();
    QGroupBox* createCallbackGroup();
    QGroupBox* createAugmentationGroup();
    QGroupBox* createFineTuneGroup();
    QGroupBox* createPerformanceGroup();
    QGroupBox* createOutputGroup();
    QFormLayout* addForm(QGroupBox* group);
    void addRow(QFormLayout* form, QWidget* field);
    // A wrapped note on its own row under the last field, hidden until updateNotes() has something to say.
    QLabel* addNote(QFormLayout* form);
    void updateNotes();
    QString patienceNoteText(const tlw::TrainingConfig& s) const;
    QString fineTuneAtError(const tlw::TrainingConfig& s) const;
    QDoubleSpinBox* makeFactorBox(QWidget* parent, double maximum);
    void retranslateUi();
    void updateStates();
    void setFineTune(const std::optional<tlw::FineTuneSettings>& fineTune);
    int effectiveFineTuneAt() const;

    QStringList m_layerNames;
    int m_presetFineTuneAt = -1;
    bool m_fineTuneAtChosen = false;  // the user set K; a new layer list keeps it when it fits
    QString m_defaultOutputFolder;
    QString m_outputModel;

    QGroupBox* m_optimisationGroup;
    QFormLayout* m_optimisationForm;
    QComboBox* m_headSolver;
    QSpinBox* m_epochs;
    QSpinBox* m_batchSize;
    QDoubleSpinBox* m_learningRate;
    QComboBox* m_optimizer;
    QDoubleSpinBox* m_momentum;
    QComboBox* m_classWeights;

    QGroupBox* m_callbackGroup;
    QFormLayout* m_callbackForm;
    QCheckBox* m_earlyStopping;
    QComboBox* m_monitor;
    QSpinBox* m_patience;
    QDoubleSpinBox* m_minDelta;
    QLabel* m_patienceNote;
    QCheckBox* m_reduceLr;
    QComboBox* m_keptWeights;

    QGroupBox* m_augmentationGroup;
    QFormLayout* m_augmentationForm;
    QCheckBox* m_flip;
    QDoubleSpinBox* m_rotation;
    QDoubleSpinBox* m_zoom;
    QDoubleSpinBox* m_translation;
    QDoubleSpinBox* m_contrast;
    QLabel* m_augmentationNote;

    QGroupBox* m_fineTuneGroup;
    QFormLayout* m_fineTuneForm;
    QCheckBox* m_fineTunePhase;
    QSpinBox* m_fineTuneAt;
    QLabel* m_fineTuneLayer;
    QLabel* m_fineTuneAtNote;
    QSpinBox* m_fineTuneEpochs;
    QDoubleSpinBox* m_fineTuneLearningRate;
    QLabel* m_fineTuneLearningRateNote;

    QGroupBox* m_performanceGroup;
    QFormLayout* m_performanceForm;
    QSpinBox* m_threads;
    QCheckBox* m_featureCache;
    QComboBox* m_precision;

    QGroupBox* m_outputGroup;
    QLabel* m_output;
    QPushButton* m_chooseOutput;
    QPushButton* m_resetOutput;
};

}  // namespace tlw::ui
