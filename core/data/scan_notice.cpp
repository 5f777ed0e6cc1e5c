#include "core/data/scan_notice.h"

#include <cstdio>

namespace tlw {

namespace {

std::string inQuotes(const std::string& name) { return "'" + name + "'"; }

std::string plural(std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string ratioText(double ratio) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", ratio);
    return text;
}

std::string englishError(const ScanNotice& notice) {
    using Kind = ScanNotice::Kind;
    switch (notice.kind) {
        case Kind::NoClassFolders:
            return std::string("no class folders found (a dataset needs one sub-folder per class") +
                   (notice.splitFolders ? " inside train/ and val/)" : ")");
        case Kind::OnlyOneClass:
            return "only one class folder (" + inQuotes(notice.className) +
                   "): a classifier needs at least 2 classes";
        case Kind::ClassWithoutUsableImages:
            return "class " + inQuotes(notice.className) + " has no usable images" +
                   (notice.count > 0 ? " (" + plural(notice.count, "file", "files") + " skipped)" : "");
        case Kind::ClassWithoutTrainingImages:
            return "class " + inQuotes(notice.className) + " has no training images";
        case Kind::ScanCancelled:
            return "scan cancelled";
        default:
            return {};
    }
}

std::string englishWarning(const ScanNotice& notice) {
    using Kind = ScanNotice::Kind;
    switch (notice.kind) {
        case Kind::ClassWithoutValidationImages:
            return "class " + inQuotes(notice.className) + " has no validation images";
        case Kind::TinyClass:
            return "class " + inQuotes(notice.className) + " has only " +
                   plural(notice.count, "image", "images") +
                   ": too few to learn from or to validate on reliably";
        case Kind::ImbalancedClasses:
            return "classes are imbalanced: " + inQuotes(notice.className) + " has " +
                   std::to_string(notice.count) + " images, " + inQuotes(notice.otherClassName) + " " +
                   std::to_string(notice.otherCount) + " (" + ratioText(notice.imbalance()) +
                   "x); accuracy will flatter the large classes (consider class weights)";
        case Kind::FilesSkipped:
            return plural(notice.count, "file was", "files were") + " skipped (listed with reasons)";
        case Kind::DuplicatesAcrossClasses:
            return "identical images carry different class labels (" +
                   plural(notice.count, "group", "groups") + ")";
        case Kind::DuplicatesAcrossSubsets:
            return "identical images span subsets (" + plural(notice.count, "group", "groups") +
                   "; leakage: validation or test images are also in training)";
        case Kind::NotInManifest:
            return plural(notice.count, "image is", "images are") + " not in the manifest and were left out";
        case Kind::MissingFromManifest:
            return plural(notice.count, "file", "files") +
                   " listed in the manifest are missing or unreadable";
        case Kind::ChangedSinceManifest:
            return plural(notice.count, "file has", "files have") + " changed since the manifest was written";
        case Kind::ValidationSplitIgnored:
            return "validation split ignored: the folder has fixed train/ and val/ folders";
        case Kind::BothValidationFolders:
            return "both val/ and validation/ exist: using val/, ignoring validation/";
        default:
            return englishError(notice);
    }
}

}  // namespace

ScanNotice ScanNotice::imbalanced(const std::string& largest, std::size_t largestImages,
                                  const std::string& smallest, std::size_t smallestImages) {
    ScanNotice notice(Kind::ImbalancedClasses, largest, largestImages);
    notice.otherClassName = smallest;
    notice.otherCount = smallestImages;
    return notice;
}

double ScanNotice::imbalance() const {
    return otherCount == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(otherCount);
}

std::string ScanNotice::english() const { return englishWarning(*this); }

std::vector<std::string> englishLines(const std::vector<ScanNotice>& notices) {
    std::vector<std::string> lines;
    lines.reserve(notices.size());
    for (const ScanNotice& notice : notices) lines.push_back(notice.english());
    return lines;
}

}  // namespace tlw
