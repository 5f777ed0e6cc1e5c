#include "core/train/run_notice.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "core/models/layer_info.h"
#include "core/models/model_calibration.h"
#include "core/train/cache_footprint.h"
#include "core/util/compute_libraries.h"

namespace tlw {
namespace {

using Kind = RunNotice::Kind;

std::string printed(const char* format, double value) {
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

std::string count(double value) { return std::to_string(static_cast<long long>(value)); }
std::string thousands(double value) { return formatThousands(static_cast<std::int64_t>(value)); }
std::string bytes(double value) { return formatByteSize(static_cast<std::int64_t>(value)); }

std::string dataLine(const RunNotice& n) {
    const std::string& subset = n.text(0);
    switch (n.kind) {
        case Kind::ScanMemoUsed:
            return subset + ": " + thousands(n.value(0)) + " images verified earlier, " +
                   thousands(n.value(1)) + " decoded; scanned in " + printed("%.2f s", n.value(2)) +
                   " (scan memo " + n.text(1) + ")";
        case Kind::ScanMemoNote:
            return subset + ": " + n.text(1);
        case Kind::FileSkipped:
            return subset + ": skipped " + n.text(1) + ": " + n.text(2);
        case Kind::MoreFilesSkipped:
            return subset + ": and " + count(n.value(0)) + " more skipped files";
        case Kind::ScanWarning:
            return subset + ": " + (n.scan ? n.scan->english() : std::string());
        default: {  // IdenticalFiles
            const std::string groups = count(n.value(0)) + (n.value(0) == 1 ? " group" : " groups");
            return subset + ": " + groups + " of identical files" +
                   (n.flag(1) ? ", " + count(n.value(1)) + " across subsets (leakage)" : "") +
                   (n.flag(2) ? ", " + count(n.value(2)) + " across classes" : "") + " (tlw scan lists them)";
        }
    }
}

std::string classWeightsLine(const RunNotice& n) {
    std::string text;
    for (std::size_t i = 0; i < n.texts.size(); ++i)
        text += (i ? ", " : "") + n.texts[i] + " " + formatValue(n.value(i));
    return "class weights (balanced): " + text;
}

std::string computingCacheLine(const RunNotice& n) {
    std::string layers;
    for (std::size_t i = 1; i < n.texts.size(); ++i)
        layers += (i > 1 ? " and " : "") + n.texts[i] + (n.flag(i) ? " (global average pooled)" : "");
    return "computing the output of " + layers + " once for " + count(n.value(0)) +
           " images (frozen-prefix cache in " + n.text(0) + ")";
}

std::string cacheFootprintLine(const RunNotice& n) {
    CacheFootprint footprint;
    footprint.ramBytes = static_cast<std::int64_t>(n.value(0));
    footprint.ramBudgetBytes = static_cast<std::int64_t>(n.value(1));
    footprint.mappedBytes = static_cast<std::int64_t>(n.value(2));
    footprint.diskBytes = static_cast<std::int64_t>(n.value(3));
    return "frozen-prefix cache: " + footprint.describe();
}

// The figures as `tlw info` prints them for a model's history (headSolveFigures), from the notice's values.
std::string headSolvedLine(const RunNotice& n) {
    HeadSolveReport report;
    report.folds = static_cast<int>(n.value(0));
    report.chosenStrength = n.value(1);
    report.crossValidationImages = static_cast<int>(n.value(2));
    report.trainingImages = static_cast<int>(n.value(3));
    report.path = {{report.chosenStrength, n.value(4), n.value(5), 0}};
    report.iterations = static_cast<int>(n.value(6));
    report.gradientNorm = n.value(7);
    report.tolerance = n.value(8);
    report.converged = n.flag(9);
    report.seconds = n.value(10);
    return "exact head: " + headSolveFigures(report);
}

std::string calibrationLine(const RunNotice& n) {
    ModelCalibration calibration;
    calibration.fitted = n.kind == Kind::Calibrated;
    calibration.temperature = n.value(0);
    if (!calibration.fitted) {
        calibration.note = n.text(0);
        return "calibration: " + calibrationSummary(calibration) + " (the probabilities stay uncalibrated)";
    }
    calibration.validationImages = static_cast<std::size_t>(n.value(1));
    calibration.eceBefore = n.value(2);
    calibration.eceAfter = n.value(3);
    calibration.nllBefore = n.value(4);
    calibration.nllAfter = n.value(5);
    return "calibration: " + calibrationSummary(calibration);
}

std::string preparationLine(const RunNotice& n) {
    switch (n.kind) {
        case Kind::ValidationReplaced:
            return "dataset: its own validation images are replaced by " + n.text(0);
        case Kind::ClassWeights:
            return classWeightsLine(n);
        case Kind::Pretrained:
            return "ImageNet weights: " + n.text(0) + (n.flag(0) ? ", downloaded" : "");
        case Kind::NotPretrained:
            return "not pretrained: " + n.text(0);
        case Kind::PrecisionAutoBackbone:
            return "precision auto: fp32 (bf16 does not pay for " + n.text(0) +
                   "; --precision bf16 forces it)";
        case Kind::PrecisionAutoCpu:
            return n.flag(0) ? "precision auto: bf16 (this CPU has bf16 arithmetic)"
                             : "precision auto: fp32 (this CPU has no bf16 arithmetic)";
        case Kind::ComputePrecision:
            return "frozen pass in " + n.text(0) + ", " +
                   (n.flag(0) ? "training in bf16 mixed precision (fp32 weights)" : "training in fp32");
        case Kind::ReferenceBlas:
            return referenceBlasWarning(BlasLibrary{BlasKind::Reference, n.text(0)});
        case Kind::NoValidationImages:
            return "no validation images: early stopping and learning-rate reduction watch the training "
                   "figures instead";
        case Kind::DatasetChanged:
            return "warning: the dataset's files differ from those the run started with";
        default:  // Resuming
            return "resuming at epoch " + count(n.value(0)) + " from " + n.text(0);
    }
}

std::string cacheLine(const RunNotice& n) {
    switch (n.kind) {
        case Kind::ComputingCache:
            return computingCacheLine(n);
        case Kind::CacheOlderFormat:
            return count(n.value(0)) + " folder(s) of an older feature cache format in " + n.text(0) + " (" +
                   bytes(n.value(1)) + ") are no longer read; delete them to free the space";
        case Kind::CacheDamaged:
            return "the feature cache in " + n.text(0) + " was damaged; computing it afresh";
        case Kind::CacheMapped:
            return "features of " + n.text(0) + " exceed the RAM budget; reading them from " + n.text(1);
        case Kind::CacheUnwritable:
            return "the frozen-prefix cache cannot be written (" + n.text(0) +
                   "); what this run wrote to it is removed, and training goes on without it: every epoch "
                   "runs "
                   "the frozen layers again";
        case Kind::CachePassDone:
            return "frozen prefix: " + count(n.value(0)) + " images from the cache, " + count(n.value(1)) +
                   " computed in " + printed("%.1f s", n.value(2)) + "; features ready in " +
                   printed("%.2f s", n.value(3));
        case Kind::CacheFootprint:
            return cacheFootprintLine(n);
        default:  // Bf16CachedCopy
            return "bf16 training reads a bfloat16 channels-last copy of the cached features (" +
                   bytes(n.value(0)) + " in RAM)";
    }
}

std::string headLine(const RunNotice& n) {
    switch (n.kind) {
        case Kind::AdaptingNormalization:
            return "adapting the head's Normalization to the pooled features of " + count(n.value(0)) +
                   " training images" + (n.flag(1) ? " (from the cache)" : "");
        case Kind::AdamInsteadOfExact:
            return "head solver: Adam instead of exact, because " + n.text(0);
        case Kind::SolvingHead:
            return "solving the head exactly (L-BFGS; L2 strength by 5-fold cross-validation on " +
                   count(n.value(0)) + " training images)";
        case Kind::CrossValidationPoint:
            return "  " + printed("L2 %.1e", n.value(0)) + ": cross-validation accuracy " +
                   printed("%.4f", n.value(1)) + ", loss " + printed("%.4f", n.value(2)) + " (" +
                   count(n.value(3)) + " iterations)" + (n.flag(4) ? "  <- chosen" : "");
        default:  // HeadSolved
            return headSolvedLine(n);
    }
}

std::string epochLine(const RunNotice& n) {
    switch (n.kind) {
        case Kind::EpochImageSkipped:
            return "skipped " + n.text(0) + ": " + n.text(1);
        case Kind::EarlyStopping:
            return "early stopping: " + n.text(0) + " has not improved for " + count(n.value(0)) + " epochs";
        case Kind::LearningRateReduced:
            return "ReduceLROnPlateau: learning rate " + std::to_string(n.value(0)) + " -> " +
                   std::to_string(n.value(1));
        case Kind::RestoredBest:
            return "restored the weights of epoch " + count(n.value(0)) + " (" + n.text(0) + " " +
                   formatValue(n.value(1)) + ")";
        case Kind::KeptLast:
            return "kept the weights of the last epoch, " + count(n.value(0)) + " (the best by " + n.text(0) +
                   " was epoch " + count(n.value(1)) + ")";
        default:  // Stopped
            return "stopped; the checkpoint after epoch " + count(n.value(0)) + " is kept for `tlw resume`";
    }
}

std::string endLine(const RunNotice& n) {
    switch (n.kind) {
        case Kind::Saved:
            return "saved the model to " + n.text(0);
        case Kind::TestResult:
            return "test: loss " + formatValue(n.value(0)) + ", accuracy " + formatValue(n.value(1)) +
                   " on " + count(n.value(2)) + " images";
        case Kind::Other:
            return n.text(0);
        default:
            return calibrationLine(n);
    }
}

}  // namespace

RunNotice::RunNotice(Kind kind, std::vector<std::string> texts, std::vector<double> values)
    : kind(kind), texts(std::move(texts)), values(std::move(values)) {}

const std::string& RunNotice::text(std::size_t i) const {
    static const std::string none;
    return i < texts.size() ? texts[i] : none;
}

double RunNotice::value(std::size_t i) const { return i < values.size() ? values[i] : 0.0; }

std::string RunNotice::english() const {
    if (kind <= Kind::IdenticalFiles) return dataLine(*this);
    if (kind <= Kind::Resuming) return preparationLine(*this);
    if (kind <= Kind::Bf16CachedCopy) return cacheLine(*this);
    if (kind <= Kind::HeadSolved) return headLine(*this);
    if (kind <= Kind::Stopped) return epochLine(*this);
    return endLine(*this);
}

std::vector<std::string> englishLines(const std::vector<RunNotice>& notices) {
    std::vector<std::string> lines;
    for (const RunNotice& notice : notices) lines.push_back(notice.english());
    return lines;
}

RunNotice headSolvedNotice(const HeadSolveReport& report) {
    const bool crossValidated = report.folds > 0 && report.chosenIndex < report.path.size();
    const CrossValidationPoint chosen =
        crossValidated ? report.path[report.chosenIndex] : CrossValidationPoint{};
    return {Kind::HeadSolved,
            {},
            {crossValidated ? static_cast<double>(report.folds) : 0.0,
             crossValidated ? chosen.l2Strength : report.chosenStrength,
             static_cast<double>(report.crossValidationImages), static_cast<double>(report.trainingImages),
             chosen.accuracy, chosen.loss, static_cast<double>(report.iterations), report.gradientNorm,
             report.tolerance, report.converged ? 1.0 : 0.0, report.seconds}};
}

RunNotice calibrationNotice(const ModelCalibration& calibration) {
    if (!calibration.fitted) return {Kind::NotCalibrated, {calibration.note}, {calibration.temperature}};
    return {Kind::Calibrated,
            {},
            {calibration.temperature, static_cast<double>(calibration.validationImages),
             calibration.eceBefore, calibration.eceAfter, calibration.nllBefore, calibration.nllAfter}};
}

RunNotice weightsNotice(const std::string& weightsNote) {
    static const std::string pretrained = "ImageNet weights: ";
    static const std::string notPretrained = "not pretrained: ";
    static const std::string downloaded = ", downloaded";
    if (weightsNote.rfind(notPretrained, 0) == 0)
        return {Kind::NotPretrained, {weightsNote.substr(notPretrained.size())}};
    if (weightsNote.rfind(pretrained, 0) != 0) return {Kind::Other, {weightsNote}};
    std::string file = weightsNote.substr(pretrained.size());
    const bool wasDownloaded =
        file.size() > downloaded.size() &&
        file.compare(file.size() - downloaded.size(), downloaded.size(), downloaded) == 0;
    if (wasDownloaded) file.resize(file.size() - downloaded.size());
    return {Kind::Pretrained, {file}, {wasDownloaded ? 1.0 : 0.0}};
}

// Keras's %.4f, except where it would cut the value (a val_loss of 4.01e31 came out as 31 digits, a tenth
// of it) or round it to nothing (a learning rate of 1e-5).
std::string formatValue(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "infinite" : "-infinite";
    char text[48];
    const double magnitude = std::fabs(value);
    const bool fixed = value == 0.0 || (magnitude >= 1e-3 && magnitude < 1e9);
    std::snprintf(text, sizeof text, fixed ? "%.4f" : "%.4e", value);
    return text;
}

}  // namespace tlw
