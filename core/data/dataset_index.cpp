#include "core/data/dataset_index.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include "core/data/relabel_journal.h"
#include "core/util/error.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

using FolderIdentity = std::pair<dev_t, ino_t>;

std::string lowerAscii(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

// Entries of one folder in byte order of their names; listing errors go to `error`.
std::vector<fs::directory_entry> sortedEntries(const fs::path& folder, std::error_code& error) {
    std::vector<fs::directory_entry> entries;
    fs::directory_iterator it(folder, error);
    if (error) return entries;
    for (; it != fs::directory_iterator(); it.increment(error)) {
        if (error) return entries;
        entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(), [](const fs::directory_entry& a, const fs::directory_entry& b) {
        return a.path().filename().native() < b.path().filename().native();
    });
    return entries;
}

std::string describeLinkProblem(const fs::path& link, int error) {
    if (error == ELOOP) return "symbolic link loop";
    if (error == ENOENT) {
        std::error_code ignored;
        const fs::path target = fs::read_symlink(link, ignored);
        return "broken symbolic link (points to " + target.u8string() + ", which does not exist)";
    }
    return describeErrno("cannot follow symbolic link", error);
}

class Walker {
public:
    explicit Walker(DatasetIndex& index) : m_index(index) {
        // The root and the split folders count as ancestors of every class folder, so a class folder that
        // links back to them is a loop too.
        addAncestor(index.root);
        for (const char* split : {"train", "val", "validation", "test"}) addAncestor(index.root / split);
    }

    // Adds every file under a class folder (recursively) to the index.
    void walkClassFolder(const fs::path& folder, int label, Subset subset) {
        std::set<FolderIdentity> ancestors = m_baseAncestors;
        walk(folder, label, subset, ancestors);
    }

private:
    void walk(const fs::path& folder, int label, Subset subset, std::set<FolderIdentity>& ancestors) {
        struct stat info {};
        if (::stat(folder.c_str(), &info) != 0) {
            m_index.skipped.push_back({folder, describeErrno("cannot open folder", errno)});
            return;
        }
        const FolderIdentity identity{info.st_dev, info.st_ino};
        if (ancestors.count(identity)) {
            m_index.skipped.push_back(
                {folder, "symbolic link loop (links back to a folder that contains it)"});
            return;
        }
        std::error_code error;
        const std::vector<fs::directory_entry> entries = sortedEntries(folder, error);
        if (error) {
            m_index.skipped.push_back({folder, "cannot open folder: " + error.message()});
            return;
        }
        ancestors.insert(identity);
        for (const fs::directory_entry& entry : entries) visit(entry, label, subset, ancestors);
        ancestors.erase(identity);
    }

    void visit(const fs::directory_entry& entry, int label, Subset subset,
               std::set<FolderIdentity>& ancestors) {
        const fs::path& path = entry.path();
        if (isHiddenEntry(path.filename())) {
            ++m_index.hiddenEntries;
            return;
        }
        std::error_code error;
        // The entry's type comes from the directory listing; only symbolic links need a stat.
        fs::file_type type = entry.symlink_status(error).type();
        if (type == fs::file_type::symlink) {
            const fs::file_status target = fs::status(path, error);
            if (error) {
                m_index.skipped.push_back({path, describeLinkProblem(path, error.value())});
                return;
            }
            type = target.type();
        }
        if (type == fs::file_type::directory) {
            walk(path, label, subset, ancestors);
        } else if (type == fs::file_type::regular) {
            if (!hasImageExtension(path)) {
                m_index.ignoredOtherFiles.push_back(path);
                return;
            }
            // No stat here: sizes come with the bytes when the scan reads each file.
            m_index.files.push_back({path, label, subset});
        } else {
            m_index.skipped.push_back({path, "not a regular file (device, pipe or socket)"});
        }
    }

    void addAncestor(const fs::path& folder) {
        struct stat info {};
        if (::stat(folder.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
            m_baseAncestors.insert({info.st_dev, info.st_ino});
    }

    DatasetIndex& m_index;
    std::set<FolderIdentity> m_baseAncestors;
};

bool isFolder(const fs::directory_entry& entry) {
    std::error_code error;
    return entry.is_directory(error);  // follows symbolic links
}

void checkRoot(const fs::path& root) {
    std::error_code error;
    const fs::file_status status = fs::status(root, error);
    if (error && error.value() != ENOENT) throw Error(root, "cannot open dataset folder: " + error.message());
    if (!fs::exists(status)) throw Error(root, "dataset folder does not exist");
    if (!fs::is_directory(status))
        throw Error(root, "not a folder (a dataset is a folder with one sub-folder per class)");
}

}  // namespace

bool isHiddenEntry(const fs::path& path) {
    // The first character of the last component, read in place: the walk calls this for every entry.
    const std::string& text = path.native();
    const std::size_t slash = text.find_last_of('/');
    const std::size_t start = slash == std::string::npos ? 0 : slash + 1;
    return start < text.size() && text[start] == '.';
}

bool hasImageExtension(const fs::path& file) {
    static const std::set<std::string> kExtensions = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp",
                                                      ".tif", ".tiff", ".ppm", ".pgm", ".pbm"};
    return kExtensions.count(lowerAscii(file.extension().string())) > 0;
}

DatasetIndex indexDataset(const fs::path& root) {
    checkRoot(root);
    DatasetIndex index;
    index.root = root;
    std::error_code error;
    const std::vector<fs::directory_entry> top = sortedEntries(root, error);
    if (error) throw Error(root, "cannot open dataset folder: " + error.message());

    // Split folders: train/ with val/ or validation/, optionally test/.
    std::map<std::string, fs::path> splitFolders;
    for (const fs::directory_entry& entry : top) {
        const std::string name = entry.path().filename().u8string();
        if ((name == "train" || name == "val" || name == "validation" || name == "test") && isFolder(entry))
            splitFolders[name] = entry.path();
    }
    const bool hasValidationFolder = splitFolders.count("val") || splitFolders.count("validation");
    std::vector<std::pair<fs::path, Subset>> classParents;  // folders whose sub-folders are classes
    if (splitFolders.count("train") && hasValidationFolder) {
        index.layout = SplitLayout::SplitFolders;
        classParents.push_back({splitFolders["train"], Subset::Train});
        if (splitFolders.count("val") && splitFolders.count("validation")) {
            index.warnings.push_back(ScanNotice(ScanNotice::Kind::BothValidationFolders));
            classParents.push_back({splitFolders["val"], Subset::Validation});
        } else {
            classParents.push_back(
                {splitFolders.count("val") ? splitFolders["val"] : splitFolders["validation"],
                 Subset::Validation});
        }
        if (splitFolders.count("test")) classParents.push_back({splitFolders["test"], Subset::Test});
        for (const fs::directory_entry& entry : top) {
            const bool used = std::any_of(classParents.begin(), classParents.end(),
                                          [&](const auto& parent) { return parent.first == entry.path(); });
            if (isHiddenEntry(entry.path().filename()))
                index.hiddenEntries += isRelabelBookkeeping(entry.path().filename()) ? 0 : 1;
            else if (!used)
                index.ignoredRootEntries.push_back(entry.path());
        }
    } else {
        classParents.push_back({root, Subset::Train});
    }

    // Class names: the union of the class folders of every split, in byte order.
    std::vector<std::pair<fs::path, Subset>> classFolders;  // with their subset
    std::set<std::string> names;
    for (const auto& [parent, subset] : classParents) {
        const std::vector<fs::directory_entry> entries = parent == root ? top : sortedEntries(parent, error);
        if (error) {
            index.skipped.push_back({parent, "cannot open folder: " + error.message()});
            error.clear();
            continue;
        }
        for (const fs::directory_entry& entry : entries) {
            if (isHiddenEntry(entry.path().filename())) {
                const bool counted = parent != root || index.layout == SplitLayout::NoSplit;
                if (counted && !(parent == root && isRelabelBookkeeping(entry.path().filename())))
                    ++index.hiddenEntries;
                continue;
            }
            if (parent == root && index.layout == SplitLayout::SplitFolders) continue;
            if (isFolder(entry)) {
                names.insert(entry.path().filename().u8string());
                classFolders.push_back({entry.path(), subset});
            } else {
                std::error_code linkError;
                const bool brokenLink = entry.is_symlink(linkError) && !fs::exists(entry.path(), linkError);
                if (brokenLink)
                    index.skipped.push_back({entry.path(), describeLinkProblem(entry.path(), ENOENT)});
                else
                    index.ignoredRootEntries.push_back(entry.path());
            }
        }
    }
    index.classNames.assign(names.begin(), names.end());  // std::set of UTF-8 strings: byte order

    Walker walker(index);
    for (const auto& [folder, subset] : classFolders) {
        const std::string name = folder.filename().u8string();
        const int label =
            static_cast<int>(std::lower_bound(index.classNames.begin(), index.classNames.end(), name) -
                             index.classNames.begin());
        walker.walkClassFolder(folder, label, subset);
    }
    std::stable_sort(index.files.begin(), index.files.end(), [](const IndexedFile& a, const IndexedFile& b) {
        if (a.label != b.label) return a.label < b.label;
        if (a.subset != b.subset) return a.subset < b.subset;
        return a.path.native() < b.path.native();
    });
    return index;
}

}  // namespace tlw
