#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

// Two-dimensional maps of image embeddings, for the Dataset page's Map and `tlw audit --map-csv`: PCA, and
// t-SNE (van der Maaten and Hinton, "Visualizing Data using t-SNE", JMLR 9, 2008). Debian packages no C++
// t-SNE or UMAP library, so t-SNE is written here from the paper: each image's Gaussian bandwidth found by
// binary search for the perplexity, joint probabilities symmetrised, a Student-t (one degree of freedom)
// kernel in the map, gradient descent with early exaggeration, momentum and per-coordinate gains (Jacobs
// 1988, as the paper's own code). The heavy parts are LibTorch tensor operations; the header is torch-free.
namespace tlw {

struct MapPoint {
    float x = 0.0f;
    float y = 0.0f;
};

enum class ProjectionMethod { Pca, Tsne };
std::string projectionMethodId(ProjectionMethod method);  // "pca", "tsne"

struct TsneOptions {
    double perplexity = 30.0;  // lowered to (n - 1) / 3 for small sets, as the bandwidth search needs
    int iterations = 750;
    int exaggerationIterations = 250;  // early exaggeration, and momentum 0.5 instead of 0.8, this long
    double exaggeration = 12.0;
    int pcaDimensions = 50;  // the data are reduced to this many principal components first (as the paper)
    std::uint64_t seed = 1337;
    // Exact t-SNE keeps several n x n matrices: above this many images a seeded sample of this size is
    // mapped and every other image is placed among its nearest sampled neighbours (see
    // embedding_projection.cpp).
    int exactLimit = 2000;
    const std::atomic<bool>* cancel = nullptr;  // checked every iteration
};

struct TsneProjection {
    std::vector<MapPoint> points;  // one per input row, in their order
    double perplexity = 0.0;       // the one used
    std::size_t mapped = 0;        // rows mapped by t-SNE itself; the rest were placed
    bool cancelled = false;
};

// `rows` is n x dimensions, row-major. Both throw tlw::Error when n is 0 or a value is NaN or infinite.
// PCA: the scores on the first two principal components; each component's sign is chosen so that its
// largest loading (by magnitude) is positive, so the same data always give the same map. With one image,
// or identical ones, every point lies at the origin.
std::vector<MapPoint> projectPca(const float* rows, std::int64_t n, std::int64_t dimensions);
// Deterministic for a seed (and a thread count). One image: the origin; two: (-1, 0) and (1, 0).
TsneProjection projectTsne(const float* rows, std::int64_t n, std::int64_t dimensions,
                           const TsneOptions& options = {});

}  // namespace tlw
