#include "core/demo/demo_folder.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace tlw {
namespace {

bool isImageName(const std::string& name) {
    const auto dot = name.find('.');
    if (dot == 0 || dot == std::string::npos || name.substr(dot) != ".png") return false;
    return name.find_first_not_of("0123456789") == dot;
}

std::filesystem::path siblingName(const std::filesystem::path& target, const std::string& suffix) {
    return target.parent_path() / ("." + target.filename().string() + suffix);
}

}  // namespace

bool readDemoMarker(const std::filesystem::path& dir, DemoMarker& marker) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(dir / kDemoMarkerFile, error)) return false;
    try {
        const auto json = nlohmann::json::parse(readFileBytes(dir / kDemoMarkerFile));
        if (json.at("format").get<int>() != 1) return false;
        DemoMarker read;
        for (const auto& entry : json.at("classes")) {
            read.classes.push_back(entry.at("name").get<std::string>());
            read.imagesPerClass.push_back(entry.at("images").get<int>());
        }
        marker = std::move(read);
        return true;
    } catch (const std::exception&) {
        return false;  // unreadable or not our marker: the folder is not a demo set
    }
}

void checkReplaceableDemoFolder(const std::filesystem::path& dir) {
    std::error_code error;
    const auto status = std::filesystem::symlink_status(dir, error);
    if (status.type() == std::filesystem::file_type::not_found) return;
    if (!std::filesystem::is_directory(dir, error)) throw Error(dir, "exists and is not a folder");
    if (std::filesystem::is_empty(dir, error)) return;
    if (error) throw Error(dir, "cannot read the folder: " + error.message());

    DemoMarker marker;
    if (!readDemoMarker(dir, marker))
        throw Error(dir,
                    "the folder is not empty and is not a demo set made by tlw make-demo; "
                    "choose a new or empty folder");
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name == kDemoMarkerFile || name == kDemoReadmeFile) continue;
        bool isClass = false;
        for (const auto& className : marker.classes) isClass = isClass || name == className;
        if (!isClass || !entry.is_directory() || entry.is_symlink())
            throw Error(entry.path(), "not part of the demo set in " + dir.string() +
                                          "; move it away before making a new set there");
        for (const auto& file : std::filesystem::directory_iterator(entry.path()))
            if (!isImageName(file.path().filename().string()) || !file.is_regular_file() || file.is_symlink())
                throw Error(file.path(), "not part of the demo set in " + dir.string() +
                                             "; move it away before making a new set there");
    }
}

StagingFolder::StagingFolder(std::filesystem::path target) : m_target(std::move(target)) {
    std::error_code error;
    std::filesystem::create_directories(m_target.parent_path(), error);
    if (error) throw Error(m_target.parent_path(), "cannot create the folder: " + error.message());
    std::string pattern = siblingName(m_target, ".new-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw Error(m_target, describeErrno("cannot create a staging folder beside it", errno));
    m_staging = pattern;
    // mkdtemp makes the folder private (0700); the finished set gets the usual permissions.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(m_staging.c_str(), 0777 & ~mask);
}

StagingFolder::~StagingFolder() {
    if (m_staging.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(m_staging, ignored);
}

void StagingFolder::commit() {
    std::error_code error;
    const bool replacing =
        std::filesystem::exists(m_target, error) && !std::filesystem::is_empty(m_target, error);
    if (!replacing) {
        // rename() replaces an empty folder in one step.
        if (::rename(m_staging.c_str(), m_target.c_str()) != 0)
            throw Error(m_target, describeErrno("cannot move the new demo set into place", errno));
        m_staging.clear();
        return;
    }
    std::string pattern = siblingName(m_target, ".old-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw Error(m_target, describeErrno("cannot create a folder beside it for the previous set", errno));
    const std::filesystem::path old = pattern;
    if (::rename(m_target.c_str(), old.c_str()) != 0) {
        const int renameError = errno;
        ::rmdir(old.c_str());
        throw Error(m_target, describeErrno("cannot move the previous demo set aside", renameError));
    }
    if (::rename(m_staging.c_str(), m_target.c_str()) != 0) {
        const int renameError = errno;
        ::rename(old.c_str(), m_target.c_str());  // put the previous set back
        throw Error(m_target, describeErrno("cannot move the new demo set into place", renameError));
    }
    m_staging.clear();
    std::filesystem::remove_all(old, error);  // the new set is in place; a leftover is only clutter
}

}  // namespace tlw
