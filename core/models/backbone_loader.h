#pragma once

// Core-internal (LibTorch): one call from "VGG16 with ImageNet weights, please" to a ready module, for the
// training engine and the predict/features commands.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/io/weights_resolver.h"
#include "core/models/backbone_module.h"

namespace tlw {

struct BackboneRequest {
    BackboneKind kind = BackboneKind::Vgg16;
    bool includeTop = false;
    std::optional<std::filesystem::path> weightsFile;  // explicit file (--weights, a GUI file picker)
    WeightsEnvironment environment = WeightsEnvironment::fromProcess();
    WeightsDownloadOptions download;
    // When no weights can be had (not found, offline, bad file): go on with seeded random weights instead of
    // throwing; the module then says pretrained() == false and weightsNote says why.
    bool allowRandomInit = false;
    uint64_t randomSeed = 0;
};

struct PreparedBackbone {
    std::shared_ptr<BackboneModule> module;  // in eval() mode
    // "ImageNet weights: <file>" (", downloaded" when fetched), or "not pretrained: <why>".
    std::string weightsNote;
};

// Finds (or downloads) and loads the weights; throws tlw::Error unless allowRandomInit.
PreparedBackbone prepareBackbone(const BackboneRequest& request);

}  // namespace tlw
