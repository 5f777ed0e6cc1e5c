#include "core/util/error.h"

#include <cstring>

#include "core/util/utf8.h"

namespace tlw {

Error::Error(const std::string& reason) : std::runtime_error(reason), m_reason(reason) {}

Error::Error(const std::filesystem::path& file, const std::string& reason)
    : std::runtime_error(printableText(file.u8string()) + ": " + reason), m_file(file), m_reason(reason) {}

std::string describeErrno(const std::string& what, int errnum) { return what + ": " + std::strerror(errnum); }

}  // namespace tlw
