#pragma once

#include <gtest/gtest.h>

#include <QColor>
#include <QString>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "tests/support/temp_dir.h"

namespace tlw::ui {
class Preferences;
class Workbench;
}  // namespace tlw::ui

namespace tlw::ui::test {

// Runs the event loop until `done` returns true; false after `timeoutMs`.
bool waitUntil(const std::function<bool()>& done, int timeoutMs = 30000);

// Sets environment variables for the life of the object and puts the old values back afterwards.
class ScopedEnvironment {
public:
    ScopedEnvironment() = default;
    ~ScopedEnvironment();
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;
    void set(const char* name, const std::string& value);
    void unset(const char* name);

private:
    void remember(const char* name);
    std::map<std::string, std::optional<std::string>> m_saved;
};

// A distinct small PNG (its colour tells it apart), created with its folders.
void writePng(const std::filesystem::path& file, const QColor& colour, int side = 16);
void writeText(const std::filesystem::path& file, const std::string& text);
QString qpath(const std::filesystem::path& path);

// The whole application as main() builds it, in a sandbox: HOME, XDG_DATA_HOME and the weights
// variables point into a temporary folder (so no weights are found unless a test puts them there), and
// the settings live in a private INI file.
class WorkbenchTest : public ::testing::Test {
protected:
    WorkbenchTest();
    ~WorkbenchTest() override;

    // Builds and shows the workbench and waits until the first weights lookup is over.
    Workbench& makeWorkbench();
    Workbench& workbench() { return *m_workbench; }

    tlw::test::TempDir m_dir;
    std::filesystem::path m_home;
    ScopedEnvironment m_environment;
    std::unique_ptr<Preferences> m_preferences;
    std::unique_ptr<Workbench> m_workbench;
};

}  // namespace tlw::ui::test
