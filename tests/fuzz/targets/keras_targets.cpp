// Keras HDF5 weights files (tlw weights, --weights): libhdf5 behind our structure and value checks.

#include "core/models/backbone_module.h"
#include "core/models/keras_weights.h"
#include "core/models/keras_weights_file.h"
#include "tests/fuzz/fuzz_target.h"

namespace {

// The smallest backbone's file (MobileNet alpha 0.25 without its top, 1.9 MB), written with seeded weights.
std::vector<std::string> kerasSeeds() {
    const std::filesystem::path file = tlw::fuzz::writeInputFile("", ".seed.h5");
    tlw::writeRandomKerasWeightsFile(tlw::BackboneKind::MobileNet025, false, 1, file);
    return {tlw::fuzz::readWholeFile(file)};
}

}  // namespace

TLW_FUZZ_TARGET(keras_weights, kerasSeeds) {
    static const std::shared_ptr<tlw::BackboneModule> module =
        tlw::BackboneModule::create(tlw::BackboneKind::MobileNet025, false);
    tlw::loadKerasWeights(*module, tlw::fuzz::writeInputFile(input, ".h5"));
}
