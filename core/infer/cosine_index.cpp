#include "core/infer/cosine_index.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <string>

#include "core/util/error.h"

namespace tlw {
namespace {

// Queries per matrix product: bounds the similarity block (256 x 100,000 floats = 100 MB).
constexpr int64_t kQueryChunk = 256;

// Rows scaled to unit length; a zero row stays zero (its similarity to anything is 0).
at::Tensor unitRows(const at::Tensor& rows) {
    return rows / rows.norm(2, 1, /*keepdim=*/true).clamp_min(1e-12);
}

std::vector<Neighbour> neighboursOf(const at::Tensor& values, const at::Tensor& rows) {
    const at::Tensor v = values.contiguous();
    const at::Tensor r = rows.to(at::kLong).contiguous();
    std::vector<Neighbour> neighbours(static_cast<size_t>(v.numel()));
    for (int64_t i = 0; i < v.numel(); ++i)
        neighbours[static_cast<size_t>(i)] = {r.data_ptr<int64_t>()[i], v.data_ptr<float>()[i]};
    return neighbours;
}

}  // namespace

struct CosineIndex::Impl {
    at::Tensor unit;                    // rows x dimensions, unit length
    std::vector<int> labels;            // per row
    std::vector<at::Tensor> labelRows;  // per label value: the rows holding it (int64)

    // Similarities of a chunk of queries to every row: count x rows.
    at::Tensor similarities(const float* queries, int64_t count) const {
        const at::Tensor q = at::from_blob(const_cast<float*>(queries), {count, unit.size(1)}, at::kFloat);
        return at::mm(unitRows(q), unit.t());
    }
};

CosineIndex::CosineIndex(const float* vectors, int64_t rows, int64_t dimensions, std::vector<int> labels)
    : m_impl(std::make_unique<Impl>()) {
    if (rows < 0 || dimensions <= 0) throw Error("cosine index: invalid shape");
    if (!labels.empty() && static_cast<int64_t>(labels.size()) != rows)
        throw Error("cosine index: " + std::to_string(labels.size()) + " labels for " + std::to_string(rows) +
                    " vectors");
    const c10::InferenceMode inference;
    // The division writes a new tensor: the caller's buffer is only read, and copied once.
    m_impl->unit = unitRows(at::from_blob(const_cast<float*>(vectors), {rows, dimensions}, at::kFloat));
    m_impl->labels = std::move(labels);
    const int labelCount =
        m_impl->labels.empty() ? 0 : *std::max_element(m_impl->labels.begin(), m_impl->labels.end()) + 1;
    std::vector<std::vector<int64_t>> byLabel(static_cast<size_t>(std::max(labelCount, 0)));
    for (size_t row = 0; row < m_impl->labels.size(); ++row)
        if (m_impl->labels[row] >= 0)
            byLabel[static_cast<size_t>(m_impl->labels[row])].push_back(int64_t(row));
    for (const auto& members : byLabel) m_impl->labelRows.push_back(at::tensor(members, at::kLong));
}

CosineIndex::~CosineIndex() = default;
CosineIndex::CosineIndex(CosineIndex&&) noexcept = default;
CosineIndex& CosineIndex::operator=(CosineIndex&&) noexcept = default;

int64_t CosineIndex::size() const { return m_impl->unit.size(0); }
int64_t CosineIndex::dimensions() const { return m_impl->unit.size(1); }

std::vector<std::vector<Neighbour>> CosineIndex::nearest(const float* queries, int64_t count, int k) const {
    const c10::InferenceMode inference;
    const int64_t kept = std::min<int64_t>(std::max(k, 0), size());
    std::vector<std::vector<Neighbour>> result;
    result.reserve(static_cast<size_t>(std::max<int64_t>(count, 0)));
    for (int64_t start = 0; start < count; start += kQueryChunk) {
        const int64_t chunk = std::min(kQueryChunk, count - start);
        if (kept == 0) {
            result.resize(result.size() + static_cast<size_t>(chunk));
            continue;
        }
        const auto [values, rows] = m_impl->similarities(queries + start * dimensions(), chunk).topk(kept, 1);
        for (int64_t q = 0; q < chunk; ++q) result.push_back(neighboursOf(values[q], rows[q]));
    }
    return result;
}

std::vector<std::vector<Neighbour>> CosineIndex::nearestPerLabel(const float* queries, int64_t count) const {
    const c10::InferenceMode inference;
    std::vector<std::vector<Neighbour>> result;
    for (int64_t start = 0; start < count; start += kQueryChunk) {
        const int64_t chunk = std::min(kQueryChunk, count - start);
        const at::Tensor similarities = m_impl->similarities(queries + start * dimensions(), chunk);
        std::vector<std::vector<Neighbour>> best(static_cast<size_t>(chunk));
        for (const at::Tensor& members : m_impl->labelRows) {
            if (members.numel() == 0) continue;
            const auto [values, positions] = similarities.index_select(1, members).max(1);
            const at::Tensor rows = members.index_select(0, positions);
            for (int64_t q = 0; q < chunk; ++q)
                best[size_t(q)].push_back({rows[q].item<int64_t>(), values[q].item<float>()});
        }
        for (auto& neighbours : best) {
            std::stable_sort(
                neighbours.begin(), neighbours.end(),
                [](const Neighbour& a, const Neighbour& b) { return a.similarity > b.similarity; });
            result.push_back(std::move(neighbours));
        }
    }
    return result;
}

}  // namespace tlw
