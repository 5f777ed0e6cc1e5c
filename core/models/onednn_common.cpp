#ifdef TLW_HAVE_ONEDNN

#include "core/models/onednn_common.h"

#include <ATen/ATen.h>

namespace tlw::onednn {

dnnl::engine& cpuEngine() {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

memory::desc anyLayout(const Dims& dims) {
    return memory::desc(dims, memory::data_type::f32, memory::format_tag::any);
}

memory::desc stridedLayout(const at::Tensor& tensor) {
    return memory::desc(Dims(tensor.sizes().begin(), tensor.sizes().end()), memory::data_type::f32,
                        Dims(tensor.strides().begin(), tensor.strides().end()));
}

dnnl::primitive_attr primitiveAttributes(bool relu, double reluCap) {
    dnnl::primitive_attr attributes;
    attributes.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    if (relu) {
        dnnl::post_ops operations;
        if (reluCap > 0.0)
            operations.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip, 0.0f, static_cast<float>(reluCap));
        else
            operations.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
        attributes.set_post_ops(operations);
    }
    return attributes;
}

Buffer allocate(const memory::desc& layout) {
    at::Tensor storage = at::empty({static_cast<int64_t>(layout.get_size())}, at::kByte);
    return {storage, memory(layout, cpuEngine(), storage.data_ptr())};
}

Buffer wrap(const at::Tensor& tensor) {
    return {tensor, memory(stridedLayout(tensor), cpuEngine(), tensor.data_ptr())};
}

Buffer inLayout(const at::Tensor& tensor, const memory::desc& layout, dnnl::stream& stream) {
    Buffer plain = wrap(tensor);
    if (plain.data.get_desc() == layout) return plain;
    Buffer copy = allocate(layout);
    dnnl::reorder(plain.data, copy.data).execute(stream, plain.data, copy.data);
    return copy;
}

void copyInto(memory from, const at::Tensor& to, dnnl::stream& stream) {
    memory plain(stridedLayout(to), cpuEngine(), to.data_ptr());
    dnnl::reorder(from, plain).execute(stream, from, plain);
}

}  // namespace tlw::onednn

#endif
