#include "core/train/training_observer.h"

namespace tlw {

const char* trainingStageName(TrainingStage stage) {
    switch (stage) {
        case TrainingStage::Preparing:
            return "preparing";
        case TrainingStage::CachingFeatures:
            return "caching";
        case TrainingStage::Training:
            return "training";
        case TrainingStage::Validating:
            return "validating";
        case TrainingStage::Testing:
            return "testing";
        case TrainingStage::Saving:
            return "saving";
    }
    return "training";
}

}  // namespace tlw
