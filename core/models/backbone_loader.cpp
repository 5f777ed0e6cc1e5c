#include "core/models/backbone_loader.h"

#include "core/models/keras_weights.h"
#include "core/util/error.h"

namespace tlw {

PreparedBackbone prepareBackbone(const BackboneRequest& request) {
    // The file first: without one (and without the random fallback) the caller hears so at once, before
    // the module is built (the full VGG16 allocates and initialises 138 million parameters).
    std::optional<WeightsResolution> resolution;
    std::string failure;
    try {
        resolution = resolveBackboneWeights(request.kind, request.includeTop, request.weightsFile,
                                            request.environment, request.download);
    } catch (const Error& e) {
        if (!request.allowRandomInit) throw;
        failure = e.what();
    }

    PreparedBackbone prepared;
    prepared.module = BackboneModule::create(request.kind, request.includeTop);
    prepared.module->eval();
    if (resolution) {
        try {
            loadKerasWeights(*prepared.module, resolution->file);
            prepared.weightsNote = "ImageNet weights: " + resolution->file.string() +
                                   (resolution->downloaded ? ", downloaded" : "");
            return prepared;
        } catch (const Error& e) {
            if (!request.allowRandomInit) throw;
            failure = e.what();
        }
    }
    initializeHeScaled(*prepared.module, request.randomSeed);
    prepared.weightsNote = "not pretrained: " + failure;
    return prepared;
}

}  // namespace tlw
