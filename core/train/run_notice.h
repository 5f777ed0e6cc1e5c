#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/data/scan_notice.h"
#include "core/models/model_calibration.h"
#include "core/train/head_solve_report.h"

namespace tlw {

// One line of a training run's log, kept as data so that each front end words it in its own language:
// english() for the CLI (and anything that only wants text), the window's tr() for its log. Its texts are
// names, paths and core's own reasons; its values are numbers, both in the order each kind documents.
struct RunNotice {
    // In groups, in the order of a run; english() picks the group by that order.
    enum class Kind {
        // The data. texts[0] is the subset scanned: "dataset", "validation" or "test".
        ScanMemoUsed,        // texts: subset, memo file; values: verified earlier, decoded, seconds
        ScanMemoNote,        // texts: subset, the memo's English note
        FileSkipped,         // texts: subset, file, core's reason
        MoreFilesSkipped,    // texts: subset; values: files not listed
        ScanWarning,         // texts: subset; scan: the warning
        IdenticalFiles,      // texts: subset; values: groups, across subsets, across classes
        ValidationReplaced,  // texts: the validation folder that replaces the dataset's own
        ClassWeights,        // texts: class names; values: their weights
        // Before the epochs.
        Pretrained,             // texts: the weights file; values: 1 when downloaded
        NotPretrained,          // texts: why (core's reason)
        PrecisionAutoBackbone,  // texts: the backbone's display name (bf16 does not pay for it)
        PrecisionAutoCpu,       // values: 1 when the CPU has bf16 arithmetic
        ComputePrecision,       // texts: precision id of the frozen pass; values: 1 when training in bf16
        ReferenceBlas,          // texts: the BLAS library's path
        NoValidationImages,     // callbacks watch the training figures
        DatasetChanged,         // since the checkpoint
        Resuming,               // texts: checkpoint; values: epoch
        // The frozen-prefix cache.
        ComputingCache,    // texts: cache folder, then each cached layer; values: images, then 1 per pooled
                           // layer
        CacheOlderFormat,  // texts: cache folder; values: folders, bytes
        CacheDamaged,      // texts: the damaged folder
        CacheMapped,       // texts: layer, feature file (over the RAM budget)
        CacheUnwritable,   // texts: core's reason
        CachePassDone,     // values: reused, computed, seconds, seconds until the features were ready
        CacheFootprint,    // values: RAM bytes, RAM budget bytes (0: none), mapped bytes, disk bytes
        Bf16CachedCopy,    // values: bytes
        // The head.
        AdaptingNormalization,  // values: images, 1 when from the cache
        AdamInsteadOfExact,     // texts: core's reason; values: the HeadSolveRefusal
        SolvingHead,            // values: training images
        CrossValidationPoint,   // values: L2 strength, accuracy, loss, iterations, 1 when chosen
        // values: folds (0: too few images), L2 strength, cross-validation images, training images, accuracy,
        // loss, iterations, gradient norm, tolerance, 1 when converged, seconds
        HeadSolved,
        // Epochs.
        EpochImageSkipped,    // texts: file, core's reason
        EarlyStopping,        // texts: monitor; values: patience
        LearningRateReduced,  // values: from, to
        RestoredBest,         // texts: monitor; values: epoch, value
        KeptLast,             // texts: monitor; values: kept epoch, best epoch
        Stopped,              // values: the last epoch with a checkpoint
        // The end.
        Calibrated,     // values: temperature, validation images, ECE before, after, NLL before, after
        NotCalibrated,  // texts: why; values: temperature
        Saved,          // texts: the model file
        TestResult,     // values: loss, accuracy, images
        Other,          // texts: an English line from elsewhere (kept whole)
    };

    RunNotice() = default;
    RunNotice(Kind kind, std::vector<std::string> texts, std::vector<double> values = {});

    Kind kind = Kind::Other;
    std::vector<std::string> texts;
    std::vector<double> values;
    std::optional<ScanNotice> scan;  // ScanWarning

    // texts[i] / values[i], or empty / 0 when the notice has fewer (a kind's optional parts).
    const std::string& text(std::size_t i) const;
    double value(std::size_t i) const;
    bool flag(std::size_t i) const { return value(i) != 0.0; }

    std::string english() const;
};

std::vector<std::string> englishLines(const std::vector<RunNotice>& notices);

RunNotice headSolvedNotice(const HeadSolveReport& report);
RunNotice calibrationNotice(const ModelCalibration& calibration);

// "ImageNet weights: FILE[, downloaded]" or "not pretrained: WHY" (a run's weights note, as checkpoints and
// model files keep it) as a notice.
RunNotice weightsNotice(const std::string& weightsNote);

// A figure as the log prints it: Keras's %.4f, except where that would cut the value or round it to nothing.
std::string formatValue(double value);

}  // namespace tlw
