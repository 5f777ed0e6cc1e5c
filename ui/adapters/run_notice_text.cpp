#include "ui/adapters/run_notice_text.h"

#include <QLocale>
#include <QStringList>

#include "core/train/head_solve_refusal.h"
#include "ui/adapters/scan_notice_text.h"
#include "ui/adapters/skip_reason_text.h"

namespace tlw::ui {

namespace {
using Kind = tlw::RunNotice::Kind;

QString text(const tlw::RunNotice& notice, std::size_t i) { return QString::fromStdString(notice.text(i)); }
QString integer(double value) { return QLocale().toString(static_cast<qlonglong>(value)); }
int count(double value) { return static_cast<int>(value); }
QString fixed(double value, int decimals) { return QLocale().toString(value, 'f', decimals); }
QString figure(double value) { return QString::fromStdString(tlw::formatValue(value)); }
QString bytes(double value) {
    return QLocale().formattedDataSize(static_cast<qint64>(value), 1, QLocale::DataSizeSIFormat);
}
QString seconds(double value, int decimals) {
    return QCoreApplication::translate("tlw::ui::RunNoticeText", "%1 s").arg(fixed(value, decimals));
}
}  // namespace

QString RunNoticeText::of(const tlw::RunNotice& notice) {
    if (notice.kind <= Kind::IdenticalFiles) return data(notice);
    if (notice.kind <= Kind::Resuming) return preparation(notice);
    if (notice.kind <= Kind::Bf16CachedCopy) return cache(notice);
    if (notice.kind <= Kind::HeadSolved) return head(notice);
    if (notice.kind <= Kind::Stopped) return epochs(notice);
    return end(notice);
}

QString RunNoticeText::frozenLayers(const std::string& freeze) {
    if (freeze == "all") return tr("all layers");
    if (freeze == "none") return tr("none");
    return QString::fromStdString(freeze);
}

QString RunNoticeText::monitor(const std::string& id) {
    // Without validation images the callbacks watch the training figures, which Keras names plainly.
    if (id == "loss") return tr("the training loss");
    if (id == "accuracy") return tr("the training accuracy");
    return QString::fromStdString(id);  // val_loss, val_accuracy: Keras's names
}

QString RunNoticeText::calibrationNote(const std::string& note) {
    // Core's reasons (core/train/training_session.cpp, temperature_calibration.cpp), kept in model files.
    if (note == "no validation images") return tr("no validation images");
    if (note == "no readable validation images") return tr("no readable validation images");
    if (note == "stopped before calibration" || note == "the run was stopped before calibration")
        return tr("the run was stopped before calibration");
    return QString::fromStdString(note);
}

QString RunNoticeText::subset(const std::string& what) {
    if (what == "validation") return tr("Validation folder");
    if (what == "test") return tr("Test folder");
    return tr("Dataset");
}

QString RunNoticeText::data(const tlw::RunNotice& n) {
    const QString where = subset(n.text(0));
    switch (n.kind) {
        case Kind::ScanMemoUsed:
            return tr("%1: %2 images verified earlier, %3 decoded; scanned in %4 (scan memo %5)")
                .arg(where, integer(n.value(0)), integer(n.value(1)), seconds(n.value(2), 2), text(n, 1));
        case Kind::ScanMemoNote:
            return tr("%1: the scan memo could not be used and is written afresh (%2)")
                .arg(where, text(n, 1));
        case Kind::FileSkipped:
            return tr("%1: skipped %2: %3").arg(where, text(n, 1), SkipReasonText::of(text(n, 2)));
        case Kind::MoreFilesSkipped:
            return tr("%1: and %n more skipped file(s)", nullptr, count(n.value(0))).arg(where);
        case Kind::ScanWarning:
            return tr("%1: %2").arg(where, n.scan ? ScanNoticeText::of(*n.scan) : QString());
        default: {  // IdenticalFiles
            QString line = tr("%1: %n group(s) of identical files", nullptr, count(n.value(0))).arg(where);
            if (n.flag(1)) line += tr(", %n across subsets (leakage)", nullptr, count(n.value(1)));
            if (n.flag(2)) line += tr(", %n across classes", nullptr, count(n.value(2)));
            return line + tr(" (the Dataset page lists them)");
        }
    }
}

QString RunNoticeText::classWeights(const tlw::RunNotice& n) {
    QStringList parts;
    for (std::size_t i = 0; i < n.texts.size(); ++i)
        parts << text(n, i) + QLatin1Char(' ') + figure(n.value(i));
    return tr("Class weights (balanced): %1").arg(parts.join(QStringLiteral(", ")));
}

QString RunNoticeText::preparation(const tlw::RunNotice& n) {
    switch (n.kind) {
        case Kind::ValidationReplaced:
            return tr("The dataset's own validation images are replaced by %1").arg(text(n, 0));
        case Kind::ClassWeights:
            return classWeights(n);
        case Kind::Pretrained:
            return n.flag(0) ? tr("ImageNet weights: %1 (downloaded)").arg(text(n, 0))
                             : tr("ImageNet weights: %1").arg(text(n, 0));
        case Kind::NotPretrained:
            return tr("Not pretrained: %1").arg(text(n, 0));
        case Kind::NoValidationImages:
            return tr(
                "No validation images: early stopping and learning-rate reduction watch the training "
                "figures instead");
        case Kind::DatasetChanged:
            return tr("Warning: the dataset's files differ from those the run started with");
        case Kind::Resuming:
            return tr("Resuming at epoch %1 from %2").arg(integer(n.value(0)), text(n, 0));
        default:
            return precision(n);
    }
}

QString RunNoticeText::precision(const tlw::RunNotice& n) {
    switch (n.kind) {
        case Kind::PrecisionAutoBackbone:
            return tr("Precision auto: fp32 (bf16 does not pay for %1)").arg(text(n, 0));
        case Kind::PrecisionAutoCpu:
            return n.flag(0) ? tr("Precision auto: bf16 (this CPU has bf16 arithmetic)")
                             : tr("Precision auto: fp32 (this CPU has no bf16 arithmetic)");
        case Kind::ComputePrecision:
            return n.flag(0) ? tr("Frozen pass in %1, training in bf16 mixed precision (fp32 weights)")
                                   .arg(text(n, 0))
                             : tr("Frozen pass in %1, training in fp32").arg(text(n, 0));
        default:  // ReferenceBlas
            return tr("Warning: LibTorch runs on the reference BLAS (%1): Dense layers and matrix products "
                      "are "
                      "about 14× slower than with an optimised one; install libopenblas0-pthread")
                .arg(text(n, 0));
    }
}

QString RunNoticeText::cachedLayers(const tlw::RunNotice& n) {
    QStringList layers;
    for (std::size_t i = 1; i < n.texts.size(); ++i)
        layers << (n.flag(i) ? tr("%1 (global average pooled)").arg(text(n, i)) : text(n, i));
    return layers.join(tr(" and "));
}

QString RunNoticeText::cache(const tlw::RunNotice& n) {
    switch (n.kind) {
        case Kind::ComputingCache:
            return tr("Computing the output of %1 once for %n image(s) (frozen-prefix cache in %2)", nullptr,
                      count(n.value(0)))
                .arg(cachedLayers(n), text(n, 0));
        case Kind::CacheOlderFormat:
            return tr("%n folder(s) of an older feature cache format in %1 (%2) are no longer read; delete "
                      "them "
                      "to free the space",
                      nullptr, count(n.value(0)))
                .arg(text(n, 0), bytes(n.value(1)));
        case Kind::CacheDamaged:
            return tr("The feature cache in %1 was damaged; computing it afresh").arg(text(n, 0));
        case Kind::CacheMapped:
            return tr("The features of %1 exceed the RAM budget; reading them from %2")
                .arg(text(n, 0), text(n, 1));
        case Kind::CacheUnwritable:
            return tr("The frozen-prefix cache cannot be written (%1); what this run wrote to it is removed, "
                      "and "
                      "training goes on without it: every epoch runs the frozen layers again")
                .arg(text(n, 0));
        default:
            return cacheFigures(n);
    }
}

QString RunNoticeText::cacheFigures(const tlw::RunNotice& n) {
    switch (n.kind) {
        case Kind::CachePassDone:
            return tr("Frozen prefix: %1 images from the cache, %2 computed in %3; features ready in %4")
                .arg(integer(n.value(0)), integer(n.value(1)), seconds(n.value(2), 1),
                     seconds(n.value(3), 2));
        case Kind::CacheFootprint: {
            QString line = n.value(1) > 0 ? tr("Frozen-prefix cache: %1 in RAM (budget %2)")
                                                .arg(bytes(n.value(0)), bytes(n.value(1)))
                                          : tr("Frozen-prefix cache: %1 in RAM").arg(bytes(n.value(0)));
            if (n.value(2) > 0) line += tr(", %1 read through a memory map").arg(bytes(n.value(2)));
            return line + tr(", %1 on disk").arg(bytes(n.value(3)));
        }
        default:  // Bf16CachedCopy
            return tr("bf16 training reads a bfloat16 channels-last copy of the cached features (%1 in RAM)")
                .arg(bytes(n.value(0)));
    }
}

QString RunNoticeText::headSolveRefusal(int refusal) {
    switch (static_cast<tlw::HeadSolveRefusal>(refusal)) {
        case tlw::HeadSolveRefusal::Augmenting:
            return tr(
                "random augmentation changes the features every epoch, so the head is not one fixed problem");
        case tlw::HeadSolveRefusal::Dropout:
            return tr("dropout makes the head's loss random, so it has no single optimum");
        case tlw::HeadSolveRefusal::BackboneTrains:
        case tlw::HeadSolveRefusal::None:
            break;
    }
    return tr("backbone layers train in this phase, so the problem is not convex");
}

QString RunNoticeText::head(const tlw::RunNotice& n) {
    switch (n.kind) {
        case Kind::AdaptingNormalization:
            return n.flag(1) ? tr("Adapting the head's Normalization to the pooled features of %n training "
                                  "image(s) (from the cache)",
                                  nullptr, count(n.value(0)))
                             : tr("Adapting the head's Normalization to the pooled features of %n training "
                                  "image(s)",
                                  nullptr, count(n.value(0)));
        case Kind::AdamInsteadOfExact:
            return tr("Head solver: Adam instead of exact, because %1")
                .arg(headSolveRefusal(count(n.value(0))));
        case Kind::SolvingHead:
            return tr(
                "Solving the head exactly (L-BFGS; L2 strength by 5-fold cross-validation on %n training "
                "image(s))",
                nullptr, count(n.value(0)));
        case Kind::CrossValidationPoint: {
            const QString line =
                tr("  L2 %1: cross-validation accuracy %2, loss %3 (%n iteration(s))", nullptr,
                   count(n.value(3)))
                    .arg(QString::number(n.value(0), 'e', 1), fixed(n.value(1), 4), fixed(n.value(2), 4));
            return n.flag(4) ? line + tr("  ← chosen") : line;
        }
        default:
            return headSolved(n);
    }
}

QString RunNoticeText::headSolved(const tlw::RunNotice& n) {
    const QString strength = QString::number(n.value(1), 'e', 0);
    QString chosen;
    if (n.value(0) <= 0) {
        chosen = tr("L2 %1 (too few images to cross-validate)").arg(strength);
    } else if (n.value(2) > 0 && n.value(2) < n.value(3)) {
        chosen = tr("L2 %1 chosen by %2-fold cross-validation on %3 of %4 images (accuracy %5, loss %6)")
                     .arg(strength, integer(n.value(0)), integer(n.value(2)), integer(n.value(3)),
                          fixed(n.value(4), 4), fixed(n.value(5), 4));
    } else {
        chosen = tr("L2 %1 chosen by %2-fold cross-validation (accuracy %3, loss %4)")
                     .arg(strength, integer(n.value(0)), fixed(n.value(4), 4), fixed(n.value(5), 4));
    }
    const QString refit =
        n.flag(9) ? tr("%n L-BFGS iteration(s), gradient %1 (tolerance %2), %3", nullptr, count(n.value(6)))
                  : tr("%n L-BFGS iteration(s), gradient %1 (tolerance %2), NOT converged, %3", nullptr,
                       count(n.value(6)));
    return tr("Exact head: %1; %2")
        .arg(chosen, refit.arg(QString::number(n.value(7), 'e', 1), QString::number(n.value(8), 'e', 0),
                               seconds(n.value(10), 2)));
}

QString RunNoticeText::epochs(const tlw::RunNotice& n) {
    switch (n.kind) {
        case Kind::EpochImageSkipped:
            return tr("Skipped %1: %2").arg(text(n, 0), SkipReasonText::of(text(n, 1)));
        case Kind::EarlyStopping:
            return tr("Early stopping: %1 has not improved for %n epoch(s)", nullptr, count(n.value(0)))
                .arg(monitor(n.text(0)));
        case Kind::LearningRateReduced:
            return tr("ReduceLROnPlateau: learning rate %1 → %2")
                .arg(QLocale().toString(n.value(0), 'g', 4), QLocale().toString(n.value(1), 'g', 4));
        case Kind::RestoredBest:
            return tr("Restored the weights of epoch %1 (%2 %3)")
                .arg(integer(n.value(0)), monitor(n.text(0)), figure(n.value(1)));
        case Kind::KeptLast:
            return tr("Kept the weights of the last epoch, %1 (the best by %2 was epoch %3)")
                .arg(integer(n.value(0)), monitor(n.text(0)), integer(n.value(1)));
        default:  // Stopped
            return tr("Stopped; the checkpoint after epoch %1 is kept: Resume carries on from it")
                .arg(integer(n.value(0)));
    }
}

QString RunNoticeText::end(const tlw::RunNotice& n) {
    switch (n.kind) {
        case Kind::Calibrated:
            return tr("Calibration: temperature %1, fitted on %n validation image(s); expected calibration "
                      "error "
                      "%2 → %3, NLL %4 → %5",
                      nullptr, count(n.value(1)))
                .arg(QLocale().toString(n.value(0), 'g', 4), fixed(n.value(2), 4), fixed(n.value(3), 4),
                     fixed(n.value(4), 4), fixed(n.value(5), 4));
        case Kind::NotCalibrated:
            return tr("Calibration: none (%1); the probabilities stay uncalibrated")
                .arg(calibrationNote(n.text(0)));
        case Kind::Saved:
            return tr("Saved the model to %1").arg(text(n, 0));
        case Kind::TestResult:
            return tr("Test: loss %1, accuracy %2 on %n image(s)", nullptr, count(n.value(2)))
                .arg(figure(n.value(0)), figure(n.value(1)));
        default:  // Other: a line from elsewhere, kept whole
            return text(n, 0);
    }
}

}  // namespace tlw::ui
