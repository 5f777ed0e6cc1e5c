#include "core/data/stratified_split.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/util/content_hash.h"

namespace tlw {
namespace {

// Files of one class that must share a subset: one file, or a group of byte-identical copies.
struct SplitUnit {
    std::uint64_t order = 0;      // seeded hash of the first file's relative path
    std::string firstPath;        // tie-breaker, and what `order` hashes
    std::vector<size_t> members;  // indices into the samples
};

}  // namespace

std::size_t validationCountFor(std::size_t classSize, double fraction) {
    if (classSize < 2 || fraction <= 0.0) return 0;
    const auto rounded = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(classSize)));
    return std::clamp<std::size_t>(rounded, 1, classSize - 1);
}

void splitStratified(std::vector<Sample>& samples, const std::filesystem::path& root, double fraction,
                     std::uint64_t seed) {
    std::map<int, std::vector<size_t>> byClass;
    for (size_t i = 0; i < samples.size(); ++i) byClass[samples[i].label].push_back(i);

    for (const auto& [label, members] : byClass) {
        std::map<ContentHash, SplitUnit> unitsByContent;
        for (const size_t index : members) {
            SplitUnit& unit = unitsByContent[samples[index].hash];
            const std::string path = relativePathUnder(samples[index].path, root);
            if (unit.members.empty() || path < unit.firstPath) unit.firstPath = path;
            unit.members.push_back(index);
        }
        std::vector<SplitUnit> units;
        for (auto& [hash, unit] : unitsByContent) {
            unit.order = hashKey64(unit.firstPath, seed);
            units.push_back(std::move(unit));
        }
        std::sort(units.begin(), units.end(), [](const SplitUnit& a, const SplitUnit& b) {
            return a.order != b.order ? a.order < b.order : a.firstPath < b.firstPath;
        });
        const std::size_t wanted = validationCountFor(members.size(), fraction);
        std::size_t taken = 0;
        for (const SplitUnit& unit : units) {
            // A group of copies that would overshoot the count stays in training; later units fill the gap.
            const bool toValidation = taken + unit.members.size() <= wanted;
            if (toValidation) taken += unit.members.size();
            for (const size_t index : unit.members)
                samples[index].subset = toValidation ? Subset::Validation : Subset::Train;
        }
    }
}

}  // namespace tlw
