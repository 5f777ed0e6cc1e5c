#include "core/dist/sharded_features.h"

#include <numeric>
#include <string>

#include "core/dist/data_parallel.h"
#include "core/dist/process_group.h"

namespace tlw {
namespace {

template <typename T>
std::vector<T> shareOf(const std::vector<T>& items, const ItemRange& share) {
    return std::vector<T>(items.begin() + share.begin, items.begin() + share.end);
}

// Every rank's rows of each set, gathered in rank order: the whole list's sets.
std::vector<FeatureSet> gatherSets(const std::vector<FeatureSet>& mine, int64_t myRows, ProcessGroup& group) {
    std::vector<int64_t> rows(static_cast<size_t>(myRows));
    std::iota(rows.begin(), rows.end(), int64_t{0});
    std::vector<FeatureSet> sets;
    for (const FeatureSet& set : mine) {
        torch::Tensor local = set.gather(rows);
        sets.push_back(FeatureSet::fromRows(set.point(), group.allGatherRows(local)));
    }
    return sets;
}

}  // namespace

std::filesystem::path rankCacheDirectory(const FeatureCacheSettings& settings, int rank, int size) {
    return featureCacheDirectory(settings) / ("rank-" + std::to_string(rank) + "-of-" + std::to_string(size));
}

FeaturePreparation prepareShardedFeatures(const FeatureCacheSettings& settings, const BackboneModule& module,
                                          const std::vector<CachePoint>& points,
                                          const std::vector<std::filesystem::path>& files,
                                          const std::vector<ContentHash>& hashes,
                                          const PreprocessOptions& preprocess, Precision precision,
                                          const BatchRunOptions& options, ProcessGroup& group) {
    const ItemRange share = rankShare(static_cast<int64_t>(files.size()), group.rank(), group.size());
    FeatureCacheSettings mine = settings;
    mine.directory = rankCacheDirectory(settings, group.rank(), group.size());
    FeaturePreparation prepared = FeatureCache(mine).prepare(
        module, points, shareOf(files, share), shareOf(hashes, share), preprocess, precision, options);
    // Every rank takes the same way out: one that stopped or cannot write would otherwise leave the others
    // waiting in the all-gather.
    const bool stoppedHere = prepared.sets.empty() && prepared.unwritable.empty();
    torch::Tensor outcome =
        torch::tensor({stoppedHere ? 1.0 : 0.0, prepared.unwritable.empty() ? 0.0 : 1.0,
                       static_cast<double>(prepared.reused), static_cast<double>(prepared.computed)},
                      torch::kFloat64);
    group.allReduceSum(outcome);
    if (outcome[1].item<double>() > 0.5) {
        if (prepared.unwritable.empty())
            prepared.unwritable = "another rank's cache folder cannot be written";
        prepared.sets.clear();
        return prepared;
    }
    if (outcome[0].item<double>() > 0.5) {
        prepared.sets.clear();
        return prepared;
    }
    prepared.reused = static_cast<std::size_t>(outcome[2].item<double>());
    prepared.computed = static_cast<std::size_t>(outcome[3].item<double>());
    prepared.notes.push_back(
        {RunNotice::Kind::Other,
         {group.context().describe() + " computed images " + std::to_string(share.begin) + " to " +
          std::to_string(share.end - 1) + " of " + std::to_string(files.size()) + " in " +
          mine.directory.u8string() + "; the ranks' rows are all-gathered"}});
    prepared.sets = gatherSets(prepared.sets, share.size(), group);
    return prepared;
}

}  // namespace tlw
