#include "tests/support/temp_dir.h"

#include <stdlib.h>

#include <string>
#include <system_error>
#include <vector>

namespace tlw::test {

TempDir::TempDir() {
    const std::string pattern = (std::filesystem::temp_directory_path() / "tlw-test-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    m_path = buffer.data();
}

TempDir::~TempDir() {
    // Tests chmod files to 000 to provoke permission errors; give the owner access back before removal.
    std::error_code ignored;
    for (auto it = std::filesystem::recursive_directory_iterator(
             m_path, std::filesystem::directory_options::skip_permission_denied, ignored);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ignored)) {
        if (!it->is_symlink(ignored))
            std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                         std::filesystem::perm_options::add, ignored);
    }
    std::filesystem::remove_all(m_path, ignored);
}

}  // namespace tlw::test
