#include "core/infer/feature_extractor.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>

#include <system_error>

#include "core/data/image_batch_loader.h"
#include "core/data/image_inputs.h"
#include "core/dist/data_parallel.h"
#include "core/dist/process_group.h"
#include "core/infer/batch_inference.h"
#include "core/infer/npy_writer.h"
#include "core/models/architecture.h"
#include "core/models/backbone_loader.h"
#include "core/util/atomic_file.h"
#include "core/util/csv_field.h"
#include "core/util/error.h"
#include "core/util/tensor_memory.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

// Where in the base the features come from, and the shape of one image's features.
struct FeatureLayer {
    std::string name;
    int index = 0;
    std::vector<int64_t> itemShape;  // {C} pooled, {H, W, C} unpooled
};

FeatureLayer resolveLayer(const FeatureExtractionOptions& options) {
    const Architecture architecture = backboneArchitecture(options.backbone, false);
    FeatureLayer layer;
    layer.name = options.layer.empty() ? defaultFeatureLayer(options.backbone) : options.layer;
    layer.index = -1;
    std::string names;
    for (size_t i = 0; i < architecture.layers.size(); ++i) {
        names += (i ? ", " : "") + architecture.layers[i].name;
        if (architecture.layers[i].name == layer.name) layer.index = static_cast<int>(i);
    }
    if (layer.index < 0)
        throw Error(backboneDisplayName(options.backbone) + " has no layer '" + layer.name +
                    "'; its layers are " + names);
    // Keras notation (None, H, W, C); also rejects image sizes the base cannot take.
    const std::vector<LayerInfo> infos = inferLayerInfos(architecture, options.imageSize);
    const std::vector<int64_t>& keras = infos[static_cast<size_t>(layer.index)].outputShape;
    if (options.pooling == FeaturePooling::None)
        layer.itemShape.assign(keras.begin() + 1, keras.end());
    else
        layer.itemShape = {keras.back()};
    return layer;
}

void checkOutputPath(const fs::path& out) {
    if (out.extension() != ".npy") throw Error(out, "the features file must end in .npy");
    const fs::path folder = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    std::error_code error;
    if (!fs::is_directory(folder, error)) throw Error(out, "folder " + folder.string() + " does not exist");
}

std::string joinPaths(const std::vector<fs::path>& paths) {
    std::string text;
    for (const fs::path& path : paths) text += (text.empty() ? "" : ", ") + path.string();
    return text;
}

// NCHW activations (any memory format, any dtype) to the rows of the .npy file, float32 and contiguous.
at::Tensor toFeatureRows(const at::Tensor& activations, FeaturePooling pooling) {
    const at::Tensor values = activations.to(at::kFloat);  // pool in float32, whatever the compute precision
    switch (pooling) {
        case FeaturePooling::Average:
            return values.mean({2, 3}).contiguous();
        case FeaturePooling::Max:
            return values.amax({2, 3}).contiguous();
        case FeaturePooling::None:
            break;
    }
    // Channels last, as Keras hands out feature maps: (N, H, W, C).
    return values.permute({0, 2, 3, 1}).contiguous();
}

PreparedBackbone loadBackbone(const FeatureExtractionOptions& options) {
    BackboneRequest request;
    request.kind = options.backbone;
    request.weightsFile = options.weightsFile;
    request.environment = options.environment;
    request.download = options.download;
    request.allowRandomInit = options.allowRandomInit;
    PreparedBackbone prepared = prepareBackbone(request);
    prepareForInference(*prepared.module, options.precision);
    return prepared;
}

// This rank's images: a contiguous run of whole batches (rankShare over the batches), so that each image
// goes through the network in the same batch as in one process.
ItemRange rankImages(std::size_t images, std::size_t batchSize, const ProcessGroup& group) {
    const auto count = static_cast<int64_t>(images);
    const auto size = static_cast<int64_t>(batchSize);
    const ItemRange batches = rankShare((count + size - 1) / size, group.rank(), group.size());
    return {std::min(count, batches.begin * size), std::min(count, batches.end * size)};
}

// What one rank computed: its rows in order, their image indices, and its unreadable images.
struct RankRows {
    std::vector<at::Tensor> rows;
    std::vector<int64_t> indices;
    std::string failures;  // "index\treason\n" per image
};

at::Tensor bytesOf(const std::string& text) {
    return at::tensor(at::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()),
                      at::kByte);
}

