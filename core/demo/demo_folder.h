#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tlw {

// The folder side of the demo set: recognising a previous set, and replacing it all at once.

inline constexpr const char* kDemoMarkerFile = ".tlw-demo.json";
inline constexpr const char* kDemoReadmeFile = "README.txt";

// What the marker records about a finished set.
struct DemoMarker {
    std::vector<std::string> classes;
    std::vector<int> imagesPerClass;
};

// Reads DIR's marker; false when it is missing or not a valid marker.
bool readDemoMarker(const std::filesystem::path& dir, DemoMarker& marker);

// Throws tlw::Error unless DIR is missing, an empty folder, or a demo set holding nothing but what the
// generator wrote (a user's file added to a class folder makes it not replaceable).
void checkReplaceableDemoFolder(const std::filesystem::path& dir);

// A fresh hidden folder beside the target, where the new set is written. commit() swaps it in place of
// the target (moving a previous set aside first, and removing it afterwards); without commit() the
// staging folder and everything in it is removed.
class StagingFolder {
public:
    explicit StagingFolder(std::filesystem::path target);  // throws tlw::Error
    ~StagingFolder();
    StagingFolder(const StagingFolder&) = delete;
    StagingFolder& operator=(const StagingFolder&) = delete;

    const std::filesystem::path& path() const noexcept { return m_staging; }
    void commit();  // throws tlw::Error; the target is then the new set

private:
    std::filesystem::path m_target;
    std::filesystem::path m_staging;
};

}  // namespace tlw
