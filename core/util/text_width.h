#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Laying out text tables for a terminal, where a Chinese character takes two columns and a combining
// accent none: what `tlw evaluate` and the reports it prints need to keep CJK class names aligned.
namespace tlw {

// Columns the UTF-8 text takes: East Asian wide and fullwidth characters 2, combining marks and zero-width
// characters 0, everything else 1; each byte of an invalid sequence counts 1.
std::size_t displayWidth(std::string_view utf8);

// The text right-aligned (padLeft) or left-aligned (padRight) in a field of `width` columns; text wider
// than the field is returned as it is.
std::string padLeft(const std::string& text, std::size_t width);
std::string padRight(const std::string& text, std::size_t width);

}  // namespace tlw
