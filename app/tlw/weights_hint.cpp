#include "app/tlw/weights_hint.h"

#include <cstdio>
#include <optional>

#include "core/io/weights_discovery.h"

namespace tlw::cli {

std::string missingWeightsAdvice(const Error& error, BackboneKind kind, bool includeTop,
                                 const std::string& otherOptions) {
    const WeightsSearch search =
        findBackboneWeights(kind, includeTop, std::nullopt, WeightsEnvironment::fromProcess());
    if (search.found || error.what() != search.notFoundMessage()) return {};
    std::string advice;
    const KerasWeightsFile published = kerasWeightsFile(kind, includeTop);
    if (!published.url.empty()) {
        char size[32];
        std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(published.size) / 1e6);
        advice += std::string(" Or add --download to fetch it from Keras's site (") + size + ").";
    }
    if (!otherOptions.empty()) advice += " " + otherOptions;
    return advice;
}

std::string notPretrainedWarning(const std::string& weightsNote) {
    const std::string prefix = "not pretrained: ";
    const bool prefixed = weightsNote.rfind(prefix, 0) == 0;
    return "*** NOT PRETRAINED *** " + (prefixed ? weightsNote.substr(prefix.size()) : weightsNote);
}

}  // namespace tlw::cli
