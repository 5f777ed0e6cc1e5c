#include "tests/fuzz/fuzz_target.h"

#include <unistd.h>

#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>

namespace tlw::fuzz {
namespace {

std::vector<Target>& registry() {
    static std::vector<Target> all;
    return all;
}

// Removed when the process ends normally; a crash leaves it for the post-mortem.
struct InputFolder {
    InputFolder()
        : path(std::filesystem::temp_directory_path() / ("tlw-fuzz-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(path);
    }
    ~InputFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
};

}  // namespace

Registration::Registration(const char* name, FuzzFunction function, SeedFunction seeds) {
    registry().push_back({name, function, seeds});
}

const std::vector<Target>& targets() { return registry(); }

std::filesystem::path writeInputFile(std::string_view bytes, const std::string& extension) {
    static const InputFolder folder;
    const std::filesystem::path file = folder.path / ("input" + extension);
    // Removed first: a reader may have mapped the previous input, and rewriting a mapped file in place
    // would change it under the mapping.
    std::filesystem::remove(file);
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw std::runtime_error("fuzz: cannot write " + file.string());
    return file;
}

std::string readWholeFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace tlw::fuzz
