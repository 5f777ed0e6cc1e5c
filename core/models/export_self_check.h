#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/models/export_check.h"
#include "core/models/trained_model.h"

// The part of an export's self-check that does not depend on the runtime: feeding the check images to the
// written file in batches, asking the workbench for its own probabilities, comparing, and failing.
// Torch-free.
namespace tlw {

// Runs the written file on `count` images given as N x H x W x 3 floats (exportInputBatch); returns N rows
// of probabilities. Throws tlw::Error when the runtime cannot load or run the file.
using ExportedModelRunner =
    std::function<std::vector<std::vector<float>>(const std::vector<float>& batch, std::size_t count)>;

// Compares the exported model (through run) with model.probabilities() on check.images. Throws tlw::Error
// "<file>: ..." with the figures when a label differs or a probability is further than kExportCheckTolerance.
ExportCheckReport selfCheckExport(const TrainedModel& model, const std::filesystem::path& file,
                                  const ExportCheckImages& check, const std::string& runtime,
                                  const ExportedModelRunner& run);

}  // namespace tlw
