// Split manifests (split.json, tlw scan --manifest, tlw train --manifest): JSON a user may edit.

#include "core/data/split_manifest.h"
#include "tests/fuzz/fuzz_target.h"

namespace {

std::vector<std::string> manifestSeeds() {
    tlw::SplitManifest manifest;
    manifest.createdAt = "2026-12-06T03:00:00Z";
    manifest.createdBy = "tlw fuzz";
    manifest.layout = tlw::SplitLayout::ValidationFraction;
    manifest.validationSplit = 0.25;
    manifest.seed = 42;
    manifest.classNames = {"ants", "bees"};
    manifest.files = {{"ants/1.jpg", "ants", tlw::Subset::Train, {1, 2}, 1234},
                      {"bees/\xff.jpg", "bees", tlw::Subset::Validation, {3, 4}, 99},
                      {"bees/2.png", "bees", tlw::Subset::Test, {5, 6}, 7}};
    const std::filesystem::path file = tlw::fuzz::writeInputFile("", ".json");
    tlw::writeSplitManifest(manifest, file);
    return {tlw::fuzz::readWholeFile(file)};
}

}  // namespace

TLW_FUZZ_TARGET(split_manifest, manifestSeeds) {
    tlw::readSplitManifest(tlw::fuzz::writeInputFile(input, ".json"));
}
