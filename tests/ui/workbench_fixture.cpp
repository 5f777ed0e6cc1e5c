#include "tests/ui/workbench_fixture.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QTest>
#include <QThread>
#include <cstdlib>
#include <fstream>

#include "ui/controllers/model_controller.h"
#include "ui/controllers/workbench.h"
#include "ui/util/preferences.h"
#include "ui/windows/main_window.h"

namespace tlw::ui::test {

bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

ScopedEnvironment::~ScopedEnvironment() {
    for (const auto& [name, value] : m_saved) {
        if (value)
            ::setenv(name.c_str(), value->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
}

void ScopedEnvironment::remember(const char* name) {
    if (m_saved.count(name)) return;
    const char* value = std::getenv(name);
    m_saved[name] = value ? std::optional<std::string>(value) : std::nullopt;
}

void ScopedEnvironment::set(const char* name, const std::string& value) {
    remember(name);
    ::setenv(name, value.c_str(), 1);
}

void ScopedEnvironment::unset(const char* name) {
    remember(name);
    ::unsetenv(name);
}

void writePng(const std::filesystem::path& file, const QColor& colour, int side) {
    std::filesystem::create_directories(file.parent_path());
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(colour);
    image.setPixelColor(0, 0, Qt::black);  // not a flat fill: some decoders treat those specially
    ASSERT_TRUE(image.save(qpath(file), "PNG")) << file;
}

void writeText(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

QString qpath(const std::filesystem::path& path) { return QString::fromStdString(path.string()); }

WorkbenchTest::WorkbenchTest() : m_home(m_dir / "home") {
    std::filesystem::create_directories(m_home);
    m_environment.set("HOME", m_home.string());
    m_environment.set("XDG_DATA_HOME", (m_home / ".local" / "share").string());
    m_environment.unset("KERAS_HOME");
    m_environment.unset("TLW_WEIGHTS_DIR");
    // The feature cache and the scan memo go to the sandbox's ~/.cache, never the developer's.
    m_environment.unset("XDG_CACHE_HOME");
    m_environment.unset("TLW_CACHE_DIR");
    m_preferences = std::make_unique<Preferences>(qpath(m_dir / "settings.ini"));
}

WorkbenchTest::~WorkbenchTest() { m_workbench.reset(); }

Workbench& WorkbenchTest::makeWorkbench() {
    m_workbench = std::make_unique<Workbench>(*m_preferences, nullptr);
    MainWindow& window = m_workbench->window();
    window.resize(1280, 820);
    window.show();
    QApplication::setActiveWindow(&window);
    EXPECT_TRUE(QTest::qWaitForWindowExposed(&window));
    EXPECT_TRUE(waitUntil([this] { return !m_workbench->model().isBusy(); }));
    return *m_workbench;
}

}  // namespace tlw::ui::test
