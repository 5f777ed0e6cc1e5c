#include "core/util/utf8.h"

namespace tlw {
namespace {

bool isContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the sequence a lead byte starts and the smallest code point it may encode; 0 when the
// byte cannot start one.
int sequenceLength(unsigned char lead, char32_t& smallest) {
    if (lead < 0x80) return smallest = 0, 1;
    if ((lead & 0xE0) == 0xC0) return smallest = 0x80, 2;
    if ((lead & 0xF0) == 0xE0) return smallest = 0x800, 3;
    if ((lead & 0xF8) == 0xF0) return smallest = 0x10000, 4;
    return 0;
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool isValidUtf8(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        char32_t smallest = 0;
        const int length = sequenceLength(lead, smallest);
        if (length == 0 || i + static_cast<std::size_t>(length) > bytes.size()) return false;
        char32_t code = length == 1 ? lead : lead & (0x7F >> length);
        for (int k = 1; k < length; ++k) {
            const auto byte = static_cast<unsigned char>(bytes[i + static_cast<std::size_t>(k)]);
            if (!isContinuation(byte)) return false;
            code = (code << 6) | (byte & 0x3F);
        }
        if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += static_cast<std::size_t>(length);
    }
    return true;
}

std::string printableText(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    text.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        char32_t smallest = 0;
        const int length = sequenceLength(byte, smallest);
        // U+0080-U+009F (C2 80 to C2 9F) are control characters too: U+009B starts an escape sequence.
        const bool c1Control = length == 2 && byte == 0xC2 && i + 1 < bytes.size() &&
                               static_cast<unsigned char>(bytes[i + 1]) < 0xA0;
        if (length > 1 && !c1Control && isValidUtf8(bytes.substr(i, static_cast<std::size_t>(length)))) {
            text.append(bytes.substr(i, static_cast<std::size_t>(length)));
            i += static_cast<std::size_t>(length);
            continue;
        }
        if (byte == '\n')
            text += "\\n";
        else if (byte == '\t')
            text += "\\t";
        else if (byte == '\r')
            text += "\\r";
        else if (byte == '\\' || (byte >= 0x20 && byte < 0x7F))
            text += static_cast<char>(byte);
        else
            text += std::string("\\x") + kDigits[byte >> 4] + kDigits[byte & 0x0F];
        ++i;
    }
    return text;
}

std::string hexOfBytes(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 0x0F];
    }
    return hex;
}

std::optional<std::string> bytesOfHex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    std::string bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = hexDigit(hex[i]);
        const int low = hexDigit(hex[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        bytes += static_cast<char>((high << 4) | low);
    }
    return bytes;
}

}  // namespace tlw
