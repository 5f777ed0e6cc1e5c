#pragma once

#include <cstdint>
#include <memory>
#include <vector>

// Exact nearest neighbours by cosine similarity: every query against every stored vector in one matrix
// product of the unit-length rows (at 100,000 vectors of 512 a query takes milliseconds:
// docs/BENCHMARKS.md), so no approximate index, no recall below 1. Torch-free.
namespace tlw {

struct Neighbour {
    int64_t row = 0;          // index of the stored vector
    float similarity = 0.0f;  // cosine, -1..1; 0 against a zero vector
};

class CosineIndex {
public:
    // rows x dimensions float32 values, row-major, copied; labels: one per row (the class of a training
    // image), or empty when nearestPerLabel is not needed. Throws tlw::Error for mismatched sizes.
    CosineIndex(const float* vectors, int64_t rows, int64_t dimensions, std::vector<int> labels = {});
    ~CosineIndex();
    CosineIndex(CosineIndex&&) noexcept;
    CosineIndex& operator=(CosineIndex&&) noexcept;

    int64_t size() const;
    int64_t dimensions() const;

    // For each of `count` queries (count x dimensions, row-major): the min(k, size()) most similar rows,
    // most similar first.
    std::vector<std::vector<Neighbour>> nearest(const float* queries, int64_t count, int k) const;
    // For each query: the most similar row of each label, most similar first (one per label present).
    std::vector<std::vector<Neighbour>> nearestPerLabel(const float* queries, int64_t count) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace tlw
