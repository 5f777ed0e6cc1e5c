#include "core/infer/batch_inference.h"

namespace tlw {
namespace {

at::ScalarType scalarType(ComputePrecision precision) {
    return precision == ComputePrecision::BFloat16 ? at::kBFloat16 : at::kFloat;
}

}  // namespace

void prepareForInference(BackboneModule& module, ComputePrecision precision) {
    module.eval();
    module.to(scalarType(precision));
    module.toChannelsLast();  // after to(): a dtype change need not keep the memory format
}

at::Tensor imageBatchTensor(const ImageBatch& batch, ComputePrecision precision) {
    const at::Tensor planar =
        at::from_blob(const_cast<float*>(batch.chw.data()),
                      {static_cast<int64_t>(batch.size()), 3, batch.height, batch.width}, at::kFloat);
    return planar.to(scalarType(precision), /*non_blocking=*/false, /*copy=*/true,
                     at::MemoryFormat::ChannelsLast);
}

}  // namespace tlw
