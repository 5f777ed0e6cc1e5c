#include "core/infer/imagenet_predictor.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include "core/data/image_batch_loader.h"
#include "core/data/image_inputs.h"
#include "core/infer/batch_inference.h"
#include "core/models/backbone_loader.h"
#include "core/util/error.h"
#include "core/util/tensor_memory.h"

namespace tlw {

ImageNetPredictionResult predictImageNetClasses(const ImageNetPredictionOptions& options) {
    const TensorMemoryScope memory;
    if (options.topK < 1 || options.topK > kImageNetClassCount)
        throw Error("top-k must be between 1 and 1000, got " + std::to_string(options.topK));
    ImageNetPredictionResult result;
    ImageInputs inputs = collectImageInputs(options.inputs);
    result.skipped = std::move(inputs.skipped);
    if (inputs.images.empty()) {
        std::string paths;
        for (const std::filesystem::path& path : options.inputs)
            paths += (paths.empty() ? "" : ", ") + path.string();
        throw Error("no image files in " + paths);
    }

    BackboneRequest request;
    request.kind = BackboneKind::Vgg16;
    request.includeTop = true;
    request.weightsFile = options.weightsFile;
    request.environment = options.environment;
    request.download = options.download;
    const PreparedBackbone backbone = prepareBackbone(request);
    result.weightsNote = backbone.weightsNote;
    prepareForInference(*backbone.module, options.precision);

    std::vector<std::filesystem::path> files;
    for (const ImageInput& input : inputs.images) files.push_back(input.file);
    BatchLoaderOptions loading;
    loading.preprocess.width = kTopInputSize.width;
    loading.preprocess.height = kTopInputSize.height;
    loading.batchSize = options.batchSize;
    loading.threads = options.threads;
    ImageBatchLoader loader(files, loading);

    c10::InferenceMode inference;  // thread-local: covers the forward passes below
    while (std::optional<ImageBatch> batch = loader.next()) {
        for (const ImageFailure& failure : batch->failures)
            result.skipped.push_back({failure.path, failure.reason});
        if (batch->size() == 0) continue;
        // VGG16's predictions layer ends in a softmax: these are probabilities.
        const at::Tensor probabilities =
            backbone.module->forward(imageBatchTensor(*batch, options.precision)).to(at::kFloat).contiguous();
        for (std::size_t i = 0; i < batch->size(); ++i) {
            const float* row = probabilities.data_ptr<float>() + i * kImageNetClassCount;
            result.images.push_back(
                {files[batch->indices[i]],
                 topImageNetPredictions(std::vector<float>(row, row + kImageNetClassCount), options.topK)});
        }
    }
    return result;
}

}  // namespace tlw
