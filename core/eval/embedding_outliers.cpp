#include "core/eval/embedding_outliers.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <string>

#include "core/util/error.h"

namespace tlw {
namespace {

at::Tensor unitRows(const at::Tensor& x) { return x / x.norm(2, 1, true).clamp_min(1e-12); }

// The q-quantile by linear interpolation between the sorted values (NumPy's default).
float quantile(std::vector<float> values, double q) {
    std::sort(values.begin(), values.end());
    const double position = q * double(values.size() - 1);
    const auto below = static_cast<std::size_t>(position);
    const std::size_t above = std::min(below + 1, values.size() - 1);
    const double weight = position - double(below);
    return static_cast<float>(values[below] * (1.0 - weight) + values[above] * weight);
}

std::vector<float> toVector(const at::Tensor& values) {
    const at::Tensor contiguous = values.to(at::kFloat).contiguous();
    return {contiguous.data_ptr<float>(), contiguous.data_ptr<float>() + contiguous.numel()};
}

// Each image's highest cosine to another image, by blocks so that 100,000 images need no 40 GB matrix.
std::vector<float> nearestOtherSimilarity(const at::Tensor& unit) {
    constexpr int64_t kBlockRows = 1024;
    std::vector<float> nearest;
    const int64_t rows = unit.size(0);
    for (int64_t start = 0; start < rows; start += kBlockRows) {
        const int64_t count = std::min(kBlockRows, rows - start);
        at::Tensor similarity = at::mm(unit.narrow(0, start, count), unit.t());
        const at::Tensor own = at::arange(start, start + count, at::kLong);
        similarity.index_put_({at::arange(count, at::kLong), own}, -2.0f);  // not itself
        const std::vector<float> block = toVector(std::get<0>(similarity.max(1)));
        nearest.insert(nearest.end(), block.begin(), block.end());
    }
    return nearest;
}

}  // namespace

EmbeddingOutliers findEmbeddingOutliers(const float* vectors, int64_t rows, int64_t dimensions,
                                        const std::vector<int>& labels, int classCount) {
    if (static_cast<int64_t>(labels.size()) != rows)
        throw Error("outliers: " + std::to_string(labels.size()) + " labels for " + std::to_string(rows) +
                    " images");
    EmbeddingOutliers result;
    if (rows == 0) return result;
    const at::Tensor unit =
        unitRows(at::from_blob(const_cast<float*>(vectors), {rows, dimensions}, at::kFloat));
    const at::Tensor labelTensor = at::tensor(std::vector<int64_t>(labels.begin(), labels.end()), at::kLong);
    at::Tensor centroids = at::zeros({classCount, dimensions}, at::kFloat);
    centroids.index_add_(0, labelTensor, unit);
    result.centroidSimilarity = toVector(std::get<0>(at::mm(unit, unitRows(centroids).t()).max(1)));
    result.nearestSimilarity = rows > 1 ? nearestOtherSimilarity(unit) : std::vector<float>(1, 0.0f);

    const float q1 = quantile(result.centroidSimilarity, 0.25);
    const float q3 = quantile(result.centroidSimilarity, 0.75);
    result.fence = q1 - 1.5f * (q3 - q1);
    for (std::size_t i = 0; i < result.centroidSimilarity.size(); ++i)
        if (result.centroidSimilarity[i] < result.fence) result.outliers.push_back(i);
    std::sort(result.outliers.begin(), result.outliers.end(), [&](std::size_t a, std::size_t b) {
        return result.centroidSimilarity[a] < result.centroidSimilarity[b];
    });
    return result;
}

}  // namespace tlw
