#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace tlw {

// One finding of a dataset scan that the user must read: why the set cannot be trained on, or what to
// watch out for. It is kept as data so that each front end words it in its own language: english() for the
// CLI and JSON, the window's tr() for the Dataset page.
struct ScanNotice {
    enum class Kind {
        // Errors: the dataset cannot be trained on.
        NoClassFolders,              // splitFolders: the classes were looked for inside train/ and val/
        OnlyOneClass,                // className
        ClassWithoutUsableImages,    // className; count: its files that were skipped
        ClassWithoutTrainingImages,  // className
        ScanCancelled,
        // Warnings.
        ClassWithoutValidationImages,  // className
        TinyClass,                     // className; count: its images
        ImbalancedClasses,        // className, count: the largest; otherClassName, otherCount: the smallest
        FilesSkipped,             // count: files
        DuplicatesAcrossClasses,  // count: groups of identical images
        DuplicatesAcrossSubsets,  // count: groups
        NotInManifest,            // count: images
        MissingFromManifest,      // count: files
        ChangedSinceManifest,     // count: files
        ValidationSplitIgnored,   // the folder has fixed train/ and val/ folders
        BothValidationFolders,    // val/ and validation/ both exist: val/ is used
    };
    ScanNotice() = default;
    explicit ScanNotice(Kind kind, std::string className = {}, std::size_t count = 0)
        : kind(kind), className(std::move(className)), count(count) {}
    static ScanNotice imbalanced(const std::string& largest, std::size_t largestImages,
                                 const std::string& smallest, std::size_t smallestImages);

    Kind kind = Kind::ScanCancelled;
    std::string className;
    std::string otherClassName;
    std::size_t count = 0;
    std::size_t otherCount = 0;
    bool splitFolders = false;

    // The ratio of the largest class to the smallest, for ImbalancedClasses.
    double imbalance() const;
    std::string english() const;
};

std::vector<std::string> englishLines(const std::vector<ScanNotice>& notices);

}  // namespace tlw