std::string textOf(const at::Tensor& bytes) {
    const at::Tensor contiguous = bytes.contiguous();
    return std::string(reinterpret_cast<const char*>(contiguous.data_ptr<uint8_t>()),
                       static_cast<size_t>(contiguous.numel()));
}

// Rank 0's part after the gather: the unreadable images of every rank, in input order.
void addGatheredFailures(const std::string& failures, const ImageInputs& inputs,
                         FeatureExtractionResult& result) {
    std::size_t start = 0;
    while (start < failures.size()) {
        const std::size_t tab = failures.find('\t', start);
        const std::size_t end = failures.find('\n', tab);
        const auto index = static_cast<size_t>(std::stoll(failures.substr(start, tab - start)));
        result.skipped.push_back({inputs.images.at(index).file, failures.substr(tab + 1, end - tab - 1)});
        start = end + 1;
    }
}

FeatureExtractionResult extractFeaturesAcrossRanks(const FeatureExtractionOptions& options,
                                                   const FeatureLayer& layer, ImageInputs inputs,
                                                   ProcessGroup& group) {
    FeatureExtractionResult result;
    result.layer = layer.name;
    result.imagesFound = inputs.images.size();
    result.skipped = std::move(inputs.skipped);
    const PreparedBackbone backbone = loadBackbone(options);
    result.pretrained = backbone.module->pretrained();
    result.weightsNote = backbone.weightsNote;

    const ItemRange mine = rankImages(inputs.images.size(), options.batchSize, group);
    std::vector<fs::path> files;
    for (int64_t i = mine.begin; i < mine.end; ++i)
        files.push_back(inputs.images[static_cast<size_t>(i)].file);
    BatchLoaderOptions loading;
    loading.preprocess.width = options.imageSize.width;
    loading.preprocess.height = options.imageSize.height;
    loading.batchSize = options.batchSize;
    loading.threads = options.threads;
    ImageBatchLoader loader(std::move(files), loading);

    RankRows computed;
    {
        c10::InferenceMode inference;
        std::size_t done = 0;
        while (std::optional<ImageBatch> batch = loader.next()) {
            if (options.cancel && options.cancel->load())
                throw Error(options.out, "cancelled; nothing written");
            for (const ImageFailure& failure : batch->failures)
                computed.failures += std::to_string(mine.begin + static_cast<int64_t>(failure.index)) + "\t" +
                                     failure.reason + "\n";
            done += batch->size() + batch->failures.size();
            if (batch->size() > 0) {
                try {
                    const at::Tensor activations = backbone.module->forwardRange(
                        imageBatchTensor(*batch, options.precision), 0, layer.index + 1);
                    computed.rows.push_back(toFeatureRows(activations, options.pooling).contiguous());
                } catch (const c10::Error& e) {
                    throw Error(options.out,
                                std::string("computing features: ") + e.what_without_backtrace());
                }
                for (const std::size_t index : batch->indices)
                    computed.indices.push_back(mine.begin + static_cast<int64_t>(index));
            }
            if (options.progress) options.progress(done, static_cast<std::size_t>(mine.size()));
        }
    }
    std::vector<int64_t> emptyShape{0};
    emptyShape.insert(emptyShape.end(), layer.itemShape.begin(), layer.itemShape.end());
    const at::Tensor rows = group.allGatherRows(computed.rows.empty() ? at::empty(emptyShape, at::kFloat)
                                                                      : at::cat(computed.rows));
    const at::Tensor indices = group.allGatherRows(at::tensor(computed.indices, at::kLong));
    const std::string failures = textOf(group.allGatherRows(bytesOf(computed.failures)));

    result.shape = rows.sizes().vec();
    if (rows.size(0) == 0) return result;
    result.npyFile = options.out;
    result.csvFile = featureRowsCsvPath(options.out);
    if (group.rank() != 0) {
        result.writtenByRankZero = true;
        return result;
    }
    addGatheredFailures(failures, inputs, result);
    NpyFloat32Writer npy(options.out, layer.itemShape, static_cast<std::size_t>(rows.size(0)));
    AtomicFileWriter csv(result.csvFile);
    csv.write("index,file,label,subset\n");
    npy.append(rows.data_ptr<float>(), static_cast<std::size_t>(rows.size(0)));
    for (int64_t row = 0; row < indices.size(0); ++row) {
        const ImageInput& input = inputs.images.at(static_cast<size_t>(indices[row].item<int64_t>()));
        csv.write(std::to_string(row) + "," + csvField(input.file.u8string()) + "," + csvField(input.label) +
                  "," + input.subset + "\n");
    }
    npy.commit();
    csv.commit();
    return result;
}

}  // namespace

