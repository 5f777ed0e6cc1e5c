#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/data/dataset_index.h"

namespace tlw {

// One image to run a network on, with what its location says about it.
struct ImageInput {
    std::filesystem::path file;
    std::string label;   // the class folder's name when it came from a dataset root, else empty
    std::string subset;  // "train", "validation" or "test" under a root with split folders, else empty
};

struct ImageInputs {
    std::vector<ImageInput> images;    // in the order of the paths given, each folder's files sorted
    std::vector<SkippedFile> skipped;  // entries the walk could not use (broken links, unreadable folders)
};

// The image files under paths, for commands that take "PATH..." (tlw features, tlw predict):
// - a file is taken as given, whatever its extension (the decoder decides);
// - a dataset root (class sub-folders, optionally under train/ and val/, and no image directly inside) gives
//   its images in dataset order (class, then split, then path), labelled with their class folder's name, as
//   Keras's image_dataset_from_directory sees them;
// - any other folder is walked recursively for files with an image extension, sorted by path, unlabelled.
// Hidden entries (names starting with '.') are skipped. Throws tlw::Error for a path that does not exist or
// cannot be opened.
ImageInputs collectImageInputs(const std::vector<std::filesystem::path>& paths);

}  // namespace tlw
