#pragma once

#include <optional>
#include <string>
#include <string_view>

// File names on Linux are bytes, not text: most are UTF-8, some are not (an old camera's Latin-1, a broken
// archive). What the workbench stores as JSON must still name those files exactly.
namespace tlw {

// True when the bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool isValidUtf8(std::string_view bytes);

// Two lowercase hex digits a byte, and back; nullopt for an odd length or a non-hex digit.
std::string hexOfBytes(std::string_view bytes);
std::optional<std::string> bytesOfHex(std::string_view hex);

// The text as a terminal line may show it: control characters (a newline or NUL inside a file name) and
// bytes that are not UTF-8 become escapes (\n, \t, \r, \x00), so one name stays one line and cannot
// move the cursor; everything else, CJK included, is kept.
std::string printableText(std::string_view bytes);

}  // namespace tlw
