#pragma once

#include <cstdint>
#include <filesystem>

#include "core/models/backbone.h"

// Keras weight files without LibTorch in the interface: for the GUI (check a file the user picked) and the
// CLI (tlw make-weights, which writes the files benchmarks and tests need where Keras's own cannot be had).
namespace tlw {

// Writes a Keras-layout weights file (exactly what Keras's model.save_weights() writes) for the backbone,
// with seeded He-scaled random weights: the same seed gives the same file contents. Atomic. Throws
// tlw::Error.
void writeRandomKerasWeightsFile(BackboneKind kind, bool includeTop, uint64_t seed,
                                 const std::filesystem::path& out);

// Checks that a file holds every weighted layer of the backbone with Keras's shapes, reading no weights.
// Throws tlw::Error "<file>: <first mismatch>".
void checkKerasWeightsFile(BackboneKind kind, bool includeTop, const std::filesystem::path& file);

// Reads every weight as loading would, which also refuses NaN and infinite values. Throws tlw::Error.
void checkKerasWeightValues(BackboneKind kind, bool includeTop, const std::filesystem::path& file);

}  // namespace tlw
