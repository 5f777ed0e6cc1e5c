#include "core/data/dataset_scanner.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

#include "core/data/dataset_index.h"
#include "core/data/image_decoder.h"
#include "core/data/scan_memo.h"
#include "core/data/split_manifest.h"
#include "core/data/stratified_split.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/parallel_for.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

// Where a file's verdict came from.
enum class CheckOrigin {
    NotRun,      // the scan was cancelled first
    Unread,      // the bytes could not be read (or memory ran out): nothing to remember
    Checked,     // read and judged now
    Remembered,  // from the memo: the stamp proves the file unchanged
    Confirmed,   // from the memo: the stamp moved, the bytes hash the same
};

struct FileCheck {
    bool usable = false;
    std::string reason;  // why not
    ContentHash hash;
    std::uint64_t sizeBytes = 0;
    CheckOrigin origin = CheckOrigin::NotRun;
    std::optional<FileStamp> stamp;  // taken before the bytes were read, when the scan keeps a memo
};

std::string reasonOf(const std::exception& e) {
    const auto* error = dynamic_cast<const Error*>(&e);
    return error ? error->reason() : e.what();
}

// Fully decoded, or header and structure only. A fully decoded JPEG is decoded at 1/8 scale: the
// entropy-coded data is still read to the end, so corruption and truncation are caught, at a fraction of
// the cost of a full-size decode.
void judgeBytes(const std::string& bytes, const fs::path& file, const ScanOptions& options,
                FileCheck& check) {
    try {
        if (options.verify)
            decodeImageBytes(bytes, file, DecodeOptions{options.limits, 1, 1});
        else
            inspectImageBytes(bytes, file, options.limits);
        check.usable = true;
    } catch (const Error& e) {
        check.reason = e.reason();
    } catch (const std::exception& e) {  // bad_alloc on a huge image, and the like: not the file's fault
        check.reason = e.what();
        check.origin = CheckOrigin::Unread;
    }
}

// Reads one file once: its bytes are hashed and judged, unless they hash as they did when `remembered`
// was judged.
FileCheck checkFile(const fs::path& file, const ScanOptions& options, const ScanMemoEntry* remembered) {
    FileCheck check;
    std::string bytes;
    try {
        bytes = readFileBytes(file, options.limits.maxFileBytes());
    } catch (const std::exception& e) {
        check.reason = reasonOf(e);
        check.origin = CheckOrigin::Unread;
        return check;
    }
    check.sizeBytes = bytes.size();
    check.hash = hashBytes(bytes);
    if (remembered && remembered->hash == check.hash && remembered->stamp.sizeBytes == check.sizeBytes) {
        check.usable = remembered->usable;
        check.reason = remembered->reason;
        check.origin = CheckOrigin::Confirmed;
        return check;
    }
    check.origin = CheckOrigin::Checked;
    judgeBytes(bytes, file, options, check);
    return check;
}

// The file's key in the memo: its path below the scanned folder, as the system spells it.
std::string memoKey(const fs::path& file, const fs::path& root) {
    std::string prefix = root.native();
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    const std::string& path = file.native();
    return path.compare(0, prefix.size(), prefix) == 0 ? path.substr(prefix.size()) : path;
}

FileCheck checkWithMemo(const fs::path& file, const fs::path& root, const ScanMemo* memo,
                        const ScanOptions& options) {
    if (!memo) return checkFile(file, options, nullptr);
    const std::optional<FileStamp> stamp = stampOf(file);
    const ScanMemoEntry* entry = memo->find(memoKey(file, root));
    if (entry && stamp && stampProvesUnchanged(*entry, *stamp)) {
        FileCheck check;
        check.usable = entry->usable;
        check.reason = entry->reason;
        check.hash = entry->hash;
        check.sizeBytes = entry->stamp.sizeBytes;
        check.origin = CheckOrigin::Remembered;
        return check;
    }
    FileCheck check = checkFile(file, options, entry);
    check.stamp = stamp;
    return check;
}

// The memo of this folder, when the scan keeps one; notes in the report why an old one was ignored.
std::optional<ScanMemo> readMemo(const fs::path& root, const ScanOptions& options, ScanReport& report) {
    if (!options.verify || options.memoDirectory.empty()) return std::nullopt;
    report.memo.file = scanMemoFile(options.memoDirectory, root);
    ScanMemo memo = ScanMemo::read(report.memo.file, scanMemoChecks(options.limits));
    if (!memo.note().empty()) report.memo.notes.push_back(memo.note());
    return memo;
}

