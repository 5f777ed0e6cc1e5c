// PCA and t-SNE maps (core/eval/embedding_projection.h).
//
// Exact t-SNE holds a few n x n matrices and costs O(n^2) per iteration; above TsneOptions::exactLimit
// images (2,000 by default: about 16 MB per matrix and some 15 s on two cores, docs/BENCHMARKS.md) a seeded
// random sample of exactLimit images is mapped, and every other image is then placed at the mean of the map
// positions of its nearest sampled images (in the same 50-dimensional PCA space, weighted by inverse
// distance). We chose this over Barnes-Hut because a map is read for its groups ("which images sit among
// the bees?"), which a 2,000-image sample already shows, and each placed image lands among the images it
// resembles most; Barnes-Hut would be a second approximation (a quad tree, sparse neighbour affinities)
// with its own failure modes to test, for a layout a user cannot tell apart.
#include "core/eval/embedding_projection.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "core/util/error.h"

namespace tlw {
namespace {

constexpr int kPerplexitySearchSteps = 100;
constexpr double kEntropyTolerance = 1e-5;
constexpr int kPlacementNeighbours = 5;
// t-SNE runs on one thread: its iterations are a string of small operators over n x n matrices, and on the
// busy 2-core development machine waking a second thread for each cost more than it saved at every size
// measured (245 images: 0.7 s on one thread, 37 s on two; 1,000: 7.6 s and 64 s; 2,000: 51 s and 131 s;
// docs/BENCHMARKS.md).
// Sets LibTorch's thread count to one for the map and puts the old one back, also when it throws.
class MapThreads {
public:
    MapThreads() : m_previous(at::get_num_threads()) { at::set_num_threads(1); }
    ~MapThreads() {
        if (at::get_num_threads() != m_previous) at::set_num_threads(m_previous);
    }
    MapThreads(const MapThreads&) = delete;
    MapThreads& operator=(const MapThreads&) = delete;

private:
    int m_previous;
};

at::Tensor featureMatrix(const float* rows, std::int64_t n, std::int64_t dimensions) {
    if (n <= 0) throw Error("there are no images to map");
    if (dimensions <= 0) throw Error("the images have no features to map");
    const at::Tensor matrix =
        at::from_blob(const_cast<float*>(rows), {n, dimensions}, at::kFloat).to(at::kDouble);
    if (!at::isfinite(matrix).all().item<bool>())
        throw Error("the image features hold NaN or infinite values; they cannot be mapped");
    return matrix;
}

// Scores on the first `components` principal components (n x components, zero columns past the rank), from
// the eigenvectors of the smaller of the covariance (d x d) and Gram (n x n) matrices: an SVD of the whole
// n x d matrix would cost far more for 10,000 images. A component's sign makes its largest loading
// positive: an eigensolver leaves it arbitrary.
at::Tensor principalScores(const at::Tensor& matrix, std::int64_t components) {
    const at::Tensor centred = matrix - matrix.mean(0, true);
    const std::int64_t n = centred.size(0);
    const std::int64_t kept = std::min({components, n, centred.size(1)});
    at::Tensor scores;
    at::Tensor loadings;  // d x kept, each column a component's direction (up to a positive factor)
    if (n >= centred.size(1)) {
        const auto [values, vectors] = at::linalg_eigh(centred.t().mm(centred));
        loadings = vectors.flip(1).narrow(1, 0, kept);  // eigh sorts ascending
        scores = centred.mm(loadings);
    } else {
        const auto [values, vectors] = at::linalg_eigh(centred.mm(centred.t()));
        const at::Tensor u = vectors.flip(1).narrow(1, 0, kept);
        scores = u * values.flip(0).narrow(0, 0, kept).clamp_min(0.0).sqrt().unsqueeze(0);
        loadings = centred.t().mm(u);
    }
    const at::Tensor largest = loadings.abs().argmax(0, true);
    const at::Tensor signs = at::where(loadings.gather(0, largest) < 0, -1.0, 1.0);
    scores = scores * signs;
    if (kept < components) scores = at::cat({scores, at::zeros({n, components - kept}, scores.options())}, 1);
    return scores;
}

std::vector<MapPoint> pointsOf(const at::Tensor& map) {
    const at::Tensor values = map.to(at::kFloat).contiguous();
    const float* data = values.data_ptr<float>();
    std::vector<MapPoint> points(static_cast<std::size_t>(values.size(0)));
    for (std::size_t i = 0; i < points.size(); ++i) points[i] = {data[2 * i], data[2 * i + 1]};
    return points;
}

at::Tensor squaredDistances(const at::Tensor& a, const at::Tensor& b) {
    const at::Tensor aa = (a * a).sum(1, true);
    const at::Tensor bb = (b * b).sum(1, true).t();
    return (aa + bb - 2.0 * a.mm(b.t())).clamp_min(0.0);
}

// Each row's conditional probabilities p(j|i): a Gaussian whose precision (beta) is found by bisection so
// that the row's entropy is log(perplexity), all rows at once. Distances are taken from each row's nearest
// one, which leaves p unchanged and keeps the nearest neighbour's exp() from underflowing.
at::Tensor conditionalProbabilities(const at::Tensor& distances, double perplexity) {
    const std::int64_t n = distances.size(0);
    const at::Tensor offDiagonal = 1.0 - at::eye(n, distances.options());
    const at::Tensor masked = distances + at::eye(n, distances.options()) * 1e300;
    const at::Tensor shifted = (distances - std::get<0>(masked.min(1, true))).clamp_min(0.0) * offDiagonal;
    const double target = std::log(perplexity);
    const double infinity = std::numeric_limits<double>::infinity();
    at::Tensor beta = at::ones({n, 1}, distances.options());
    at::Tensor low = at::full({n, 1}, -infinity, distances.options());
    at::Tensor high = at::full({n, 1}, infinity, distances.options());
    at::Tensor p;
    for (int step = 0; step < kPerplexitySearchSteps; ++step) {
        p = at::exp(-shifted * beta) * offDiagonal;
        const at::Tensor sum = p.sum(1, true).clamp_min(1e-300);
        const at::Tensor entropy = at::log(sum) + beta * (shifted * p).sum(1, true) / sum;
        const at::Tensor difference = entropy - target;
        if (difference.abs().max().item<double>() < kEntropyTolerance) break;
        const at::Tensor tooFlat = difference > 0;  // entropy too high: a narrower Gaussian
        low = at::where(tooFlat, beta, low);
        high = at::where(tooFlat, high, beta);
        beta = at::where(tooFlat, at::where(at::isinf(high), beta * 2.0, (beta + high) / 2.0),
                         at::where(at::isinf(low), beta / 2.0, (beta + low) / 2.0));
    }
    return p / p.sum(1, true).clamp_min(1e-300);
}

at::Tensor jointProbabilities(const at::Tensor& data, double perplexity) {
    const at::Tensor conditional = conditionalProbabilities(squaredDistances(data, data), perplexity);
    const auto n = static_cast<double>(data.size(0));
    return ((conditional + conditional.t()) / (2.0 * n)).clamp_min(1e-12).to(at::kFloat);
}

// The paper's starting map: N(0, 1e-4^2) per coordinate, from a seeded generator of our own, so that the map
// does not depend on LibTorch's generator.
at::Tensor initialMap(std::int64_t n, std::uint64_t seed) {
    std::mt19937_64 engine(seed);
    std::vector<float> values(static_cast<std::size_t>(n * 2));
    const double scale = 1.0 / static_cast<double>(std::mt19937_64::max());
    for (std::size_t i = 0; i < values.size(); i += 2) {
        const double u1 = (static_cast<double>(engine()) + 1.0) * scale;  // Box-Muller: u1 in (0, 1]
        const double u2 = static_cast<double>(engine()) * scale;
        const double radius = std::sqrt(-2.0 * std::log(std::min(u1, 1.0)));
        values[i] = static_cast<float>(1e-4 * radius * std::cos(2.0 * M_PI * u2));
        values[i + 1] = static_cast<float>(1e-4 * radius * std::sin(2.0 * M_PI * u2));
    }
    return at::tensor(values, at::kFloat).reshape({n, 2});
}

// Gradient descent on KL(P || Q) with a Student-t kernel (the paper's equation 5), momentum and gains.
// Returns an undefined tensor when cancelled.
at::Tensor optimiseMap(const at::Tensor& p, const TsneOptions& options) {
    const std::int64_t n = p.size(0);
    const double learningRate = std::max(static_cast<double>(n) / options.exaggeration / 4.0, 50.0);
    at::Tensor y = initialMap(n, options.seed);
    at::Tensor update = at::zeros_like(y);
    at::Tensor gains = at::ones_like(y);
    for (int iteration = 0; iteration < options.iterations; ++iteration) {
        if (options.cancel != nullptr && options.cancel->load()) return {};
        const bool early = iteration < options.exaggerationIterations;
        // Student-t kernel w = 1 / (1 + |yi - yj|^2); q = w / sum(w); the forces (exaggeration * p - q) * w,
        // all in place: an iteration is a few passes over n x n floats, and the passes are the time.
        const at::Tensor squared = (y * y).sum(1, true);
        at::Tensor kernel = at::addmm(squared + squared.t(), y, y.t(), 1.0, -2.0);
        kernel.clamp_min_(0.0).add_(1.0).reciprocal_();
        kernel.fill_diagonal_(0.0);
        const double normaliser = kernel.sum().item<double>();
        at::Tensor forces = kernel.mul(-1.0 / normaliser);
        forces.add_(p, early ? options.exaggeration : 1.0).mul_(kernel);
        const at::Tensor gradient = 4.0 * (forces.sum(1, true) * y - forces.mm(y));
        gains = at::where((gradient > 0) != (update > 0), gains + 0.2, gains * 0.8).clamp_min(0.01);
        update = (early ? 0.5 : 0.8) * update - learningRate * gains * gradient;
        y = y + update;
        y = y - y.mean(0, true);
    }
    return y;
}

std::vector<std::int64_t> seededSample(std::int64_t n, std::int64_t size, std::uint64_t seed) {
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
    std::mt19937_64 engine(seed);
    for (std::int64_t i = n - 1; i > 0; --i)  // Fisher-Yates: the same sample on every standard library
        std::swap(order[static_cast<std::size_t>(i)],
                  order[static_cast<std::size_t>(engine() % static_cast<std::uint64_t>(i + 1))]);
    order.resize(static_cast<std::size_t>(size));
    std::sort(order.begin(), order.end());
    return order;
}

// Every row's map position: the sampled rows' own, the others' the inverse-distance-weighted mean of their
// nearest sampled rows'.
at::Tensor placeAmongSample(const at::Tensor& data, const at::Tensor& sampleIndex,
                            const at::Tensor& sampleMap) {
    const at::Tensor sampled = data.index_select(0, sampleIndex);
    const std::int64_t k = std::min<std::int64_t>(kPlacementNeighbours, sampled.size(0));
    at::Tensor map = at::empty({data.size(0), 2}, at::kFloat);
    constexpr std::int64_t kChunk = 1024;  // rows at a time: a chunk x sample distance matrix
    for (std::int64_t start = 0; start < data.size(0); start += kChunk) {
        const std::int64_t rows = std::min(kChunk, data.size(0) - start);
        const at::Tensor distances = squaredDistances(data.narrow(0, start, rows), sampled).sqrt();
        const auto [nearest, index] = distances.topk(k, 1, false);
        const at::Tensor weights = 1.0 / (nearest + 1e-6);
        const at::Tensor positions =
            sampleMap.to(at::kDouble).index_select(0, index.reshape({-1})).reshape({rows, k, 2});
        map.narrow(0, start, rows)
            .copy_(((positions * weights.unsqueeze(2)).sum(1) / weights.sum(1, true)).to(at::kFloat));
    }
    map.index_copy_(0, sampleIndex, sampleMap);
    return map;
}

}  // namespace

std::string projectionMethodId(ProjectionMethod method) {
    return method == ProjectionMethod::Tsne ? "tsne" : "pca";
}

std::vector<MapPoint> projectPca(const float* rows, std::int64_t n, std::int64_t dimensions) {
    const at::Tensor matrix = featureMatrix(rows, n, dimensions);
    return pointsOf(principalScores(matrix, 2));
}

TsneProjection projectTsne(const float* rows, std::int64_t n, std::int64_t dimensions,
                           const TsneOptions& options) {
    const at::Tensor matrix = featureMatrix(rows, n, dimensions);
    const MapThreads threads;
    TsneProjection projection;
    if (n <= 2) {  // nothing for a neighbourhood to be calibrated on
        projection.points.resize(static_cast<std::size_t>(n));
        if (n == 2) projection.points = {{-1.0f, 0.0f}, {1.0f, 0.0f}};
        projection.mapped = static_cast<std::size_t>(n);
        return projection;
    }
    const at::Tensor reduced =
        principalScores(matrix, std::min<std::int64_t>(options.pcaDimensions, dimensions));
    const std::int64_t mapped = std::min<std::int64_t>(n, std::max(options.exactLimit, 3));
    const at::Tensor sampleIndex = at::tensor(seededSample(n, mapped, options.seed), at::kLong);
    const at::Tensor sample = mapped == n ? reduced : reduced.index_select(0, sampleIndex);
    // A perplexity is an effective neighbour count: it must stay well below the number of other images.
    projection.perplexity =
        std::max(1.0, std::min(options.perplexity, static_cast<double>(mapped - 1) / 3.0));
    projection.mapped = static_cast<std::size_t>(mapped);
    const at::Tensor sampleMap = optimiseMap(jointProbabilities(sample, projection.perplexity), options);
    if (!sampleMap.defined()) {
        projection.cancelled = true;
        return projection;
    }
    projection.points = pointsOf(mapped == n ? sampleMap : placeAmongSample(reduced, sampleIndex, sampleMap));
    return projection;
}

}  // namespace tlw
