#pragma once

// Core-internal: Keras HDF5 weight files in and out of a BackboneModule. Include only from core .cpp files.

#include <torch/types.h>

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/models/backbone_module.h"

namespace tlw {

struct KerasLoadOptions {
    // Keras's load_weights(by_name=True): layers with weights in the file that the model lacks (the ImageNet
    // top when loading the full VGG16 file into the base) are skipped instead of being an error.
    bool ignoreExtraLayers = false;
};

// Reads a Keras weights file (root attribute layer_names, one group per layer, attribute weight_names
// listing the datasets in Keras's order: kernel, bias; depthwise_kernel; gamma, beta, moving_mean,
// moving_variance) into the module by weighted layer name (weightless layers, which differ between Keras
// versions, are neither needed nor checked): conv kernels HWIO -> OIHW, dense kernels
// (in, out) -> (out, in), and a Dense fed by a Flatten of an H x W x C map (VGG16's fc1) reordered from
// Keras's channels-last flatten to our NCHW one. Every layer name and shape is checked and everything is
// read before anything is copied: on any error the module keeps its weights. Marks the module pretrained.
// Throws tlw::Error "<file>: <first mismatch>".
void loadKerasWeights(BackboneModule& module, const std::filesystem::path& file,
                      const KerasLoadOptions& options = {});

// Checks names and shapes only (no data read), as loadKerasWeights would. Throws tlw::Error.
void checkKerasWeights(const BackboneModule& module, const std::filesystem::path& file,
                       const KerasLoadOptions& options = {});
// The same from the architecture alone: no module (and no 553 MB of parameters) is built.
void checkArchitectureWeights(const Architecture& architecture, const std::filesystem::path& file,
                              const KerasLoadOptions& options = {});

// Writes the module's weights exactly as Keras 2's model.save_weights("x.h5") lays them out: root attributes
// layer_names (every layer, weightless ones included), backend and keras_version; one group per layer with
// attribute weight_names ("<layer>/kernel:0", "<layer>/bias:0"; an empty array for weightless layers) and
// the datasets under those names, kernels channels-last. Atomic: a temporary file renamed over the target.
void saveKerasWeights(const BackboneModule& module, const std::filesystem::path& file);

// Seeded He-scaled initialisation (normal, std sqrt(2 / fan_in)) so activations neither vanish nor explode
// through the depth; biases small (normal, std 0.05). Same seed, same weights. Marks the module not
// pretrained.
void initializeHeScaled(BackboneModule& module, uint64_t seed);

// The layout conversions, one per direction. flattenedFrom is {H, W, C} when the Dense layer reads a
// Flatten of an H x W x C map, empty otherwise.
torch::Tensor convKernelFromKeras(const torch::Tensor& hwio);
torch::Tensor convKernelToKeras(const torch::Tensor& oihw);
torch::Tensor depthwiseKernelFromKeras(const torch::Tensor& hwcm);
torch::Tensor depthwiseKernelToKeras(const torch::Tensor& cmhw);
torch::Tensor denseKernelFromKeras(const torch::Tensor& inOut, const std::vector<int64_t>& flattenedFrom);
torch::Tensor denseKernelToKeras(const torch::Tensor& outIn, const std::vector<int64_t>& flattenedFrom);

}  // namespace tlw
