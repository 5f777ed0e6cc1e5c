#pragma once

#include <string>

namespace tlw {

// Now, in UTC, as ISO 8601: "2026-12-06T10:11:12Z" (what models, run records and split manifests store).
std::string utcNow();

}  // namespace tlw
