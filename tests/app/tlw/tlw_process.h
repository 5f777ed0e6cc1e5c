#pragma once

// The built tlw binary as a child process that a test can signal while it works (Ctrl-C, kill -9), with
// stdout and stderr going to files.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace tlw::test {

class TlwProcess {
public:
    // environment: NAME=value pairs set for the child on top of the test's own environment.
    TlwProcess(const std::vector<std::string>& arguments,
               const std::vector<std::pair<std::string, std::string>>& environment,
               const std::filesystem::path& outFile, const std::filesystem::path& errFile);
    // Kills and reaps a child the test left running (a failed assertion), so that no process outlives it.
    ~TlwProcess();
    TlwProcess(const TlwProcess&) = delete;
    TlwProcess& operator=(const TlwProcess&) = delete;

    void signal(int number) const;
    // Waits for the end: the exit code, or 128 + the signal that killed it (as a shell reports it).
    int wait();
    bool running() const { return m_pid > 0; }

private:
    pid_t m_pid = -1;
};

}  // namespace tlw::test
