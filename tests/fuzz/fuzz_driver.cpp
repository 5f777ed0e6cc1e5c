// tlw_fuzz: runs one registered fuzz target without libFuzzer (g++ builds, CI). First every seed the target
// makes and every corpus file given, then blind mutations of them until the time is up. A crash, a hang or
// an exception other than tlw::Error saves the input that caused it and fails.
//
//   tlw_fuzz --list
//   tlw_fuzz TARGET [--seconds S] [--seed N] [--max-length BYTES] [--failures DIR] [CORPUS_DIR_OR_FILE...]
//   tlw_fuzz TARGET --write-seeds DIR      (for libFuzzer's corpus, tools/fuzz.sh)

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "core/util/error.h"
#include "tests/fuzz/fuzz_target.h"
#include "tests/fuzz/mutator.h"

namespace tlw::fuzz {
namespace {

constexpr unsigned kHangSeconds = 20;

struct Options {
    std::string target;
    double seconds = 10.0;
    std::uint64_t seed = 1;
    std::size_t maxLength = 1 << 16;
    std::filesystem::path failures = ".";
    std::filesystem::path writeSeeds;
    std::vector<std::filesystem::path> corpus;
};

// What the signal handlers need, prepared before any input runs: they may only make plain system calls.
std::string_view g_input;
char g_failurePath[4096];

void saveInputFromHandler(const char* what) {
    const int fd = ::open(g_failurePath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        ssize_t ignored = ::write(fd, g_input.data(), g_input.size());
        (void)ignored;
        ::close(fd);
    }
    const char* parts[] = {"tlw_fuzz: ", what, " on the input saved as ", g_failurePath, "\n"};
    for (const char* part : parts) {
        ssize_t ignored = ::write(STDERR_FILENO, part, std::strlen(part));
        (void)ignored;
    }
}

void onCrash(int signal) {
    if (g_input.data() == nullptr) {
        const char message[] = "tlw_fuzz: a crash outside any input (while starting or exiting)\n";
        ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
        (void)ignored;
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    saveInputFromHandler(signal == SIGALRM ? "a hang (no answer within 20 s)" : "a crash");
    if (signal == SIGALRM) ::_exit(3);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void installHandlers(const Options& options) {
    const std::string path = (options.failures / ("failure-" + options.target)).string();
    std::snprintf(g_failurePath, sizeof g_failurePath, "%s", path.c_str());
    for (const int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM}) std::signal(signal, onCrash);
}

// Runs one input; false (after saving it) when it escaped as anything but tlw::Error.
bool runOne(const Target& target, const std::string& input) {
    g_input = input;
    ::alarm(kHangSeconds);
    try {
        target.function(input);
    } catch (const Error&) {
        // The clean refusal every reader owes a bad file.
    } catch (const std::exception& e) {
        ::alarm(0);
        saveInputFromHandler((std::string("an exception other than tlw::Error (") + e.what() + ")").c_str());
        return false;
    } catch (...) {
        ::alarm(0);
        saveInputFromHandler("an exception of unknown type");
        return false;
    }
    ::alarm(0);
    g_input = {};  // the input dies with the caller's string; a signal after this has no input to save
    return true;
}

std::vector<std::string> corpusInputs(const Options& options) {
    std::vector<std::filesystem::path> files;
    for (const std::filesystem::path& entry : options.corpus) {
        if (std::filesystem::is_directory(entry)) {
            for (const auto& file : std::filesystem::directory_iterator(entry))
                if (file.is_regular_file()) files.push_back(file.path());
        } else {
            files.push_back(entry);
        }
    }
    std::sort(files.begin(), files.end());  // the same order everywhere: a seeded run replays exactly
    std::vector<std::string> inputs;
    for (const auto& file : files) inputs.push_back(readWholeFile(file));
    return inputs;
}

int writeSeeds(const Target& target, const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    const std::vector<std::string> seeds = target.seeds ? target.seeds() : std::vector<std::string>{};
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        FILE* out = std::fopen((folder / ("seed-" + std::to_string(i))).c_str(), "wb");
        if (out == nullptr) return 1;
        std::fwrite(seeds[i].data(), 1, seeds[i].size(), out);
        std::fclose(out);
    }
    std::cout << target.name << ": " << seeds.size() << " seeds written to " << folder << '\n';
    return 0;
}

int fuzz(const Target& target, const Options& options) {
    std::vector<std::string> inputs = target.seeds ? target.seeds() : std::vector<std::string>{};
    const std::size_t seeds = inputs.size();
    for (std::string& input : corpusInputs(options)) inputs.push_back(std::move(input));
    if (inputs.empty()) inputs.emplace_back();
    installHandlers(options);
    for (const std::string& input : inputs)
        if (!runOne(target, input)) return 1;

    // Mutants may grow up to the limit, and a large seed (a Keras file) keeps its whole length.
    std::size_t maxLength = options.maxLength;
    for (const std::string& input : inputs) maxLength = std::max(maxLength, input.size());
    Mutator mutator(options.seed, maxLength);
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(options.seconds);
    std::size_t mutants = 0;
    while (std::chrono::steady_clock::now() < end) {
        const std::string mutant = mutator.mutate(inputs[mutator.pick(inputs.size())], inputs);
        if (!runOne(target, mutant)) return 1;
        ++mutants;
    }
    std::cout << target.name << ": " << seeds << " seeds and " << inputs.size() - seeds
              << " corpus files replayed, " << mutants << " mutants in " << options.seconds << " s (seed "
              << options.seed << "), all refused cleanly or read\n";
    return 0;
}

int usage() {
    std::cerr << "usage: tlw_fuzz --list | TARGET [--seconds S] [--seed N] [--max-length BYTES] "
                 "[--failures DIR] [--write-seeds DIR] [CORPUS_DIR_OR_FILE...]\n";
    return 2;
}

}  // namespace
}  // namespace tlw::fuzz

int main(int argc, char** argv) {
    using namespace tlw::fuzz;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 1 && args[0] == "--list") {
        for (const Target& target : targets()) std::cout << target.name << '\n';
        return 0;
    }
    if (args.empty()) return usage();
    Options options;
    options.target = args[0];
    for (std::size_t i = 1; i < args.size(); ++i) {
        const bool hasValue = i + 1 < args.size();
        if (args[i] == "--seconds" && hasValue)
            options.seconds = std::stod(args[++i]);
        else if (args[i] == "--seed" && hasValue)
            options.seed = std::stoull(args[++i]);
        else if (args[i] == "--max-length" && hasValue)
            options.maxLength = std::stoull(args[++i]);
        else if (args[i] == "--failures" && hasValue)
            options.failures = args[++i];
        else if (args[i] == "--write-seeds" && hasValue)
            options.writeSeeds = args[++i];
        else if (args[i].rfind("--", 0) == 0)
            return usage();
        else
            options.corpus.emplace_back(args[i]);
    }
    const auto& all = targets();
    const auto found =
        std::find_if(all.begin(), all.end(), [&](const Target& t) { return t.name == options.target; });
    if (found == all.end()) {
        std::cerr << "tlw_fuzz: no target '" << options.target << "' (--list names them)\n";
        return 2;
    }
    if (!options.writeSeeds.empty()) return writeSeeds(*found, options.writeSeeds);
    return fuzz(*found, options);
}
