#pragma once

#include <string>

namespace tlw {

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
std::string csvField(const std::string& text);

}  // namespace tlw
