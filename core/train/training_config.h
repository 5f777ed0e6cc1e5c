#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/models/backbone.h"
#include "core/models/freeze_spec.h"
#include "core/models/image_size.h"

// Everything a training run needs to know, torch-free: the CLI fills it from flags, the GUI from its
// pages, a checkpoint stores it (JSON) so that `tlw resume` can carry on with the same settings.
namespace tlw {

enum class OptimizerKind { Adam, Sgd };
std::string optimizerId(OptimizerKind kind);                // "adam", "sgd"
OptimizerKind parseOptimizerKind(const std::string& text);  // throws tlw::Error

// The quantity early stopping and ReduceLROnPlateau watch (Keras's monitor=).
enum class MonitoredMetric { ValLoss, ValAccuracy };
std::string monitoredMetricId(MonitoredMetric metric);  // "val_loss", "val_accuracy"
MonitoredMetric parseMonitoredMetric(const std::string& text);

// keras.callbacks.EarlyStopping(monitor, min_delta, patience). Which weights the model keeps at the end,
// whether or not stopping fired, is TrainingConfig::keptWeights; `monitor` picks the best epoch even when
// stopping is not enabled. A patience of the phase's epochs or more is accepted, as Keras does: stopping
// then never fires in that phase.
struct EarlyStoppingSettings {
    // Off, as in the seed: the best epoch's weights are kept by default, so stopping only saves time.
    bool enabled = false;
    MonitoredMetric monitor = MonitoredMetric::ValLoss;
    // Not Keras's 0: on the small validation sets this tool is for, val_loss wobbles for an epoch or two
    // before it turns (one image of 153 moves val_accuracy by 0.0065).
    int patience = 5;
    double minDelta = 0.0;
};

// keras.callbacks.ReduceLROnPlateau with Keras's defaults.
struct ReduceLrSettings {
    bool enabled = false;
    MonitoredMetric monitor = MonitoredMetric::ValLoss;
    double factor = 0.1;
    int patience = 10;
    double minDelta = 1e-4;
    int cooldown = 0;
    double minLearningRate = 0.0;
};

// Keras's preprocessing layers, applied in this order to training images only (never to validation or
// test images), before preprocess_input: RandomFlip("horizontal"), RandomRotation(rotation),
// RandomZoom(zoom), RandomTranslation(translation, translation), RandomContrast(contrast). Geometric
// transforms use bilinear sampling with fill_mode="reflect", as Keras does. 0 turns a transform off.
struct AugmentationSettings {
    bool horizontalFlip = false;
    double rotation = 0.0;     // fraction of a full turn: angles uniform in [-rotation, rotation] x 2 pi
    double zoom = 0.0;         // height and width scaled by 1 + u, u uniform in [-zoom, zoom]
    double translation = 0.0;  // shift uniform in [-translation, translation] x the side
    double contrast = 0.0;  // per image, (x - mean) * c + mean with c uniform in [1 - contrast, 1 + contrast]

