#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

// Images unlike the rest: far from every class's centroid in embedding space (a placeholder picture, a
// screenshot among photos, a blank scan). The rule is Tukey's fence: an image is an outlier when its
// highest cosine similarity to any class centroid lies below Q1 - 1.5 IQR of that similarity over all the
// images. Torch-free.
namespace tlw {

struct EmbeddingOutliers {
    std::vector<float> centroidSimilarity;  // per image: the highest cosine to a class centroid
    std::vector<float> nearestSimilarity;   // per image: the highest cosine to another image
    float fence = 0.0f;                     // Q1 - 1.5 IQR of centroidSimilarity
    std::vector<std::size_t> outliers;      // below the fence, farthest first
};

// vectors: rows x dimensions float32, row-major; labels: the class of each row in [0, classCount). A
// centroid is the mean of its class's unit vectors.
EmbeddingOutliers findEmbeddingOutliers(const float* vectors, int64_t rows, int64_t dimensions,
                                        const std::vector<int>& labels, int classCount);

}  // namespace tlw
