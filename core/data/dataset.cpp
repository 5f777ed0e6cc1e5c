#include "core/data/dataset.h"

#include <algorithm>

namespace tlw {

const char* subsetName(Subset subset) {
    switch (subset) {
        case Subset::Train:
            return "train";
        case Subset::Validation:
            return "validation";
        case Subset::Test:
            return "test";
    }
    return "train";
}

bool parseSubset(std::string_view name, Subset& subset) {
    for (const Subset candidate : {Subset::Train, Subset::Validation, Subset::Test}) {
        if (name == subsetName(candidate)) {
            subset = candidate;
            return true;
        }
    }
    return false;
}

const char* splitLayoutName(SplitLayout layout) {
    switch (layout) {
        case SplitLayout::NoSplit:
            return "none";
        case SplitLayout::SplitFolders:
            return "split-folders";
        case SplitLayout::ValidationFraction:
            return "validation-fraction";
        case SplitLayout::Manifest:
            return "manifest";
    }
    return "none";
}

std::vector<Sample> Dataset::samplesIn(Subset subset) const {
    std::vector<Sample> selected;
    std::copy_if(samples.begin(), samples.end(), std::back_inserter(selected),
                 [subset](const Sample& sample) { return sample.subset == subset; });
    return selected;
}

std::size_t Dataset::count(Subset subset) const {
    return static_cast<std::size_t>(std::count_if(samples.begin(), samples.end(),
                                                  [subset](const Sample& s) { return s.subset == subset; }));
}

std::size_t Dataset::count(int label, Subset subset) const {
    return static_cast<std::size_t>(std::count_if(samples.begin(), samples.end(), [&](const Sample& s) {
        return s.label == label && s.subset == subset;
    }));
}

std::size_t Dataset::countOfClass(int label) const {
    return static_cast<std::size_t>(
        std::count_if(samples.begin(), samples.end(), [label](const Sample& s) { return s.label == label; }));
}

std::string Dataset::relativePath(const Sample& sample) const { return relativePathUnder(sample.path, root); }

std::string relativePathUnder(const std::filesystem::path& path, const std::filesystem::path& root) {
    const std::filesystem::path relative = path.lexically_relative(root);
    if (relative.empty() || *relative.begin() == "..") return path.u8string();
    return relative.generic_u8string();
}

}  // namespace tlw
