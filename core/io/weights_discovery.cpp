#include "core/io/weights_discovery.h"

#include <cstdlib>
#include <system_error>

#include "core/util/error.h"
#include "core/util/regular_file.h"

namespace tlw {
namespace {

std::filesystem::path environmentPath(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::filesystem::path(value) : std::filesystem::path();
}

}  // namespace

WeightsEnvironment WeightsEnvironment::fromProcess() {
    WeightsEnvironment environment;
    const std::filesystem::path home = environmentPath("HOME");
    environment.weightsDir = environmentPath("TLW_WEIGHTS_DIR");
    environment.kerasHome = environmentPath("KERAS_HOME");
    if (environment.kerasHome.empty()) environment.kerasHome = home / ".keras";
    std::filesystem::path dataHome = environmentPath("XDG_DATA_HOME");
    if (dataHome.empty()) dataHome = home / ".local" / "share";
    environment.appDataDir = dataHome / "tlworkbench" / "weights";
    return environment;
}

std::vector<std::filesystem::path> weightsSearchFolders(const WeightsEnvironment& environment) {
    std::vector<std::filesystem::path> folders;
    if (!environment.weightsDir.empty()) folders.push_back(environment.weightsDir);
    folders.push_back(environment.kerasModelsDir());
    folders.push_back(environment.appDataDir);
    return folders;
}

std::string WeightsSearch::notFoundMessage() const {
    std::string looked;
    for (const std::filesystem::path& candidate : searched)
        looked += (looked.empty() ? "" : ", ") + candidate.parent_path().string();
    return fileName + " not found; looked in " + looked + ". Put the file in " + suggestedFolder.string() +
           "/ or set TLW_WEIGHTS_DIR to its folder.";
}

WeightsSearch findWeightsFile(const std::string& fileName,
                              const std::optional<std::filesystem::path>& explicitPath,
                              const WeightsEnvironment& environment) {
    WeightsSearch search;
    search.fileName = fileName;
    search.suggestedFolder = environment.kerasModelsDir();
    std::error_code error;
    if (explicitPath) {
        search.searched.push_back(*explicitPath);
        if (!std::filesystem::exists(*explicitPath, error))
            throw Error(*explicitPath, "no such weights file");
        requireRegularFile(*explicitPath);  // "a named pipe, ...", not "no such file" (issue 18)
        search.found = *explicitPath;
        return search;
    }
    for (const std::filesystem::path& folder : weightsSearchFolders(environment)) {
        const std::filesystem::path candidate = folder / fileName;
        search.searched.push_back(candidate);
        if (std::filesystem::is_regular_file(candidate, error)) {
            search.found = candidate;
            break;
        }
    }
    return search;
}

WeightsSearch findBackboneWeights(BackboneKind kind, bool includeTop,
                                  const std::optional<std::filesystem::path>& explicitPath,
                                  const WeightsEnvironment& environment) {
    return findWeightsFile(kerasWeightsFile(kind, includeTop).fileName, explicitPath, environment);
}

}  // namespace tlw
