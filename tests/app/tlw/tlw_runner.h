#pragma once

// Runs the built tlw binary as a user would, with stdout and stderr kept apart.

#include <string>
#include <vector>

namespace tlw::test {

struct TlwRun {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Each argument is passed as one word (quoted for the shell). environment: "NAME=value ..." prefixed to the
// command, already quoted by the caller.
TlwRun runTlw(const std::vector<std::string>& arguments, const std::string& environment = "");

std::string shellQuoted(const std::string& text);

// Whether a command's output holds a phrase: what every CLI test asks of stdout and stderr.
inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// HOME, TLW_WEIGHTS_DIR, KERAS_HOME and XDG_DATA_HOME pointing into home, so weight discovery finds nothing
// unless a test puts it there.
std::string isolatedWeightsEnvironment(const std::string& home);

}  // namespace tlw::test
