#include "tests/app/tlw/tlw_runner.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw::test {
namespace {

std::string slurp(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    std::stringstream text;
    text << stream.rdbuf();
    return text.str();
}

}  // namespace

std::string shellQuoted(const std::string& text) {
    std::string quoted = "'";
    for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

TlwRun runTlw(const std::vector<std::string>& arguments, const std::string& environment) {
    const TempDir capture;
    std::string command = environment + " " + shellQuoted((binaryDir() / "app" / "tlw" / "tlw").string());
    for (const std::string& argument : arguments) command += " " + shellQuoted(argument);
    command +=
        " >" + shellQuoted((capture / "out").string()) + " 2>" + shellQuoted((capture / "err").string());
    const int status = std::system(command.c_str());
    TlwRun run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = slurp(capture / "out");
    run.err = slurp(capture / "err");
    return run;
}

std::string isolatedWeightsEnvironment(const std::string& home) {
    return "HOME=" + shellQuoted(home) + " TLW_WEIGHTS_DIR= KERAS_HOME= XDG_DATA_HOME=";
}

}  // namespace tlw::test
