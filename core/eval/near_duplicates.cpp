#include "core/eval/near_duplicates.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace tlw {
namespace {

// Rows of the similarity matrix per product: 1,024 x 100,000 floats is 400 MB at most.
constexpr int64_t kBlockRows = 1024;

at::Tensor unitRows(const float* vectors, int64_t rows, int64_t dimensions) {
    const at::Tensor x = at::from_blob(const_cast<float*>(vectors), {rows, dimensions}, at::kFloat);
    return x / x.norm(2, 1, true).clamp_min(1e-12);
}

}  // namespace

std::vector<SimilarPair> pairsAboveSimilarity(const float* vectors, int64_t rows, int64_t dimensions,
                                              float threshold) {
    std::vector<SimilarPair> pairs;
    if (rows < 2) return pairs;
    const at::Tensor unit = unitRows(vectors, rows, dimensions);
    for (int64_t start = 0; start < rows; start += kBlockRows) {
        const int64_t count = std::min(kBlockRows, rows - start);
        const at::Tensor similarity = at::mm(unit.narrow(0, start, count), unit.t());
        // Only j > i: each pair once, no image with itself.
        const at::Tensor columns = at::arange(rows, at::kLong).unsqueeze(0);
        const at::Tensor ownRows = at::arange(start, start + count, at::kLong).unsqueeze(1);
        const at::Tensor found = at::nonzero(similarity.ge(threshold).logical_and(columns.gt(ownRows)));
        const auto indices = found.accessor<int64_t, 2>();
        for (int64_t k = 0; k < found.size(0); ++k) {
            const int64_t row = indices[k][0];
            const int64_t column = indices[k][1];
            pairs.push_back({static_cast<std::size_t>(start + row), static_cast<std::size_t>(column),
                             similarity[row][column].item<float>()});
        }
    }
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const SimilarPair& a, const SimilarPair& b) { return a.similarity > b.similarity; });
    return pairs;
}

}  // namespace tlw
