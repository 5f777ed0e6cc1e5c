#pragma once

// A fuzz target is a function of one input that must return or throw tlw::Error (the clean refusal every
// reader of a user's file owes): a crash, a hang or any other exception is a bug. Each target is written
// once with TLW_FUZZ_TARGET, registers itself by name, and runs two ways:
//   - in CI, in tlw_fuzz (g++, fuzz_driver.cpp): replay of the seeds and the corpus, then a bounded, seeded
//     mutation loop;
//   - in tlw_libfuzzer (clang -fsanitize=fuzzer, TLW_LIBFUZZER=ON, tools/fuzz.sh), whose
//     LLVMFuzzerTestOneInput (libfuzzer_entry.cpp) calls the target $TLW_FUZZ_TARGET names, for long
//     coverage-guided runs.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tlw::fuzz {

using FuzzFunction = void (*)(std::string_view input);
// Small valid inputs made in code (files the workbench itself writes), to start the mutations from.
using SeedFunction = std::vector<std::string> (*)();

struct Registration {
    Registration(const char* name, FuzzFunction function, SeedFunction seeds);
};

struct Target {
    std::string name;
    FuzzFunction function = nullptr;
    SeedFunction seeds = nullptr;
};
const std::vector<Target>& targets();

// A file in this process's own temporary folder holding `bytes`, for readers that take a path. The name
// ends in `extension` (".png", ".tlwm"); the same path is reused by every call with that extension.
std::filesystem::path writeInputFile(std::string_view bytes, const std::string& extension);
std::string readWholeFile(const std::filesystem::path& file);

}  // namespace tlw::fuzz

#define TLW_FUZZ_TARGET(name, seeds)                                                                 \
    static void tlwFuzz_##name(std::string_view input);                                              \
    static const ::tlw::fuzz::Registration tlwFuzzRegistration_##name(#name, tlwFuzz_##name, seeds); \
    static void tlwFuzz_##name(std::string_view input)
