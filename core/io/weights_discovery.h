#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/models/backbone.h"

namespace tlw {

// Where weight files are looked for, taken from the environment once (so tests can pass their own).
struct WeightsEnvironment {
    std::filesystem::path weightsDir;  // $TLW_WEIGHTS_DIR, empty when unset
    std::filesystem::path kerasHome;   // $KERAS_HOME, else ~/.keras (Keras's own cache: models/ below it)
    std::filesystem::path
        appDataDir;  // $XDG_DATA_HOME/tlworkbench/weights, else ~/.local/share/tlworkbench/weights

    static WeightsEnvironment fromProcess();
    std::filesystem::path kerasModelsDir() const { return kerasHome / "models"; }
};

// The folders searched, in order: $TLW_WEIGHTS_DIR (when set), ~/.keras/models/, the app data folder.
std::vector<std::filesystem::path> weightsSearchFolders(const WeightsEnvironment& environment);

struct WeightsSearch {
    std::string fileName;                         // what was looked for
    std::optional<std::filesystem::path> found;   // the first match
    std::vector<std::filesystem::path> searched;  // every candidate path looked at, in order
    std::filesystem::path suggestedFolder;        // where a user should put the file (~/.keras/models)

    // "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 not found; looked in A, B, C. Put the file in
    // ~/.keras/models/ or set TLW_WEIGHTS_DIR to its folder."
    std::string notFoundMessage() const;
};

// Looks for a Keras weights file: the explicit path first (a missing explicit file is an error: tlw::Error),
// then each search folder.
WeightsSearch findWeightsFile(const std::string& fileName,
                              const std::optional<std::filesystem::path>& explicitPath,
                              const WeightsEnvironment& environment);
WeightsSearch findBackboneWeights(BackboneKind kind, bool includeTop,
                                  const std::optional<std::filesystem::path>& explicitPath,
                                  const WeightsEnvironment& environment);

}  // namespace tlw
