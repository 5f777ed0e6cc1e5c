// Training configs a user may edit or hand over: tlw train --config, the checkpoint's copy, the GUI's
// hyper-parameters.

#include "core/train/training_config.h"
#include "core/util/error.h"
#include "tests/fuzz/fuzz_target.h"

namespace {

std::vector<std::string> configSeeds() {
    tlw::TrainingConfig config;
    config.dataDir = "/data/秦印";
    config.validationSplit = 0.2;
    config.epochs = 7;
    config.freeze = tlw::FreezeSpec::firstLayers(16);
    return {tlw::trainingConfigToJson(config), tlw::trainingConfigToJson(tlw::TrainingConfig{}),
            tlw::hyperParametersToJson(config)};
}

}  // namespace

TLW_FUZZ_TARGET(training_config, configSeeds) {
    const std::string json(input);
    try {
        tlw::trainingConfigFromJson(json).validate();
    } catch (const tlw::Error&) {
    }
    tlw::TrainingConfig config;
    tlw::readHyperParametersJson(json, config);
}