    bool any() const { return horizontalFlip || rotation > 0 || zoom > 0 || translation > 0 || contrast > 0; }
};
// "flip,rotation=0.2,zoom=0.1,translation=0.1,contrast=0.2" (any subset, any order); "none" or "" is off.
// The tutorial's RandomFlip + RandomRotation(0.2) is "flip,rotation=0.2". Throws tlw::Error.
AugmentationSettings parseAugmentation(const std::string& text);
std::string formatAugmentation(const AugmentationSettings& settings);  // the same syntax, "none" when off

// How the head is trained in the feature-extraction phase (the first phase, backbone frozen).
// Exact: the convex problem the frozen head is (Normalization then Dense: L2-regularised logistic or
// softmax regression) solved to its optimum by full-batch L-BFGS, the L2 strength chosen by 5-fold
// cross-validation on the training split (core/train/head_cross_validation.h). Adam: the seed's recipe,
// epochs of Adam (or SGD) steps. Where the phase is not convex (augmentation, dropout, trainable backbone
// layers) the exact solver steps aside for Adam and the run's log says why.
enum class HeadSolver { Exact, Adam };
std::string headSolverId(HeadSolver solver);          // "exact", "adam"
HeadSolver parseHeadSolver(const std::string& text);  // throws tlw::Error

enum class ClassWeighting { None, Balanced };  // Balanced: n_samples / (n_classes * n_class), as scikit-learn

// Which epoch's weights a run keeps, in the model and for the next phase: the best by the monitor
// (Keras's EarlyStopping(restore_best_weights=True), here also without early stopping), or the last
// epoch's, as a plain model.fit() does.
enum class KeptWeights { Best, Last };
std::string keptWeightsId(KeptWeights kept);            // "best", "last"
KeptWeights parseKeptWeights(const std::string& text);  // throws tlw::Error

// Arithmetic of the frozen-prefix pass and of training. BFloat16: the frozen pass in bfloat16, training in
// bf16 mixed precision (convolutions under bf16 autocast; weights, gradients, optimizer state and loss in
// float32: core/train/mixed_precision.h). It needs a CPU with AVX-512 BF16 or AMX to pay off.
// Auto: bf16 where the CPU does bf16 arithmetic (AVX-512 BF16 or AMX), fp32 elsewhere; a run resolves it
// when it starts (resolvePrecision) and records what it used.
enum class Precision { Float32, BFloat16, Auto };
std::string precisionId(Precision precision);  // "fp32", "bf16", "auto"
Precision parsePrecision(const std::string& text);
Precision resolvePrecision(Precision precision);  // Auto -> Float32 or BFloat16 for this CPU

// How cached features are stored: float16 and bfloat16 halve memory and disk at a small loss of precision.
enum class CacheStorage { Float32, Float16, BFloat16 };
std::string cacheStorageId(CacheStorage storage);  // "fp32", "fp16", "bf16"
CacheStorage parseCacheStorage(const std::string& text);

// The frozen-prefix feature cache (core/train/feature_cache.h).
struct FeatureCacheSettings {
    bool enabled = true;
    // Where cached features persist between runs; empty: $TLW_CACHE_DIR, else
    // $XDG_CACHE_HOME/tlworkbench/features, else ~/.cache/tlworkbench/features.
    std::filesystem::path directory;
    // Features up to this size are held in RAM; beyond it they are read from a memory-mapped file.
    // 0: a quarter of physical memory.
    std::int64_t ramBudgetBytes = 0;
    CacheStorage storage = CacheStorage::Float32;
    // Where a phase reads only the head's pooled vector, cache that instead of the layer's feature map
    // (SqueezeNet: 512 values per image instead of 13x13x512). false: the map, as before; the results
    // are the same, so this is for comparisons.
    bool poolForHead = true;
    // Keep a memo of the scan's verdicts in the cache folder, so that a later run does not decode again the
    // images verified before and unchanged since (core/data/scan_memo.h). false: every run decodes every
    // image, for a disk suspected of changing bytes behind the file system's back, and for comparisons.
    bool scanMemo = true;
};

// The folder the feature cache (and the scan memo) uses for these settings: the directory, else
// $TLW_CACHE_DIR, else $XDG_CACHE_HOME/tlworkbench/features, else ~/.cache/tlworkbench/features.
std::filesystem::path featureCacheDirectory(const FeatureCacheSettings& settings);

// Where a scan keeps its memo under these settings (ScanOptions::memoDirectory): the cache folder, since the
// memo lives with the features it spares recomputing; empty (no memo) when the cache or the memo is off, as
// no cache means nothing kept between runs. The training run and the window's Dataset page both use it, so
// that opening a folder and training on it verify each image once.
std::filesystem::path scanMemoDirectory(const FeatureCacheSettings& settings);

// The seed's second phase: after the frozen epochs, unfreeze from layer K on (freeze layers[:K]) and train
// on with a lower learning rate, in the same run and history.
struct FineTuneSettings {
    int epochs = 10;  // the tutorial's fine_tune_epochs
    // K, Keras's fine_tune_at for this phase: layers[:K] stay frozen, layer K and after train. None: the
    // backbone's fine-tuning preset (fineTunePreset: block5_conv2 for VGG16, fire8 for SqueezeNet).
    std::optional<int> unfreezeFrom;
    // The seed's Adam(0.001 / 10): a tenth of the first phase's rate, low enough to keep the pretrained
    // features, high enough to move them in 10 epochs.
    double learningRate = 1e-4;
};

struct TrainingConfig {
    // Data. A folder with train/ and val/ (or validation/) keeps its split; otherwise validationSplit (with
    // seed) holds out a stratified fraction, or validationDir gives the validation images.
    std::filesystem::path dataDir;
    std::optional<std::filesystem::path> validationDir;
    double validationSplit = 0.0;
    std::optional<std::filesystem::path> testDir;   // else the dataset's test/ folder, when it has one
    std::optional<std::filesystem::path> manifest;  // reuse a split manifest
    ImageSize imageSize{224, 224};
    bool cropToAspectRatio = false;

