#include "core/train/run_start_marker.h"

#include <ctime>
#include <string>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace tlw {
namespace {

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &utc);
    return text;
}

}  // namespace

std::filesystem::path runStartMarkerFor(const std::filesystem::path& model) {
    return model.parent_path() / ("." + model.filename().string() + ".started");
}

void markRunStarted(const std::filesystem::path& model) {
    writeFileAtomically(runStartMarkerFor(model), utcNow() + "\n");
}

void clearRunStarted(const std::filesystem::path& model) noexcept {
    std::error_code ignored;
    std::filesystem::remove(runStartMarkerFor(model), ignored);
}

void refuseCheckpointOfAnEarlierRun(const std::filesystem::path& model,
                                    const std::filesystem::path& checkpoint) {
    const std::filesystem::path marker = runStartMarkerFor(model);
    std::error_code error;
    if (!std::filesystem::is_regular_file(marker, error)) return;
    std::string started;
    try {
        started = readFileBytes(marker, 64);
    } catch (const Error&) {
    }
    while (!started.empty() && (started.back() == '\n' || started.back() == '\r')) started.pop_back();
    throw Error(checkpoint, "the last run on " + model.filename().u8string() +
                                (started.empty() ? "" : " (started " + started + ")") +
                                " was stopped before its first checkpoint, so there is nothing of it to "
                                "resume; this checkpoint is left from an earlier run. Start the run again, "
                                "or delete " +
                                marker.filename().u8string() + " to resume the earlier run");
}

}  // namespace tlw
