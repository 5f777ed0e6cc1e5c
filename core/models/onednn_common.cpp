#ifdef TLW_HAVE_ONEDNN

#include "core/models/onednn_common.h"

#include <ATen/ATen.h>

#include <string>

#include "core/models/blocked_activation.h"

namespace tlw::onednn {

dnnl::engine& cpuEngine() {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

bool isReference(const dnnl::primitive_desc_base& desc) {
    return std::string(desc.impl_info_str()).rfind("ref", 0) == 0;
}

memory::desc anyLayout(const Dims& dims) {
    return memory::desc(dims, memory::data_type::f32, memory::format_tag::any);
}

memory::data_type dataTypeOf(at::ScalarType type) {
    return type == at::kBFloat16 ? memory::data_type::bf16 : memory::data_type::f32;
}

memory::desc stridedLayout(const at::Tensor& tensor) {
    return memory::desc(Dims(tensor.sizes().begin(), tensor.sizes().end()), dataTypeOf(tensor.scalar_type()),
                        Dims(tensor.strides().begin(), tensor.strides().end()));
}

memory::desc blockedLayout(const Dims& dims) {
    return memory::desc(dims, memory::data_type::f32, memory::format_tag::nChw16c);
}

memory::desc activationLayout(const at::Tensor& tensor) {
    if (!isBlockedActivation(tensor)) return stridedLayout(tensor);
    return blockedLayout({tensor.size(0), activationChannels(tensor), tensor.size(2), tensor.size(3)});
}

namespace {

// A oneDNN memory over the tensor's own storage.
memory overTensor(const at::Tensor& tensor) {
    return memory(activationLayout(tensor), cpuEngine(), tensor.data_ptr());
}

}  // namespace

dnnl::primitive_attr primitiveAttributes(bool relu, double reluCap, bool accumulate) {
    dnnl::primitive_attr attributes;
    attributes.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    dnnl::post_ops operations;
    if (accumulate) operations.append_sum(1.0f);  // before the ReLU, which then sees the whole sum
    if (relu && reluCap > 0.0)
        operations.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip, 0.0f, static_cast<float>(reluCap));
    else if (relu)
        operations.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
    if (operations.len() > 0) attributes.set_post_ops(operations);
    return attributes;
}

Buffer allocate(const memory::desc& layout) {
    at::Tensor storage = at::empty({static_cast<int64_t>(layout.get_size())}, at::kByte);
    return {storage, memory(layout, cpuEngine(), storage.data_ptr())};
}

Buffer over(const at::Tensor& tensor, const memory::desc& layout) {
    return {tensor, memory(layout, cpuEngine(), tensor.data_ptr())};
}

Buffer inLayout(const at::Tensor& tensor, const memory::desc& layout, dnnl::stream& stream) {
    memory plain = overTensor(tensor);
    if (plain.get_desc() == layout) return {tensor, plain};
    Buffer copy = allocate(layout);
    dnnl::reorder(plain, copy.data).execute(stream, plain, copy.data);
    return copy;
}

void copyInto(memory from, const at::Tensor& to, dnnl::stream& stream) {
    memory plain = overTensor(to);
    dnnl::reorder(from, plain).execute(stream, from, plain);
}

}  // namespace tlw::onednn

#endif
