#pragma once

#include <string>

namespace tlw {

// Why a phase's head cannot be solved exactly (core/train/exact_head.h), so that Adam trains it instead. A
// kind, not words, so that the window can say it in the user's language; headSolveRefusalReason() gives
// the log's English.
enum class HeadSolveRefusal {
    None,            // the head is a convex problem: solved exactly
    Augmenting,      // random augmentation changes the features every epoch
    Dropout,         // dropout makes the head's loss random
    BackboneTrains,  // backbone layers train in this phase: not convex
};

std::string headSolveRefusalReason(HeadSolveRefusal refusal);

}  // namespace tlw
