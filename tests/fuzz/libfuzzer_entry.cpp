// tlw_libfuzzer's entry points: libFuzzer calls LLVMFuzzerTestOneInput with each input; it runs the target
// that $TLW_FUZZ_TARGET names. tlw::Error is the clean refusal; anything else escapes and libFuzzer reports
// it as a crash with the input saved.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/util/error.h"
#include "tests/fuzz/fuzz_target.h"

namespace {

tlw::fuzz::FuzzFunction g_target = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* name = std::getenv("TLW_FUZZ_TARGET");
    for (const tlw::fuzz::Target& target : tlw::fuzz::targets())
        if (name != nullptr && target.name == name) g_target = target.function;
    if (g_target == nullptr) {
        std::fprintf(stderr, "tlw_libfuzzer: set TLW_FUZZ_TARGET to one of:");
        for (const tlw::fuzz::Target& target : tlw::fuzz::targets())
            std::fprintf(stderr, " %s", target.name.c_str());
        std::fprintf(stderr, "\n");
        std::exit(2);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    try {
        g_target(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const tlw::Error&) {
    }
    return 0;
}
