#include "tests/app/tlw/tlw_process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <stdexcept>

#include "tests/support/shared_data.h"

namespace tlw::test {

TlwProcess::TlwProcess(const std::vector<std::string>& arguments,
                       const std::vector<std::pair<std::string, std::string>>& environment,
                       const std::filesystem::path& outFile, const std::filesystem::path& errFile) {
    const std::string binary = (binaryDir() / "app" / "tlw" / "tlw").string();
    std::vector<std::string> words{binary};
    words.insert(words.end(), arguments.begin(), arguments.end());
    m_pid = ::fork();
    if (m_pid < 0) throw std::runtime_error("fork failed");
    if (m_pid == 0) {
        // The child: only async-signal-safe calls would be strictly right after fork in a threaded program;
        // GoogleTest runs the tests on one thread, so plain calls are fine here.
        for (const auto& [name, value] : environment) ::setenv(name.c_str(), value.c_str(), 1);
        const int out = ::open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0 || err < 0) ::_exit(127);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        std::vector<char*> argv;
        for (std::string& word : words) argv.push_back(word.data());
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
}

TlwProcess::~TlwProcess() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
}

void TlwProcess::signal(int number) const {
    if (m_pid > 0) ::kill(m_pid, number);
}

int TlwProcess::wait() {
    if (m_pid <= 0) return -1;
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    m_pid = -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

}  // namespace tlw::test
