#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/data/dataset.h"

namespace tlw {

// How many of a class's n images go to validation: round(fraction * n), but at least 1 when the class has
// 2 or more images, and never all of them (training needs one).
std::size_t validationCountFor(std::size_t classSize, double fraction);

// Sets each sample's subset to Train or Validation: per class, validationCountFor() images go to
// validation. Which ones depends only on the seed and each file's path relative to root (ordered by a
// seeded hash of it), so the split is deterministic, does not depend on thread counts or listing order,
// and adding a file moves no other file unless the counts require it. Byte-identical files of a class
// (same Sample::hash) move together, so a copy can never leak from training into validation.
void splitStratified(std::vector<Sample>& samples, const std::filesystem::path& root, double fraction,
                     std::uint64_t seed);

}  // namespace tlw
