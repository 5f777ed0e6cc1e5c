#pragma once

#include <QMetaType>
#include <QString>

namespace tlw::ui {

// Keras's preprocessing layers for the training images (RandomFlip, RandomRotation, RandomZoom,
// RandomTranslation, RandomContrast); 0 turns a transform off. Same meaning as core's
// AugmentationSettings, which the training wiring fills from it.
struct AugmentationChoice {
    bool horizontalFlip = false;
    double rotation = 0.0;  // fraction of a full turn
    double zoom = 0.0;
    double translation = 0.0;  // fraction of the side
    double contrast = 0.0;

    bool any() const { return horizontalFlip || rotation > 0 || zoom > 0 || translation > 0 || contrast > 0; }
    bool operator==(const AugmentationChoice& other) const {
        return horizontalFlip == other.horizontalFlip && rotation == other.rotation && zoom == other.zoom &&
               translation == other.translation && contrast == other.contrast;
    }
};

// The hyper-parameters the Training page collects (image size, dropout and the freeze set are on the
// Model page). Identifiers are core's ("adam", "val_loss", "bf16"), so the page needs no core header and
// project files store what the CLI understands.
struct TrainingSettings {
    // Optimisation: the seed compiles with Adam(0.001) and batch size 32.
    int epochs = 10;
    int batchSize = 32;
    double learningRate = 0.001;
    QString optimizer = QStringLiteral("adam");  // "adam" or "sgd"
    double momentum = 0.9;                       // SGD only
    bool balancedClassWeights = false;

    // Callbacks: early stopping and ReduceLROnPlateau watch the same quantity.
    bool earlyStopping = true;
    QString monitor = QStringLiteral("val_loss");  // "val_loss" or "val_accuracy"
    int patience = 3;
    double minDelta = 0.0;
    bool reduceLrOnPlateau = false;

    // Off by default: random augmentation changes the input every epoch, so the frozen layers' features
    // cannot be cached and every epoch costs a full forward pass through them.
    AugmentationChoice augmentation;

    // The seed's second phase: after `epochs` with the Model page's freeze set, unfreeze from layer
    // fineTuneAt on and train fineTuneEpochs more at fineTuneLearningRate, in the same run.
    bool fineTunePhase = false;
    int fineTuneAt = -1;  // Keras's fine_tune_at; -1: the backbone's usual start (block5_conv2, fire8)
    int fineTuneEpochs = 10;
    double fineTuneLearningRate = 0.0001;

    // Performance.
    int threads = 0;  // 0: all cores
    bool featureCache = true;
    QString precision = QStringLiteral("fp32");  // "fp32" or "bf16" for the frozen-prefix pass

    // Where the trained model goes; empty: a new file in the default models folder at every start.
    QString outputModel;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::TrainingSettings)
