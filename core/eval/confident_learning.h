#pragma once

#include <cstddef>
#include <vector>

// Which given labels are probably wrong, from out-of-fold predicted probabilities, by confident learning
// (Northcutt, Jiang and Chuang, "Confident Learning: Estimating Uncertainty in Dataset Labels", JAIR 70,
// 2021; the method cleanlab implements, written here from the paper). Each class j gets a threshold t_j, the
// mean probability of j over the images labelled j (its mean self-confidence). An image is confidently of
// class j when p_j >= t_j; of several such classes, the most probable. The confident joint counts the
// images by (given label, confident class); those off its diagonal are the label issues. Torch-free.
namespace tlw {

struct LabelAssessment {
    int given = 0;
    int suggested = 0;  // the confident class of an issue; else the most probable class
    // The self-confidence margin turned round: the largest probability of another class minus that of the
    // given one, -1..1; above 0 the model prefers another class.
    double score = 0.0;
    bool issue = false;  // off the confident joint's diagonal
};

struct LabelAssessments {
    std::vector<double> thresholds;  // per class; above 1 (never reached) for a class without images
    std::vector<std::vector<std::size_t>> confidentJoint;  // [given][confident class]
    std::vector<LabelAssessment> images;                   // in the input order
    // Image indices, most suspect first: the issues by score, then the rest by score.
    std::vector<std::size_t> ranking;
    std::size_t issueCount() const;
};

// probabilities: n x classCount, row-major, each row summing to 1; given: n labels in [0, classCount).
// Throws tlw::Error for mismatched sizes or a label out of range.
LabelAssessments assessLabels(const std::vector<float>& probabilities, const std::vector<int>& given,
                              int classCount);

}  // namespace tlw
