#include "core/models/backbone_loader.h"

#include "core/models/keras_weights.h"
#include "core/util/error.h"

namespace tlw {

PreparedBackbone prepareBackbone(const BackboneRequest& request) {
    PreparedBackbone prepared;
    prepared.module = BackboneModule::create(request.kind, request.includeTop);
    prepared.module->eval();
    try {
        const WeightsResolution resolution = resolveBackboneWeights(
            request.kind, request.includeTop, request.weightsFile, request.environment, request.download);
        loadKerasWeights(*prepared.module, resolution.file);
        prepared.weightsNote =
            "ImageNet weights: " + resolution.file.string() + (resolution.downloaded ? ", downloaded" : "");
    } catch (const Error& e) {
        if (!request.allowRandomInit) throw;
        initializeHeScaled(*prepared.module, request.randomSeed);
        prepared.weightsNote = std::string("not pretrained: ") + e.what();
    }
    return prepared;
}

}  // namespace tlw
