#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace tlw {

// The one exception type core throws. what() reads "<file>: <reason>" when a file is involved, so the
// CLI and the GUI can show it as it is; file() and reason() are there for callers that lay it out.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& reason);
    Error(const std::filesystem::path& file, const std::string& reason);

    const std::filesystem::path& file() const noexcept { return m_file; }
    const std::string& reason() const noexcept { return m_reason; }

private:
    std::filesystem::path m_file;
    std::string m_reason;
};

// "<reason>: <strerror(errnum)>", for failures reported through errno.
std::string describeErrno(const std::string& what, int errnum);

}  // namespace tlw
