#include "core/data/image_inputs.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <system_error>
#include <utility>

#include "core/util/error.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

using FolderIdentity = std::pair<dev_t, ino_t>;

bool hasImageDirectlyInside(const DatasetIndex& index) {
    return std::any_of(index.ignoredRootEntries.begin(), index.ignoredRootEntries.end(),
                       [](const fs::path& entry) {
                           std::error_code error;
                           return hasImageExtension(entry) && fs::is_regular_file(entry, error);
                       });
}

// A folder that is not a dataset: every image below it, in path order. Symbolic links are followed, so
// folders are identified by device and inode to stop at a link that leads back up the tree.
class PlainFolderWalk {
public:
    explicit PlainFolderWalk(ImageInputs& inputs) : m_inputs(inputs) {}

    void walk(const fs::path& folder) {
        struct stat info {};
        if (::stat(folder.c_str(), &info) != 0) {
            m_inputs.skipped.push_back({folder, describeErrno("cannot open folder", errno)});
            return;
        }
        const FolderIdentity identity{info.st_dev, info.st_ino};
        if (m_ancestors.count(identity)) {
            m_inputs.skipped.push_back(
                {folder, "symbolic link loop (links back to a folder that contains it)"});
            return;
        }
        std::error_code error;
        std::vector<fs::path> entries;
        for (fs::directory_iterator it(folder, error); !error && it != fs::directory_iterator();
             it.increment(error))
            if (!isHiddenEntry(it->path())) entries.push_back(it->path());
        if (error) {
            m_inputs.skipped.push_back({folder, "cannot open folder: " + error.message()});
            return;
        }
        // Byte order of names, as the dataset index sorts, so the order does not depend on the locale.
        std::sort(entries.begin(), entries.end(),
                  [](const fs::path& a, const fs::path& b) { return a.native() < b.native(); });
        m_ancestors.insert(identity);
        for (const fs::path& entry : entries) visit(entry);
        m_ancestors.erase(identity);
    }

private:
    void visit(const fs::path& entry) {
        std::error_code error;
        const fs::file_status status = fs::status(entry, error);  // follows symbolic links
        if (error) {
            m_inputs.skipped.push_back({entry, "cannot follow symbolic link: " + error.message()});
            return;
        }
        if (fs::is_directory(status))
            walk(entry);
        else if (fs::is_regular_file(status) && hasImageExtension(entry))
            m_inputs.images.push_back({entry, {}, {}});
    }

    ImageInputs& m_inputs;
    std::set<FolderIdentity> m_ancestors;
};

void addDatasetRoot(const DatasetIndex& index, ImageInputs& inputs) {
    for (const IndexedFile& file : index.files) {
        inputs.images.push_back({file.path, index.classNames[static_cast<size_t>(file.label)],
                                 index.layout == SplitLayout::SplitFolders ? subsetName(file.subset) : ""});
    }
    inputs.skipped.insert(inputs.skipped.end(), index.skipped.begin(), index.skipped.end());
}

}  // namespace

ImageInputs collectImageInputs(const std::vector<fs::path>& paths) {
    ImageInputs inputs;
    for (const fs::path& path : paths) {
        std::error_code error;
        const fs::file_status status = fs::status(path, error);
        if (error && error.value() != ENOENT) throw Error(path, "cannot open: " + error.message());
        if (!fs::exists(status)) throw Error(path, "no such file or folder");
        if (!fs::is_directory(status)) {
            inputs.images.push_back({path, {}, {}});
            continue;
        }
        const DatasetIndex index = indexDataset(path);
        if (!index.classNames.empty() && !hasImageDirectlyInside(index))
            addDatasetRoot(index, inputs);
        else
            PlainFolderWalk(inputs).walk(path);
    }
    return inputs;
}

}  // namespace tlw