// The next memo holds the files indexed now and nothing else (files gone are dropped): fresh verdicts,
// remembered ones as they were, and for files a cancelled scan did not reach, what the old memo knew.
// Written only when it differs; a memo that cannot be written costs the next scan time, not this one.
void updateMemo(const ScanMemo& old, const fs::path& root, const DatasetIndex& index,
                const std::vector<FileCheck>& checks, std::int64_t startedNs, ScanReport& report) {
    ScanMemo next(old.checks());
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const FileCheck& check = checks[i];
        const std::string key = memoKey(index.files[i].path, root);
        const ScanMemoEntry* before = old.find(key);
        const bool fresh = (check.origin == CheckOrigin::Checked || check.origin == CheckOrigin::Confirmed) &&
                           check.stamp && check.stamp->sizeBytes == check.sizeBytes;
        report.memo.remembered += check.origin == CheckOrigin::Remembered;
        report.memo.confirmed += check.origin == CheckOrigin::Confirmed;
        report.memo.checked += check.origin == CheckOrigin::Checked || check.origin == CheckOrigin::Unread;
        if (fresh)
            next.set(key, {*check.stamp, startedNs, check.hash, check.usable, check.reason});
        else if (before && (check.origin == CheckOrigin::Remembered || check.origin == CheckOrigin::NotRun))
            next.set(key, *before);
    }
    if (next.sameEntries(old) && old.note().empty() && fs::exists(report.memo.file)) return;
    try {
        next.write(report.memo.file);
    } catch (const std::exception& e) {
        report.memo.notes.push_back("scan memo not written: " + std::string(e.what()));
    }
}

// Subsets from a manifest: listed files keep theirs; unlisted ones are dropped from the samples.
void applyManifest(Dataset& dataset, ScanReport& report, const SplitManifest& manifest) {
    std::unordered_map<std::string, const SplitManifestEntry*> listed;
    for (const SplitManifestEntry& entry : manifest.files) listed[entry.path] = &entry;
    std::vector<Sample> kept;
    for (Sample& sample : dataset.samples) {
        const auto found = listed.find(dataset.relativePath(sample));
        if (found == listed.end()) {
            report.notInManifest.push_back(sample.path);
            continue;
        }
        sample.subset = found->second->subset;
        if (found->second->hash != sample.hash) report.changedSinceManifest.push_back(sample.path);
        listed.erase(found);
        kept.push_back(std::move(sample));
    }
    dataset.samples = std::move(kept);
    for (const SplitManifestEntry& entry : manifest.files)
        if (listed.count(entry.path))
            report.missingFromManifest.push_back(dataset.root / fs::u8path(entry.path));
    using Kind = ScanNotice::Kind;
    if (!report.notInManifest.empty())
        report.warnings.push_back(ScanNotice(Kind::NotInManifest, {}, report.notInManifest.size()));
    if (!report.missingFromManifest.empty())
        report.warnings.push_back(
            ScanNotice(Kind::MissingFromManifest, {}, report.missingFromManifest.size()));
    if (!report.changedSinceManifest.empty())
        report.warnings.push_back(
            ScanNotice(Kind::ChangedSinceManifest, {}, report.changedSinceManifest.size()));
}

void findDuplicates(const Dataset& dataset, ScanReport& report) {
    std::map<std::pair<std::uint64_t, ContentHash>, std::vector<const Sample*>> bySizeAndHash;
    for (const Sample& sample : dataset.samples)
        bySizeAndHash[{sample.sizeBytes, sample.hash}].push_back(&sample);
    for (const auto& [key, samples] : bySizeAndHash) {
        if (samples.size() < 2) continue;
        DuplicateGroup group;
        group.sizeBytes = key.first;
        for (const Sample* sample : samples) {
            group.files.push_back(sample->path);
            group.acrossClasses |= sample->label != samples.front()->label;
            group.acrossSubsets |= sample->subset != samples.front()->subset;
        }
        std::sort(group.files.begin(), group.files.end());
        report.duplicates.push_back(std::move(group));
    }
    std::sort(
        report.duplicates.begin(), report.duplicates.end(),
        [](const DuplicateGroup& a, const DuplicateGroup& b) { return a.files.front() < b.files.front(); });
    const std::size_t acrossClasses = report.duplicateGroups(DuplicateKind::AcrossClasses);
    const std::size_t leaking = report.duplicateGroups(DuplicateKind::AcrossSubsets);
    if (acrossClasses > 0)
        report.warnings.push_back(ScanNotice(ScanNotice::Kind::DuplicatesAcrossClasses, {}, acrossClasses));
    if (leaking > 0)
        report.warnings.push_back(ScanNotice(ScanNotice::Kind::DuplicatesAcrossSubsets, {}, leaking));
}

