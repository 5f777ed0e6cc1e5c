#include "core/data/scan_report.h"

#include <nlohmann/json.hpp>

namespace tlw {
namespace {

nlohmann::ordered_json relativePaths(const std::vector<std::filesystem::path>& paths,
                                     const std::filesystem::path& root) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& path : paths) list.push_back(relativePathUnder(path, root));
    return list;
}

}  // namespace

const char* duplicateKindName(DuplicateKind kind) {
    switch (kind) {
        case DuplicateKind::WithinClass:
            return "within-class";
        case DuplicateKind::AcrossClasses:
            return "across-classes";
        case DuplicateKind::AcrossSubsets:
            return "across-subsets";
    }
    return "within-class";
}

DuplicateKind DuplicateGroup::kind() const {
    if (acrossSubsets) return DuplicateKind::AcrossSubsets;
    if (acrossClasses) return DuplicateKind::AcrossClasses;
    return DuplicateKind::WithinClass;
}

std::size_t ScanReport::duplicateGroups(DuplicateKind kind) const {
    std::size_t count = 0;
    for (const DuplicateGroup& group : duplicates) count += group.kind() == kind ? 1 : 0;
    return count;
}

std::size_t ScanReport::imagesIn(Subset subset) const {
    std::size_t count = 0;
    for (const ClassCount& c : classes) count += c.images[static_cast<size_t>(subsetIndex(subset))];
    return count;
}

std::string scanReportToJson(const ScanReport& report, int indent) {
    using json = nlohmann::ordered_json;
    json classes = json::array();
    for (const ClassCount& c : report.classes)
        classes.push_back({{"name", c.name},
                           {"train", c.images[0]},
                           {"validation", c.images[1]},
                           {"test", c.images[2]},
                           {"total", c.total()},
                           {"skipped", c.skipped}});
    json skipped = json::array();
    for (const SkippedFile& file : report.skipped)
        skipped.push_back({{"path", relativePathUnder(file.path, report.root)}, {"reason", file.reason}});
    json duplicates = json::array();
    for (const DuplicateGroup& group : report.duplicates)
        duplicates.push_back({{"kind", duplicateKindName(group.kind())},
                              {"acrossClasses", group.acrossClasses},
                              {"acrossSubsets", group.acrossSubsets},
                              {"sizeBytes", group.sizeBytes},
                              {"files", relativePaths(group.files, report.root)}});
    json document = {
        {"root", report.root.u8string()},
        {"layout", splitLayoutName(report.layout)},
        {"verified", report.verified},
        {"trainable", report.trainable()},
        {"cancelled", report.cancelled},
        {"classes", classes},
        {"totals",
         {{"train", report.imagesIn(Subset::Train)},
          {"validation", report.imagesIn(Subset::Validation)},
          {"test", report.imagesIn(Subset::Test)},
          {"usableImages", report.usableImages},
          {"imageFiles", report.imageFiles},
          {"skipped", report.skipped.size()}}},
        {"skipped", skipped},
        {"ignored",
         {{"rootEntries", relativePaths(report.ignoredRootEntries, report.root)},
          {"otherFiles", relativePaths(report.ignoredOtherFiles, report.root)},
          {"hiddenEntries", report.hiddenEntries}}},
        {"duplicates", duplicates},
        {"warnings", englishLines(report.warnings)},
        {"errors", englishLines(report.errors)},
        {"seconds", report.seconds},
    };
    if (report.layout == SplitLayout::ValidationFraction) {
        document["validationSplit"] = report.validationSplit;
        document["seed"] = report.seed;
    }
    if (report.manifest) {
        document["manifest"] = {{"file", report.manifest->u8string()},
                                {"notInManifest", relativePaths(report.notInManifest, report.root)},
                                {"missing", relativePaths(report.missingFromManifest, report.root)},
                                {"changed", relativePaths(report.changedSinceManifest, report.root)}};
    }
    if (!report.memo.file.empty()) {
        document["memo"] = {
            {"file", report.memo.file.u8string()},  {"verifiedEarlier", report.memo.verifiedEarlier()},
            {"remembered", report.memo.remembered}, {"confirmed", report.memo.confirmed},
            {"checked", report.memo.checked},       {"notes", report.memo.notes}};
    }
    // Replace invalid UTF-8 (file names are bytes) instead of throwing.
    return document.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace tlw
