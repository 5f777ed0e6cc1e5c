#include "core/train/run_notice.h"

#include <gtest/gtest.h>

#include <string>

namespace tlw {
namespace {

using Kind = RunNotice::Kind;

HeadSolveReport sampledSolve() {
    HeadSolveReport report;
    report.folds = 5;
    report.crossValidationImages = 2000;
    report.trainingImages = 20000;
    report.path = {{1e-1, 0.81, 0.52, 40}, {1e-2, 0.8812, 0.3012, 55}, {1e-3, 0.87, 0.33, 70}};
    report.chosenIndex = 1;
    report.chosenStrength = 1e-2;
    report.iterations = 37;
    report.gradientNorm = 4.1e-6;
    report.tolerance = 1e-5;
    report.converged = true;
    report.seconds = 0.21;
    return report;
}

// The CLI's log is each notice's English line: the same text the figures had before they were notices.
TEST(RunNotice, AHeadSolveReadsAsTheModelInfoPrintsIt) {
    HeadSolveReport report = sampledSolve();
    EXPECT_EQ(headSolvedNotice(report).english(), "exact head: " + headSolveFigures(report));
    EXPECT_EQ(
        headSolvedNotice(report).english(),
        "exact head: L2 1e-02 chosen by 5-fold cross-validation on 2,000 of 20,000 images (accuracy 0.8812, "
        "loss 0.3012); 37 L-BFGS iterations, gradient 4.1e-06 (tolerance 1e-05), 0.21 s");
    report.folds = 0;
    report.converged = false;
    EXPECT_EQ(headSolvedNotice(report).english(), "exact head: " + headSolveFigures(report));
    EXPECT_NE(headSolvedNotice(report).english().find("too few images to cross-validate"), std::string::npos);
    EXPECT_NE(headSolvedNotice(report).english().find("NOT converged"), std::string::npos);
}

TEST(RunNotice, CalibrationReadsAsTheModelInfoPrintsIt) {
    ModelCalibration calibration;
    calibration.fitted = true;
    calibration.temperature = 1.734;
    calibration.validationImages = 153;
    calibration.eceBefore = 0.1012;
    calibration.eceAfter = 0.0433;
    calibration.nllBefore = 0.41;
    calibration.nllAfter = 0.33;
    EXPECT_EQ(calibrationNotice(calibration).english(), "calibration: " + calibrationSummary(calibration));
    ModelCalibration none;
    none.note = "no validation images";
    const RunNotice notice = calibrationNotice(none);
    EXPECT_EQ(notice.kind, Kind::NotCalibrated);
    EXPECT_EQ(
        notice.english(),
        "calibration: none (no validation images): temperature 1 (the probabilities stay uncalibrated)");
}

TEST(RunNotice, LinesKeepTheirFiguresAndNames) {
    EXPECT_EQ(RunNotice(Kind::ClassWeights, {"ants", "bees"}, {0.8, 1.3333}).english(),
              "class weights (balanced): ants 0.8000, bees 1.3333");
    EXPECT_EQ(RunNotice(Kind::CachePassDone, {}, {120, 124, 9.87, 10.234}).english(),
              "frozen prefix: 120 images from the cache, 124 computed in 9.9 s; features ready in 10.23 s");
    EXPECT_EQ(RunNotice(Kind::ComputingCache, {"/c", "fire9", "drop9"}, {244, 1, 0}).english(),
              "computing the output of fire9 (global average pooled) and drop9 once for 244 images "
              "(frozen-prefix cache in /c)");
    EXPECT_EQ(RunNotice(Kind::IdenticalFiles, {"dataset"}, {3, 1, 0}).english(),
              "dataset: 3 groups of identical files, 1 across subsets (leakage) (tlw scan lists them)");
    EXPECT_EQ(RunNotice(Kind::RestoredBest, {"val_loss"}, {4, 4.01e31}).english(),
              "restored the weights of epoch 4 (val_loss 4.0100e+31)");
    EXPECT_EQ(RunNotice(Kind::ComputePrecision, {"bf16"}, {1}).english(),
              "frozen pass in bf16, training in bf16 mixed precision (fp32 weights)");
    EXPECT_EQ(RunNotice(Kind::ComputePrecision, {"fp32"}, {0}).english(),
              "frozen pass in fp32, training in fp32");
    RunNotice warning(Kind::ScanWarning, {"validation"});
    warning.scan = ScanNotice(ScanNotice::Kind::TinyClass, "bees", 3);
    EXPECT_EQ(warning.english(), "validation: " + warning.scan->english());
}

TEST(RunNotice, MissingPartsReadAsEmptyAndZero) {
    const RunNotice notice(Kind::Saved, {});
    EXPECT_EQ(notice.text(3), "");
    EXPECT_EQ(notice.value(2), 0.0);
    EXPECT_FALSE(notice.flag(0));
}

TEST(RunNotice, AWeightsNoteBecomesItsKindAndReadsTheSame) {
    const std::string downloaded = "ImageNet weights: /home/a b/vgg16, notop.h5, downloaded";
    const RunNotice fromNet = weightsNotice(downloaded);
    EXPECT_EQ(fromNet.kind, Kind::Pretrained);
    EXPECT_EQ(fromNet.text(0), "/home/a b/vgg16, notop.h5");
    EXPECT_TRUE(fromNet.flag(0));
    EXPECT_EQ(fromNet.english(), downloaded);

    const RunNotice local = weightsNotice("ImageNet weights: /w/squeezenet.h5");
    EXPECT_EQ(local.text(0), "/w/squeezenet.h5");
    EXPECT_FALSE(local.flag(0));

    const RunNotice random = weightsNotice("not pretrained: no weights file found");
    EXPECT_EQ(random.kind, Kind::NotPretrained);
    EXPECT_EQ(random.text(0), "no weights file found");
    EXPECT_EQ(random.english(), "not pretrained: no weights file found");

    EXPECT_EQ(weightsNotice("something else").kind, Kind::Other);
    EXPECT_EQ(weightsNotice("something else").english(), "something else");
}

}  // namespace
}  // namespace tlw