void countAndJudge(const Dataset& dataset, const std::map<std::string, std::size_t>& skippedPerClass,
                   ScanReport& report) {
    for (size_t label = 0; label < dataset.classNames.size(); ++label) {
        ClassCount count;
        count.name = dataset.classNames[label];
        for (int subset = 0; subset < kSubsetCount; ++subset)
            count.images[static_cast<size_t>(subset)] =
                dataset.count(static_cast<int>(label), static_cast<Subset>(subset));
        const auto skipped = skippedPerClass.find(count.name);
        count.skipped = skipped == skippedPerClass.end() ? 0 : skipped->second;
        report.classes.push_back(count);
    }
    report.usableImages = dataset.samples.size();

    using Kind = ScanNotice::Kind;
    if (report.classes.empty()) {
        ScanNotice none(Kind::NoClassFolders);
        none.splitFolders = report.layout == SplitLayout::SplitFolders;
        report.errors.push_back(none);
        return;
    }
    if (report.classes.size() == 1)
        report.errors.push_back(ScanNotice(Kind::OnlyOneClass, report.classes[0].name));

    const bool hasValidation = report.layout != SplitLayout::NoSplit;
    std::size_t smallest = SIZE_MAX, largest = 0;
    std::string smallestName, largestName;
    for (const ClassCount& c : report.classes) {
        if (c.total() == 0) {
            report.errors.push_back(ScanNotice(Kind::ClassWithoutUsableImages, c.name, c.skipped));
            continue;
        }
        if (c.images[0] == 0) report.errors.push_back(ScanNotice(Kind::ClassWithoutTrainingImages, c.name));
        if (hasValidation && c.images[1] == 0)
            report.warnings.push_back(ScanNotice(Kind::ClassWithoutValidationImages, c.name));
        if (c.total() < kTinyClassImages)
            report.warnings.push_back(ScanNotice(Kind::TinyClass, c.name, c.total()));
        if (c.total() < smallest) smallest = c.total(), smallestName = c.name;
        if (c.total() > largest) largest = c.total(), largestName = c.name;
    }
    if (smallest != SIZE_MAX && smallest > 0 &&
        static_cast<double>(largest) / static_cast<double>(smallest) >= kImbalanceRatio) {
        report.warnings.push_back(ScanNotice::imbalanced(largestName, largest, smallestName, smallest));
    }
    if (!report.skipped.empty())
        report.warnings.push_back(ScanNotice(Kind::FilesSkipped, {}, report.skipped.size()));
}

}  // namespace

ScanResult scanDataset(const fs::path& root, const ScanOptions& options) {
    if (options.validationSplit < 0.0 || options.validationSplit >= 1.0)
        throw Error("validation split must be at least 0 and below 1, got " +
                    std::to_string(options.validationSplit));
    const auto started = std::chrono::steady_clock::now();
    const std::int64_t startedNs = wallClockNs();  // before any file's stamp is taken (kStampSettleNs)
    std::optional<SplitManifest> manifest;
    if (options.manifest) manifest = readSplitManifest(*options.manifest);

    DatasetIndex index = indexDataset(root);
    ScanResult result;
    Dataset& dataset = result.dataset;
    ScanReport& report = result.report;
    dataset.root = report.root = root;
    report.verified = options.verify;
    report.skipped = index.skipped;
    report.ignoredRootEntries = index.ignoredRootEntries;
    report.ignoredOtherFiles = index.ignoredOtherFiles;
    report.hiddenEntries = index.hiddenEntries;
    report.warnings = index.warnings;
    report.imageFiles = index.files.size();

    const std::optional<ScanMemo> memo = readMemo(root, options, report);
    std::vector<FileCheck> checks(index.files.size());
    const bool finished = parallelFor(
        index.files.size(), options.threads,
        [&](std::size_t i) {
            checks[i] = checkWithMemo(index.files[i].path, root, memo ? &*memo : nullptr, options);
        },
        options.progress, options.cancel);
    if (memo) updateMemo(*memo, root, index, checks, startedNs, report);
    if (!finished) {
        report.cancelled = true;
        report.errors.push_back(ScanNotice(ScanNotice::Kind::ScanCancelled));
        return result;
    }

    // Classes: the folders found, or the manifest's (files of other folders are then not in the manifest).
    dataset.classNames = manifest ? manifest->classNames : index.classNames;
    std::map<std::string, std::size_t> skippedPerClass;
    for (size_t i = 0; i < index.files.size(); ++i) {
        const IndexedFile& file = index.files[i];
        const std::string& className = index.classNames[static_cast<size_t>(file.label)];
        if (!checks[i].usable) {
            report.skipped.push_back({file.path, checks[i].reason});
            ++skippedPerClass[className];
            continue;
        }
        const auto label = std::find(dataset.classNames.begin(), dataset.classNames.end(), className);
        if (label == dataset.classNames.end()) {
            report.notInManifest.push_back(file.path);
            continue;
        }
        dataset.samples.push_back({file.path, static_cast<int>(label - dataset.classNames.begin()),
                                   file.subset, checks[i].hash, checks[i].sizeBytes});
    }
    std::sort(report.skipped.begin(), report.skipped.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });

    const bool splitRequested = options.validationSplit > 0.0;
    if (manifest) {
        dataset.layout = report.layout = SplitLayout::Manifest;
        report.manifest = options.manifest;
        applyManifest(dataset, report, *manifest);
    } else if (index.layout == SplitLayout::SplitFolders) {
        dataset.layout = report.layout = SplitLayout::SplitFolders;
        if (splitRequested) report.warnings.push_back(ScanNotice(ScanNotice::Kind::ValidationSplitIgnored));
    } else if (splitRequested) {
        dataset.layout = report.layout = SplitLayout::ValidationFraction;
        dataset.validationSplit = report.validationSplit = options.validationSplit;
        dataset.seed = report.seed = options.seed;
        splitStratified(dataset.samples, root, options.validationSplit, options.seed);
    }
    findDuplicates(dataset, report);
    countAndJudge(dataset, skippedPerClass, report);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace tlw
