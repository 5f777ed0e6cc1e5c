#pragma once

#include <filesystem>
#include <string>

#include "core/eval/folder_triage.h"

// How triage puts one image into its folder without touching anything that is there: the file is created
// exclusively (O_EXCL, or symlink(2), which never replace), and a taken name moves on to name_2.ext,
// name_3.ext and so on. Torch-free.
namespace tlw {

struct PlacedFile {
    std::filesystem::path path;
    bool renamed = false;  // the plain name was taken
};

// Copies source (its bytes, read only) or links to it (an absolute symbolic link) as folder/name, or the
// first free suffixed name. A copy that fails half-way is removed: it is the only file this created.
// Throws tlw::Error naming the file and the reason.
PlacedFile placeWithoutReplacing(const std::filesystem::path& source, const std::filesystem::path& folder,
                                 const std::string& name, TriagePlacement placement);

}  // namespace tlw
