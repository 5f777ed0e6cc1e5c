#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

// Pairs of images whose embeddings point the same way: resized, recompressed and slightly cropped copies of
// one picture keep nearly all of a CNN's pooled features, distinct pictures do not (the threshold is
// measured in docs/BENCHMARKS.md). Exact: every pair is compared, by blocks of a matrix product. Torch-free.
namespace tlw {

struct SimilarPair {
    std::size_t first = 0;  // row indices, first < second
    std::size_t second = 0;
    float similarity = 0.0f;  // cosine
};

// vectors: rows x dimensions float32, row-major. Every pair with cosine >= threshold, most similar first.
// A zero vector pairs with nothing.
std::vector<SimilarPair> pairsAboveSimilarity(const float* vectors, int64_t rows, int64_t dimensions,
                                              float threshold);

}  // namespace tlw
