#pragma once

// The fine_tune_at sweep: which layers to fine-tune, answered by the data. Every candidate K is the same
// two-phase run (the exact head on the frozen backbone, then fine-tuning of layers K.. with the same epochs,
// learning rate and seed), the candidates are ranked by their kept epoch's validation accuracy (ties: the
// lower validation loss), and the best one's model is written to the output. The frozen part is computed
// once: the first candidate's frozen pass also caches every other candidate's cut
// (TrainingSession::alsoCacheFineTuneAt), and the later candidates read their features from that cache.
// Torch-free header: the CLI and the GUI's worker drive it.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/data/split_manifest.h"
#include "core/train/training_config.h"
#include "core/train/training_history.h"
#include "core/train/training_observer.h"

namespace tlw {

class TrainingSession;
struct TrainingResult;

struct FineTuneSweepConfig {
    // The run every candidate shares; its fineTune gives the fine-tuning epochs and learning rate (its
    // unfreezeFrom is replaced by each candidate's K), its outputModel is where the best model goes.
    TrainingConfig base;
    std::vector<int> candidates;  // fine_tune_at values, each a layer index of the backbone
    // Replace an existing output model (and the sweep's files beside it); without it the sweep refuses to
    // start when any of them exists.
    bool overwrite = false;
    // 2 or more: each candidate also runs once per fold of a stratified k-fold split of the training images
    // (the validation images left out), for a mean and spread of its validation accuracy that one small
    // validation set cannot give. 0: off.
    int folds = 0;

    void validate() const;  // throws tlw::Error: no candidates, a duplicate, no fine-tuning settings
};

// One candidate's outcome. The figures are those of the epoch whose weights its model keeps.
struct SweepCandidate {
    int fineTuneAt = 0;
    std::string firstTrainableLayer;  // the Keras name of layer K ("block5_conv2"), for people
    std::optional<double> valAccuracy;
    std::optional<double> valLoss;
    int keptEpoch = 0;
    double seconds = 0.0;  // wall time of its run, the shared frozen pass included for the first
    std::int64_t trainableParams = 0;
    TrainingHistory history;
    std::filesystem::path modelFile;  // in the sweep's folder
    bool cancelled = false;
    // With folds: the kept epoch's validation accuracy on each fold, in fold order.
    std::vector<double> foldAccuracies;
    std::optional<double> foldMean() const;
    std::optional<double> foldStandardDeviation() const;  // sample standard deviation; needs 2 folds
};

// Best first: with folds for every candidate the higher mean fold accuracy, then as without: the higher
// validation accuracy; equal accuracy: the lower validation loss; then the
// smaller number of trainable parameters (the cheaper model); candidates without figures last.
void rankCandidates(std::vector<SweepCandidate>& candidates);

struct FineTuneSweepResult {
    std::vector<SweepCandidate> ranked;  // best first; only the candidates that ran
    std::filesystem::path modelFile;     // the best candidate's model, copied to the output; empty if none
    double seconds = 0.0;
    bool cancelled = false;
};

// The files beside MODEL: MODEL.sweep/ (each candidate's model, history CSV and JSON, split), and the
// ranking as MODEL.sweep.csv and MODEL.sweep.json.
std::filesystem::path sweepFolderFor(const std::filesystem::path& model);
std::filesystem::path sweepCsvPathFor(const std::filesystem::path& model);
std::filesystem::path sweepJsonPathFor(const std::filesystem::path& model);

// The training images of `manifest` in `folds` stratified parts (per class, shuffled by `seed`): part `fold`
// becomes the validation images, the others the training images; its validation and test images are left out.
// Throws tlw::Error when a class has fewer training images than folds.
SplitManifest crossValidationFold(const SplitManifest& manifest, int folds, int fold, std::uint64_t seed);

// rank,fine_tune_at,first_trainable_layer,val_accuracy,val_loss,kept_epoch,seconds,trainable_params,model,
// fold_mean,fold_sd (empty without folds)
std::string sweepToCsv(const FineTuneSweepResult& result);
// {"candidates": [{... the CSV's fields, "history": <historyToJson>}], "model", "seconds", "cancelled"}
std::string sweepToJson(const FineTuneSweepResult& result);
// The ranking back from sweepToJson (histories included); throws tlw::Error for a malformed document.
FineTuneSweepResult sweepFromJson(const std::string& json);

// What the sweep reports besides each candidate's own training calls (which go to the same observer).
class FineTuneSweepObserver : public TrainingObserver {
public:
    // Before candidate `index` (0-based, of `count`) starts, with the settings of its run.
    virtual void onCandidateStarted(std::size_t /*index*/, std::size_t /*count*/,
                                    const TrainingConfig& /*config*/) {}
    virtual void onCandidateEnded(const SweepCandidate& /*candidate*/) {}
    // Before a cross-validation run (fold 0-based, of folds) of a candidate; its training calls follow.
    virtual void onFoldStarted(int /*fold*/, int /*folds*/, const TrainingConfig& /*config*/) {}
};

class FineTuneSweep {
public:
    explicit FineTuneSweep(FineTuneSweepConfig config);  // throws tlw::Error (validate)
    ~FineTuneSweep();

    const FineTuneSweepConfig& config() const { return m_config; }

    // Runs the candidates, deepest fine_tune_at first (its frozen pass computes every candidate's cut),
    // writes the ranking and copies the best model to the output (atomically; its history beside it).
    // Stopped: the candidates done so far are ranked and the best of them written. Throws tlw::Error.
    FineTuneSweepResult run(FineTuneSweepObserver& observer);
    // Any thread: stops the candidate running now (within a batch) and starts no other.
    void requestStop() noexcept;

private:
    SweepCandidate runCandidate(std::size_t index, FineTuneSweepObserver& observer);
    // Runs `config` to its end as the session requestStop() reaches; the training calls go to observer.
    TrainingResult runSession(const TrainingConfig& config, FineTuneSweepObserver& observer,
                              std::int64_t* fineTuningTrainableParams, bool shareThePass);
    // The folds' runs of every ranked candidate; fills their foldAccuracies.
    void crossValidate(std::vector<SweepCandidate>& candidates, FineTuneSweepObserver& observer);
    TrainingConfig candidateConfig(std::size_t index) const;
    void refuseExistingOutput() const;
    void writeResult(const FineTuneSweepResult& result) const;

    FineTuneSweepConfig m_config;
    std::vector<int> m_order;  // the candidates, deepest first
    std::mutex m_sessionMutex;
    TrainingSession* m_session = nullptr;  // the candidate running now, for requestStop()
    std::atomic<bool> m_stop{false};
};

}  // namespace tlw
