#include "core/io/weights_resolver.h"

#include "core/util/error.h"

namespace tlw {

WeightsResolution resolveBackboneWeights(BackboneKind kind, bool includeTop,
                                         const std::optional<std::filesystem::path>& explicitPath,
                                         const WeightsEnvironment& environment,
                                         const WeightsDownloadOptions& download) {
    WeightsResolution resolution;
    resolution.search = findBackboneWeights(kind, includeTop, explicitPath, environment);
    if (resolution.search.found) {
        resolution.file = *resolution.search.found;
        return resolution;
    }
    const KerasWeightsFile published = kerasWeightsFile(kind, includeTop);
    const std::string url = download.urlOverride.empty() ? published.url : download.urlOverride;
    const std::string notFound = resolution.search.notFoundMessage();
    if (!download.allowed) throw Error(notFound);
    if (url.empty())
        throw Error(notFound + " " + backboneDisplayName(kind) + " weights have no official download.");

    const std::filesystem::path destination = environment.kerasModelsDir() / published.fileName;
    try {
        downloadFile(DownloadRequest{url, published.md5, destination, download.progress, download.cancel});
    } catch (const Error& e) {
        throw Error(e.file(), e.reason() + ". " + notFound);
    }
    resolution.file = destination;
    resolution.downloaded = true;
    return resolution;
}

}  // namespace tlw
