#pragma once

// When a command cannot load a backbone because its weights file is nowhere to be found, core's discovery
// message says which file and where to put it; the command adds the flags that would help, which only the
// command knows.

#include <string>

#include "core/models/backbone.h"
#include "core/util/error.h"

namespace tlw::cli {

// " Or add --download ... <otherOptions>" when error is discovery's "not found" message for this backbone's
// file; empty for any other error (a bad file, a missing image, ...), which needs no advice.
std::string missingWeightsAdvice(const Error& error, BackboneKind kind, bool includeTop,
                                 const std::string& otherOptions);

// A "not pretrained: <why>" weights note as a line that shouts it: "*** NOT PRETRAINED *** <why>".
std::string notPretrainedWarning(const std::string& weightsNote);

}  // namespace tlw::cli
