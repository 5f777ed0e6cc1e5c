#pragma once

// Core-internal (LibTorch): the steps every inference command shares between "a batch of decoded images"
// and "a backbone's output". Include only from core .cpp files.

#include <ATen/ATen.h>

#include "core/data/image_batch_loader.h"
#include "core/infer/compute_precision.h"
#include "core/models/backbone_module.h"

namespace tlw {

// eval() mode, the precision's dtype, and channels-last kernels: the CPU convolutions run fastest with
// channels-last weights and inputs.
void prepareForInference(BackboneModule& module, ComputePrecision precision);

// The batch as an N x 3 x H x W tensor in channels-last memory and the precision's dtype. A copy: the batch
// may be freed afterwards.
at::Tensor imageBatchTensor(const ImageBatch& batch, ComputePrecision precision);

}  // namespace tlw
