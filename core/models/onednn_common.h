#pragma once

// Core-internal: what the files that call oneDNN themselves share (onednn_winograd.cpp,
// onednn_inference.cpp). Included only where TLW_HAVE_ONEDNN is defined.

#include <ATen/core/Tensor.h>

#include <map>
#include <memory>
#include <mutex>
#include <oneapi/dnnl/dnnl.hpp>
#include <unordered_map>

namespace tlw::onednn {

using dnnl::memory;
using Dims = memory::dims;
using Arguments = std::unordered_map<int, memory>;

dnnl::engine& cpuEngine();

// oneDNN's name for a tensor type the passes run in: bfloat16, else float32.
memory::data_type dataTypeOf(at::ScalarType type);

// Whether oneDNN chose one of its reference kernels (loops in plain C++, a hundred times slower than
// LibTorch's), which no caller takes.
bool isReference(const dnnl::primitive_desc_base& desc);

// A primitive and the description it was made from (its layouts, its scratchpad's size).
template <class Primitive>
struct Kernel {
    typename Primitive::primitive_desc desc;
    Primitive primitive;
};

// The kernel oneDNN chose for desc, or null where that is a reference kernel.
template <class Primitive>
std::shared_ptr<Kernel<Primitive>> kernelFrom(const typename Primitive::primitive_desc& desc) {
    if (isReference(desc)) return nullptr;
    return std::make_shared<Kernel<Primitive>>(Kernel<Primitive>{desc, Primitive(desc)});
}

// float32 in oneDNN's choice of layout.
memory::desc anyLayout(const Dims& dims);

// The tensor's own sizes and strides, in its type (bfloat16, else float32).
memory::desc stridedLayout(const at::Tensor& tensor);

// N x C x H x W float32 in oneDNN's 16-channel-blocked layout (nChw16c): a blocked activation's bytes
// (core/models/blocked_activation.h).
memory::desc blockedLayout(const Dims& dims);

// The layout of an activation's bytes: blockedLayout for a blocked one, else its sizes and strides.
memory::desc activationLayout(const at::Tensor& tensor);

// A scratchpad the caller owns (one per call), so that two threads may run the same primitive at once
// whatever oneDNN's build does with its own; with a ReLU applied to the output inside the kernel where relu,
// capped at reluCap where that is positive (ReLU6); where accumulate, the result is added to what the output
// already holds, before the ReLU.
dnnl::primitive_attr primitiveAttributes(bool relu, double reluCap = 0.0, bool accumulate = false);

// A oneDNN memory over LibTorch storage: the tensor memory cache serves it as it serves every other
// activation, and the storage lives as long as the Buffer.
struct Buffer {
    at::Tensor storage;
    memory data;
};

Buffer allocate(const memory::desc& layout);

// The tensor's bytes as layout, which the caller knows them to be in (a primitive's own description of a
// dense channels-last tensor, where a size of 1 lets LibTorch's strides differ from oneDNN's canonical ones;
// a blocked activation).
Buffer over(const at::Tensor& tensor, const memory::desc& layout);

// The tensor (float32, dense, or a blocked activation) in the kernel's layout: itself where the layouts
// agree, else a reordered copy.
Buffer inLayout(const at::Tensor& tensor, const memory::desc& layout, dnnl::stream& stream);

// Reorders from into to's bytes (an ordinary tensor or a blocked activation).
void copyInto(memory from, const at::Tensor& to, dnnl::stream& stream);

// Primitives by shape, made on first use and remembered, null where oneDNN has none for the shape on this
// CPU (make threw dnnl::error). Batch sizes vary (a last, smaller batch; evaluation), so the table is emptied
// when it grows past what a run uses.
template <class Key, class Value>
class PrimitiveTable {
public:
    template <class Make>
    std::shared_ptr<Value> find(const Key& key, Make make) {
        const std::lock_guard<std::mutex> lock(m_mutex);
        const auto found = m_table.find(key);
        if (found != m_table.end()) return found->second;
        if (m_table.size() >= kCapacity) m_table.clear();
        std::shared_ptr<Value> value;
        try {
            value = make(key);
        } catch (const dnnl::error&) {
            // None for this shape or CPU: the caller keeps LibTorch's operation.
        }
        m_table.emplace(key, value);
        return value;
    }

private:
    static constexpr size_t kCapacity = 256;
    std::mutex m_mutex;
    std::map<Key, std::shared_ptr<Value>> m_table;
};

}  // namespace tlw::onednn
