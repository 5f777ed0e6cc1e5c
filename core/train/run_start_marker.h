#pragma once

// A new run on an output leaves `.MODEL.tlwm.started` beside the model until its first checkpoint is
// written. A checkpoint found beside the marker is an earlier run's: the run started last was killed before
// it had anything to resume, and `tlw resume` must say so instead of resuming (or calling finished) a run
// that is not the one the user started last.

#include <filesystem>

namespace tlw {

std::filesystem::path runStartMarkerFor(const std::filesystem::path& model);

// Atomic; holds the start time (UTC) for the message. Throws tlw::Error naming the file.
void markRunStarted(const std::filesystem::path& model);
// Once the run's first checkpoint is on disk.
void clearRunStarted(const std::filesystem::path& model) noexcept;

// Throws tlw::Error naming `checkpoint` when the marker is there: the last run started on `model` stopped
// before its first checkpoint, so `checkpoint` is left from an earlier run.
void refuseCheckpointOfAnEarlierRun(const std::filesystem::path& model,
                                    const std::filesystem::path& checkpoint);

}  // namespace tlw
