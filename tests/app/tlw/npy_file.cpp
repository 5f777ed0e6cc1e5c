#include "tests/app/tlw/npy_file.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <regex>
#include <stdexcept>

namespace tlw::test {
namespace {

std::string slurp(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) throw std::runtime_error("cannot open " + file.string());
    return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

}  // namespace

NpyArray readNpyFloat32(const std::filesystem::path& file) {
    const std::string bytes = slurp(file);
    if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) throw std::runtime_error("no .npy magic");
    if (bytes[6] != 1 || bytes[7] != 0) throw std::runtime_error("not format version 1.0");
    const size_t headerLength = static_cast<unsigned char>(bytes[8]) |
                                (static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    const size_t dataStart = 10 + headerLength;
    if (dataStart % 64 != 0) throw std::runtime_error("data not aligned to 64 bytes");
    if (bytes.size() < dataStart || bytes[dataStart - 1] != '\n')
        throw std::runtime_error("header not ended by \\n");
    const std::string header = bytes.substr(10, headerLength);

    std::smatch match;
    if (!std::regex_search(
            header, match,
            std::regex(R"(^\{'descr': '<f4', 'fortran_order': False, 'shape': \(([0-9, ]*)\), \} *\n$)")))
        throw std::runtime_error("unexpected header: " + header);
    NpyArray array;
    const std::string dims = match[1];
    size_t elements = 1;
    const std::regex number("[0-9]+");
    for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it) {
        array.shape.push_back(std::stoll(it->str()));
        elements *= static_cast<size_t>(array.shape.back());
    }
    if (bytes.size() != dataStart + elements * 4)
        throw std::runtime_error("file size does not match the shape: " + std::to_string(bytes.size()) +
                                 " bytes");
    array.values.resize(elements);
    // Little-endian float32, as '<f4' says (the tests run on little-endian machines).
    std::memcpy(array.values.data(), bytes.data() + dataStart, elements * 4);
    return array;
}

std::vector<std::vector<std::string>> readCsv(const std::filesystem::path& file) {
    const std::string text = slurp(file);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\n') {
            row.push_back(field);
            field.clear();
            rows.push_back(row);
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

}  // namespace tlw::test