    // Model: input -> preprocess_input -> backbone -> GlobalAveragePooling2D -> Dropout -> Dense. With
    // replaceImageNetTop (VGG16 only, 224x224), the seed's "lazy" variant: the full model with its ImageNet
    // top, whose predictions layer is replaced by a new one for our classes.
    BackboneKind backbone = BackboneKind::Vgg16;
    bool replaceImageNetTop = false;
    std::optional<std::filesystem::path> weightsFile;  // else discovery (and download when allowed)
    bool allowDownload = false;    // nothing leaves the machine unless asked (tlw --download, the Model page)
    bool allowRandomInit = false;  // no weights found: go on, labelled "not pretrained"
    FreezeSpec freeze = FreezeSpec::all();  // the seed's base_model.trainable = False
    // The seed's head has no Dropout; the Normalization layer below is the measured regulariser
    // (docs/BENCHMARKS.md), and every recorded figure is with 0.
    double dropout = 0.0;
    // Keras's Normalization layer after the pooling, adapted on the training images' pooled features before
    // the first epoch (HeadSpec::normalizeFeatures). Off gives exactly the seed's head.
    bool normalizeFeatures = true;
    // BatchNormalization layers of the backbone that train (MobileNet's, with fine-tuning): off, they run on
    // their ImageNet moving statistics, as Keras's transfer-learning guide calls the base with
    // training=False (small batches of new images would otherwise wreck them); on, they normalise by the
    // batch and update their statistics. Frozen BN layers never update.
    bool updateBatchNormStatistics = false;

    // The frozen phase's head solved exactly: the seed's Adam head is not converged when its epochs run out
    // (on hymenoptera_data 0.850 to 0.915 over seeds, the exact head 0.876 or better; docs/BENCHMARKS.md).
    HeadSolver headSolver = HeadSolver::Exact;

    // Optimisation: the seed's model.fit(epochs=10) with Adam(0.001), Keras's batch size of 32.
    int epochs = 10;
    int batchSize = 32;
    double learningRate = 0.001;
    OptimizerKind optimizer = OptimizerKind::Adam;  // Adam: Keras defaults (0.9, 0.999, 1e-7)
    double momentum = 0.9;                          // SGD only; the usual value in Keras's examples
    std::optional<FineTuneSettings> fineTune;       // none: one phase, as --epochs alone
    EarlyStoppingSettings earlyStopping;
    // Best, as before the choice existed: on small validation sets the last epoch is often not the best,
    // and a model that got worse in its last epochs is the surprise users complain of. Last is what the
    // seed's model.fit() keeps; the window shows which epoch was kept either way.
    KeptWeights keptWeights = KeptWeights::Best;
    ReduceLrSettings reduceLr;
    ClassWeighting classWeighting = ClassWeighting::None;
    AugmentationSettings augmentation;
    std::uint64_t seed = 1337;  // keras.io examples' seed=1337: a run repeats exactly
    int threads = 0;            // 0: one per core
    // bf16 where it pays: 1.5-1.8x the frozen pass on AVX-512 BF16, features within 1e-2 and the same
    // validation accuracy (docs/BENCHMARKS.md); fp32 on CPUs without bf16 arithmetic.
    Precision precision = Precision::Auto;
    FeatureCacheSettings cache;

    // The model written at the end (.tlwm). Beside it: MODEL.checkpoint (after every epoch), and the history
    // as MODEL.history.csv and MODEL.history.json.
    std::filesystem::path outputModel;

    // Throws tlw::Error naming the first setting out of range (epochs < 1, a learning rate <= 0, ...).
    void validate() const;
    // The same for the optimisation settings alone (epochs to the cache), which need no dataset or model.
    void validateHyperParameters() const;
};

// A default-constructed config: the one set of defaults the CLI's flags, the GUI's pages and the docs
// show (docs/TRAINING.md says why each is what it is).
const TrainingConfig& trainingDefaults();

// The files a run writes beside its model.
std::filesystem::path checkpointPathFor(const std::filesystem::path& model);   // MODEL.checkpoint
std::filesystem::path historyCsvPathFor(const std::filesystem::path& model);   // MODEL.history.csv
std::filesystem::path historyJsonPathFor(const std::filesystem::path& model);  // MODEL.history.json

// The config as JSON (paths as UTF-8 strings) and back; throws tlw::Error for a malformed document.
// (training_config_json.cpp) A document without head_solver was written before the exact solver existed:
// it reads as Adam, the solver it was trained with; one without keep_weights kept the best epoch.
std::string trainingConfigToJson(const TrainingConfig& config);
TrainingConfig trainingConfigFromJson(const std::string& json);

// The optimisation settings alone, as the GUI's Training page and project files hold them: head_solver,
// epochs, batch_size, learning_rate, optimizer, momentum, fine_tune, early_stopping, keep_weights, reduce_lr,
// class_weights, augmentation, threads, precision and cache, with the same keys as trainingConfigToJson.
// Reading keeps `into`'s value for every key the text leaves out, so settings written by an older version
// still load; it throws tlw::Error naming the key for a value of the wrong type or out of range.
std::string hyperParametersToJson(const TrainingConfig& config);
void readHyperParametersJson(const std::string& json, TrainingConfig& into);

}  // namespace tlw