std::string featurePoolingId(FeaturePooling pooling) {
    switch (pooling) {
        case FeaturePooling::Average:
            return "avg";
        case FeaturePooling::Max:
            return "max";
        case FeaturePooling::None:
            break;
    }
    return "none";
}

FeaturePooling parseFeaturePooling(const std::string& text) {
    if (text == "avg" || text == "average") return FeaturePooling::Average;
    if (text == "max") return FeaturePooling::Max;
    if (text == "none") return FeaturePooling::None;
    throw Error("unknown pooling '" + text + "' (known: avg, max, none)");
}

std::string defaultFeatureLayer(BackboneKind kind) {
    // The base's last layer, but not a Dropout (SqueezeNet's drop9): features are taken at inference.
    const Architecture architecture = backboneArchitecture(kind, false);
    for (auto layer = architecture.layers.rbegin(); layer != architecture.layers.rend(); ++layer)
        if (layer->kind != LayerKind::Dropout) return layer->name;
    return architecture.layers.back().name;
}

fs::path featureRowsCsvPath(const fs::path& npyFile) {
    fs::path csv = npyFile;
    return csv.replace_extension(".csv");
}

FeatureExtractionResult extractFeatures(const FeatureExtractionOptions& options) {
    const TensorMemoryScope memory;
    // Everything that can be checked without weights and images is, so a typo fails in a second.
    const FeatureLayer layer = resolveLayer(options);
    checkOutputPath(options.out);
    ImageInputs inputs = collectImageInputs(options.inputs);
    if (inputs.images.empty()) throw Error("no image files in " + joinPaths(options.inputs));
    if (ProcessGroup* group = activeProcessGroup())
        return extractFeaturesAcrossRanks(options, layer, std::move(inputs), *group);

    FeatureExtractionResult result;
    result.layer = layer.name;
    result.imagesFound = inputs.images.size();
    result.skipped = std::move(inputs.skipped);
    NpyFloat32Writer npy(options.out, layer.itemShape, inputs.images.size());
    const fs::path csvPath = featureRowsCsvPath(options.out);
    AtomicFileWriter csv(csvPath);
    csv.write("index,file,label,subset\n");

    const PreparedBackbone backbone = loadBackbone(options);
    result.pretrained = backbone.module->pretrained();
    result.weightsNote = backbone.weightsNote;

    std::vector<fs::path> files;
    for (const ImageInput& input : inputs.images) files.push_back(input.file);
    BatchLoaderOptions loading;
    loading.preprocess.width = options.imageSize.width;
    loading.preprocess.height = options.imageSize.height;
    loading.batchSize = options.batchSize;
    loading.threads = options.threads;
    ImageBatchLoader loader(std::move(files), loading);

    // Inference mode is thread-local: it covers the forward passes below, on this thread.
    c10::InferenceMode inference;
    std::size_t done = 0;
    while (std::optional<ImageBatch> batch = loader.next()) {
        if (options.cancel && options.cancel->load()) throw Error(options.out, "cancelled; nothing written");
        for (const ImageFailure& failure : batch->failures)
            result.skipped.push_back({failure.path, failure.reason});
        done += batch->size() + batch->failures.size();
        if (batch->size() > 0) {
            at::Tensor rows;
            try {
                const at::Tensor activations = backbone.module->forwardRange(
                    imageBatchTensor(*batch, options.precision), 0, layer.index + 1);
                rows = toFeatureRows(activations, options.pooling);
            } catch (const c10::Error& e) {
                throw Error(options.out, std::string("computing features: ") + e.what_without_backtrace());
            }
            std::size_t row = npy.itemCount();
            npy.append(rows.data_ptr<float>(), batch->size());
            for (const std::size_t index : batch->indices) {
                const ImageInput& input = inputs.images[index];
                csv.write(std::to_string(row++) + "," + csvField(input.file.u8string()) + "," +
                          csvField(input.label) + "," + input.subset + "\n");
            }
        }
        if (options.progress) options.progress(done, inputs.images.size());
    }
    if (options.cancel && options.cancel->load()) throw Error(options.out, "cancelled; nothing written");

    result.shape = npy.shape();
    if (npy.itemCount() == 0) return result;  // the writers' destructors remove their temporary files
    npy.commit();
    csv.commit();
    result.npyFile = options.out;
    result.csvFile = csvPath;
    return result;
}

}  // namespace tlw
