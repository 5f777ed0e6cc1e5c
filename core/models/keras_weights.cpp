#include "core/models/keras_weights.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <torch/csrc/autograd/grad_mode.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <set>

#include "core/io/hdf5_file.h"
#include "core/models/keras_weights_file.h"
#include "core/util/error.h"
#include "core/util/temporary_file.h"

namespace tlw {
namespace {

// One Keras weight (kernel, bias, gamma, ...) of one layer and the module tensor it maps to.
struct WeightSlot {
    std::string role;  // Keras's weight name: "kernel", "bias", "depthwise_kernel", "gamma", "moving_mean"...
    torch::Tensor parameter;
    std::vector<int64_t> kerasShape;
    LayerKind layerKind = LayerKind::Conv2D;
    std::vector<int64_t> flattenedFrom;  // Dense after Flatten: {H, W, C}
    bool integer = false;                // stored as a 64-bit integer (Normalization's count)
};

struct LayerSlots {
    std::string name;
    std::vector<WeightSlot> weights;
};

bool hasKerasWeights(LayerKind kind) {
    return kind == LayerKind::Conv2D || kind == LayerKind::DepthwiseConv2D || kind == LayerKind::Dense ||
           kind == LayerKind::BatchNormalization || kind == LayerKind::Normalization;
}

// A layer's Keras weights, in Keras's order (that of BackboneModule::layerWeights), without tensors.
std::vector<WeightSlot> kerasSlotsOf(const Architecture& architecture, const std::vector<LayerInfo>& infos,
                                     const LayerSpec& layer) {
    const std::vector<int64_t>& in = infos[static_cast<size_t>(layer.inbound.at(0))].outputShape;
    const int64_t k = layer.kernel;
    std::vector<WeightSlot> slots;
    const auto add = [&](const std::string& role, std::vector<int64_t> shape) {
        slots.push_back(WeightSlot{role, {}, std::move(shape), layer.kind, {}});
    };
    switch (layer.kind) {
        case LayerKind::Conv2D:
            add("kernel", {k, k, in.at(3), layer.units});
            if (layer.useBias) add("bias", {layer.units});
            break;
        case LayerKind::DepthwiseConv2D:
            add("depthwise_kernel", {k, k, in.at(3), 1});
            if (layer.useBias) add("bias", {in.at(3)});
            break;
        case LayerKind::BatchNormalization:
            for (const char* role : {"gamma", "beta", "moving_mean", "moving_variance"})
                add(role, {in.at(3)});
            break;
        case LayerKind::Normalization:
            add("mean", {in.at(3)});
            add("variance", {in.at(3)});
            add("count", {});
            slots.back().integer = true;
            break;
        case LayerKind::Dense: {
            add("kernel", {in.at(1), layer.units});
            const LayerSpec& source = architecture.layers[static_cast<size_t>(layer.inbound.at(0))];
            if (source.kind == LayerKind::Flatten) {
                const std::vector<int64_t>& map =
                    infos[static_cast<size_t>(source.inbound.at(0))].outputShape;
                if (map.size() == 4)
                    slots.back().flattenedFrom = std::vector<int64_t>{map[1], map[2], map[3]};
            }
            add("bias", {layer.units});
            break;
        }
        default:
            break;
    }
    return slots;
}

// The Keras weights of an architecture with their shapes, from the layer list alone; the module's
// tensors are attached when a module is given (a file check needs none, so builds none).
std::vector<LayerSlots> weightSlots(const Architecture& architecture, const BackboneModule* module) {
    const std::vector<LayerInfo> infos = inferLayerInfos(architecture, architecture.nominalInputSize);
    std::vector<LayerSlots> slots;
    for (size_t index = 0; index < architecture.layers.size(); ++index) {
        const LayerSpec& layer = architecture.layers[index];
        if (!hasKerasWeights(layer.kind)) continue;
        LayerSlots layerSlots{layer.name, kerasSlotsOf(architecture, infos, layer)};
        if (module != nullptr) {
            const auto tensors = module->layerWeights(static_cast<int>(index));
            if (tensors.size() != layerSlots.weights.size())
                throw Error(layer.name + ": the module has " + std::to_string(tensors.size()) +
                            " weights, Keras " + std::to_string(layerSlots.weights.size()));
            for (size_t i = 0; i < tensors.size(); ++i) layerSlots.weights[i].parameter = tensors[i].second;
        }
        slots.push_back(std::move(layerSlots));
    }
    return slots;
}

std::vector<LayerSlots> weightSlots(const BackboneModule& module) {
    return weightSlots(module.architecture(), &module);
}

bool isKernel(const WeightSlot& slot) { return slot.role == "kernel" || slot.role == "depthwise_kernel"; }

torch::Tensor fromKeras(const WeightSlot& slot, const torch::Tensor& keras) {
    if (!isKernel(slot)) return keras;
    if (slot.layerKind == LayerKind::Conv2D) return convKernelFromKeras(keras);
    if (slot.layerKind == LayerKind::DepthwiseConv2D) return depthwiseKernelFromKeras(keras);
    return denseKernelFromKeras(keras, slot.flattenedFrom);
}

torch::Tensor toKeras(const WeightSlot& slot, const torch::Tensor& parameter) {
    const torch::Tensor cpu = parameter.detach().to(at::kCPU, at::kFloat);
    if (!isKernel(slot)) return cpu.contiguous();
    if (slot.layerKind == LayerKind::Conv2D) return convKernelToKeras(cpu);
    if (slot.layerKind == LayerKind::DepthwiseConv2D) return depthwiseKernelToKeras(cpu);
    return denseKernelToKeras(cpu, slot.flattenedFrom);
}

// Keras splits attributes over 64 KiB into name0, name1, ...; accept either form.
bool hasKerasStringList(hid_t object, const std::string& name) {
    return h5::hasAttribute(object, name) || h5::hasAttribute(object, name + "0");
}

std::vector<std::string> readKerasStringList(hid_t object, const std::string& name) {
    if (h5::hasAttribute(object, name)) return h5::readStringListAttribute(object, name);
    std::vector<std::string> values;
    for (int chunk = 0; h5::hasAttribute(object, name + std::to_string(chunk)); ++chunk) {
        const std::vector<std::string> part =
            h5::readStringListAttribute(object, name + std::to_string(chunk));
        values.insert(values.end(), part.begin(), part.end());
    }
    return values;
}

// The group holding layer_names: the file root for model.save_weights(), "model_weights" for model.save().
h5::Handle kerasWeightsRoot(hid_t file, const std::filesystem::path& path) {
    if (hasKerasStringList(file, "layer_names")) return h5::openGroup(file, "/");
    if (h5::pathExists(file, "model_weights")) {
        h5::Handle group = h5::openGroup(file, "model_weights");
        if (hasKerasStringList(group.get(), "layer_names")) return group;
    }
    throw Error(path, "no 'layer_names' attribute: not a Keras weights file");
}

std::string rolesText(const LayerSlots& layer) {
    std::string text;
    for (const WeightSlot& slot : layer.weights) text += (text.empty() ? "" : ", ") + slot.role;
    return text;
}

struct PlannedRead {
    const WeightSlot* slot = nullptr;
    std::string layer;
    std::string datasetName;
    h5::Handle dataset;
};

// Opens every dataset the module needs and checks names and shapes; reads no data.
std::vector<PlannedRead> planReads(const std::vector<LayerSlots>& slots, hid_t root,
                                   const std::string& modelName, const std::filesystem::path& path,
                                   const KerasLoadOptions& options) {
    const std::vector<std::string> layerNames = readKerasStringList(root, "layer_names");
    const std::set<std::string> inFile(layerNames.begin(), layerNames.end());
    std::set<std::string> inModel;
    std::vector<PlannedRead> reads;
    for (const LayerSlots& layer : slots) {
        inModel.insert(layer.name);
        if (inFile.count(layer.name) == 0 || !h5::pathExists(root, layer.name))
            throw Error(path, "layer '" + layer.name + "' is missing from the file");
        const h5::Handle group = h5::openGroup(root, layer.name);
        if (!hasKerasStringList(group.get(), "weight_names"))
            throw Error(path, layer.name + ": no 'weight_names' attribute");
        const std::vector<std::string> weightNames = readKerasStringList(group.get(), "weight_names");
        if (weightNames.size() != layer.weights.size()) {
            throw Error(path, layer.name + ": " + std::to_string(weightNames.size()) +
                                  " weights in the file, expected " + std::to_string(layer.weights.size()) +
                                  " (" + rolesText(layer) + ")");
        }
        for (size_t i = 0; i < weightNames.size(); ++i) {
            const WeightSlot& slot = layer.weights[i];
            if (!h5::pathExists(group.get(), weightNames[i])) {
                throw Error(path, layer.name + ": " + slot.role + " dataset '" + weightNames[i] +
                                      "' listed in weight_names is missing");
            }
            h5::Handle dataset = h5::openDataset(group.get(), weightNames[i]);
            const std::vector<int64_t> shape = h5::datasetShape(dataset.get());
            if (shape != slot.kerasShape) {
                throw Error(path, layer.name + ": " + slot.role + " " + h5::shapeText(shape) + ", expected " +
                                      h5::shapeText(slot.kerasShape));
            }
            const bool numeric =
                h5::datasetIsFloat(dataset.get()) || (slot.integer && h5::datasetIsInteger(dataset.get()));
            if (!numeric)
                throw Error(path, layer.name + ": " + slot.role + " '" + weightNames[i] + "' is not " +
                                      (slot.integer ? "a number" : "floating point"));
            reads.push_back(PlannedRead{&slot, layer.name, weightNames[i], std::move(dataset)});
        }
    }
    if (!options.ignoreExtraLayers) {
        for (const std::string& name : layerNames) {
            if (inModel.count(name) > 0 || !h5::pathExists(root, name)) continue;
            const h5::Handle group = h5::openGroup(root, name);
            if (hasKerasStringList(group.get(), "weight_names") &&
                !readKerasStringList(group.get(), "weight_names").empty()) {
                throw Error(
                    path,
                    "layer '" + name + "' has weights but the " + modelName +
                        " model has no such layer (a file for another model, or with the ImageNet top?)");
            }
        }
    }
    return reads;
}

// A temporary beside the target (core/util/temporary_file.h), removed unless released. HDF5 locks the file
// itself while it writes (flock, which our own lock would refuse), so ours is let go for that time and taken
// again, until after the rename, once HDF5 has closed it.
class TemporaryPath {
public:
    explicit TemporaryPath(const std::filesystem::path& target) : m_temporary(createTemporaryBeside(target)) {
        unlock();
    }
    ~TemporaryPath() {
        if (!m_temporary.path.empty()) ::unlink(m_temporary.path.c_str());
        unlock();
    }
    TemporaryPath(const TemporaryPath&) = delete;
    TemporaryPath& operator=(const TemporaryPath&) = delete;
    const std::filesystem::path& path() const { return m_temporary.path; }
    void lock() {
        m_temporary.fd = ::open(m_temporary.path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_temporary.fd >= 0) ::flock(m_temporary.fd, LOCK_EX | LOCK_NB);
    }
    void release() { m_temporary.path.clear(); }

private:
    void unlock() {
        if (m_temporary.fd >= 0) ::close(m_temporary.fd);
        m_temporary.fd = -1;
    }

    LockedTemporary m_temporary;
};

void syncFile(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(path, describeErrno("cannot reopen to flush", errno));
    const int status = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (status != 0) throw Error(path, describeErrno("cannot flush to disk", error));
}

}  // namespace

torch::Tensor convKernelFromKeras(const torch::Tensor& hwio) {
    return hwio.permute({3, 2, 0, 1}).contiguous();
}

torch::Tensor convKernelToKeras(const torch::Tensor& oihw) { return oihw.permute({2, 3, 1, 0}).contiguous(); }

// Keras (kh, kw, channels, multiplier 1) <-> LibTorch's grouped (channels, 1, kh, kw): the same swap.
torch::Tensor depthwiseKernelFromKeras(const torch::Tensor& hwcm) {
    return hwcm.permute({2, 3, 0, 1}).contiguous();
}
torch::Tensor depthwiseKernelToKeras(const torch::Tensor& cmhw) {
    return cmhw.permute({2, 3, 0, 1}).contiguous();
}

torch::Tensor denseKernelFromKeras(const torch::Tensor& inOut, const std::vector<int64_t>& flattenedFrom) {
    if (flattenedFrom.size() != 3) return inOut.t().contiguous();
    // Keras flattened an H x W x C map as index (h * W + w) * C + c; we flatten C x H x W as (c * H + h) * W
    // + w.
    const int64_t outputs = inOut.size(1);
    return inOut.reshape({flattenedFrom[0], flattenedFrom[1], flattenedFrom[2], outputs})
        .permute({3, 2, 0, 1})
        .reshape({outputs, inOut.size(0)})
        .contiguous();
}

torch::Tensor denseKernelToKeras(const torch::Tensor& outIn, const std::vector<int64_t>& flattenedFrom) {
    if (flattenedFrom.size() != 3) return outIn.t().contiguous();
    const int64_t outputs = outIn.size(0);
    return outIn.reshape({outputs, flattenedFrom[2], flattenedFrom[0], flattenedFrom[1]})
        .permute({2, 3, 1, 0})
        .reshape({outIn.size(1), outputs})
        .contiguous();
}

void checkKerasWeights(const BackboneModule& module, const std::filesystem::path& file,
                       const KerasLoadOptions& options) {
    checkArchitectureWeights(module.architecture(), file, options);
}

void checkArchitectureWeights(const Architecture& architecture, const std::filesystem::path& file,
                              const KerasLoadOptions& options) {
    const h5::QuietErrors quiet;
    try {
        const h5::Handle handle = h5::openFileReadOnly(file);
        const h5::Handle root = kerasWeightsRoot(handle.get(), file);
        planReads(weightSlots(architecture, nullptr), root.get(), architecture.modelName, file, options);
    } catch (const h5::Hdf5Failure& e) {
        throw Error(file, e.what());
    }
}

void loadKerasWeights(BackboneModule& module, const std::filesystem::path& file,
                      const KerasLoadOptions& options) {
    const h5::QuietErrors quiet;
    const std::vector<LayerSlots> slots = weightSlots(module);
    std::vector<torch::Tensor> staged;
    std::vector<const WeightSlot*> targets;
    try {
        const h5::Handle handle = h5::openFileReadOnly(file);
        const h5::Handle root = kerasWeightsRoot(handle.get(), file);
        std::vector<PlannedRead> reads =
            planReads(slots, root.get(), module.architecture().modelName, file, options);
        for (PlannedRead& read : reads) {
            torch::Tensor keras = torch::empty(read.slot->kerasShape, at::kFloat);
            try {
                h5::readFloats(read.dataset.get(), keras.data_ptr<float>(),
                               static_cast<size_t>(keras.numel()));
            } catch (const h5::Hdf5Failure& e) {
                throw Error(file,
                            read.layer + ": " + read.slot->role + " '" + read.datasetName + "': " + e.what());
            }
            // A damaged file must not turn into all-NaN features behind exit status 0 (issue 18).
            if (!torch::isfinite(keras).all().item<bool>())
                throw Error(file, read.layer + ": " + read.slot->role + " '" + read.datasetName +
                                      "' holds NaN or infinite values: the file is damaged");
            staged.push_back(fromKeras(*read.slot, keras));
            targets.push_back(read.slot);
            read.dataset.reset();
        }
    } catch (const h5::Hdf5Failure& e) {
        throw Error(file, e.what());
    }
    // Everything is read and converted: only now touch the module, so a bad file never half-applies.
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < staged.size(); ++i) {
        torch::Tensor parameter = targets[i]->parameter;
        parameter.copy_(staged[i]);
    }
    module.setPretrained(true, file);
}

void saveKerasWeights(const BackboneModule& module, const std::filesystem::path& file) {
    const h5::QuietErrors quiet;
    const std::vector<LayerSlots> slots = weightSlots(module);
    TemporaryPath temporary(file);
    try {
        h5::Handle handle = h5::createFile(temporary.path());
        std::vector<std::string> layerNames;
        for (const LayerSpec& layer : module.architecture().layers) layerNames.push_back(layer.name);
        h5::writeStringListAttribute(handle.get(), "layer_names", layerNames);
        h5::writeStringAttribute(handle.get(), "backend", "tensorflow");
        h5::writeStringAttribute(handle.get(), "keras_version", "2.10.0");
        for (const LayerSpec& layer : module.architecture().layers) {
            const h5::Handle group = h5::createGroup(handle.get(), layer.name);
            const auto found = std::find_if(slots.begin(), slots.end(),
                                            [&layer](const LayerSlots& s) { return s.name == layer.name; });
            if (found == slots.end()) {
                h5::writeEmptyAttribute(group.get(), "weight_names");
                continue;
            }
            std::vector<std::string> weightNames;
            for (const WeightSlot& slot : found->weights)
                weightNames.push_back(layer.name + "/" + slot.role + ":0");
            h5::writeStringListAttribute(group.get(), "weight_names", weightNames);
            for (size_t i = 0; i < found->weights.size(); ++i) {
                const torch::Tensor keras = toKeras(found->weights[i], found->weights[i].parameter);
                if (found->weights[i].integer) {
                    h5::writeInt64ScalarDataset(group.get(), weightNames[i],
                                                static_cast<int64_t>(std::llround(keras.item<float>())));
                    continue;
                }
                h5::writeFloatDataset(group.get(), weightNames[i], found->weights[i].kerasShape,
                                      keras.data_ptr<float>());
            }
        }
        handle.reset();
    } catch (const h5::Hdf5Failure& e) {
        throw Error(file, e.what());
    }
    temporary.lock();
    syncFile(temporary.path());
    // mkstemp made it 0600; a saved file gets the usual permissions (0666 minus umask).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(temporary.path().c_str(), 0666 & ~mask);
    if (::rename(temporary.path().c_str(), file.c_str()) != 0)
        throw Error(file, describeErrno("cannot replace", errno));
    temporary.release();
}

void initializeHeScaled(BackboneModule& module, uint64_t seed) {
    at::Generator generator = at::detail::createCPUGenerator(seed);
    const auto uniform = [&generator](const torch::Tensor& like, double low, double high) {
        return at::rand(like.sizes(), generator, at::kFloat) * (high - low) + low;
    };
    torch::NoGradGuard noGrad;
    for (int index = 0; index < module.layerCount(); ++index) {
        for (auto& [name, tensor] : module.layerWeights(index)) {
            // BN: statistics near but not at 0 and 1, so a test notices if any of them is ignored.
            if (name == "count") continue;  // Normalization's sample count: no part of any output
            if (name == "running_mean" || name == "mean") {
                tensor.copy_(at::randn(tensor.sizes(), generator, at::kFloat) * 0.1);
            } else if (name == "running_var" || name == "variance" ||
                       (name == "weight" && tensor.dim() == 1)) {
                tensor.copy_(uniform(tensor, 0.5, 1.5));
            } else if (name == "weight") {
                const int64_t fanIn = tensor.numel() / tensor.size(0);
                const double scale = std::sqrt(2.0 / static_cast<double>(fanIn));
                tensor.copy_(at::randn(tensor.sizes(), generator, at::kFloat) * scale);
            } else {
                tensor.copy_(at::randn(tensor.sizes(), generator, at::kFloat) * 0.05);
            }
        }
    }
    module.setPretrained(false);
}

void writeRandomKerasWeightsFile(BackboneKind kind, bool includeTop, uint64_t seed,
                                 const std::filesystem::path& out) {
    const std::shared_ptr<BackboneModule> module = BackboneModule::create(kind, includeTop);
    initializeHeScaled(*module, seed);
    saveKerasWeights(*module, out);
}

void checkKerasWeightsFile(BackboneKind kind, bool includeTop, const std::filesystem::path& file) {
    checkArchitectureWeights(backboneArchitecture(kind, includeTop), file, KerasLoadOptions{});
}

void checkKerasWeightValues(BackboneKind kind, bool includeTop, const std::filesystem::path& file) {
    BackboneModule module(backboneArchitecture(kind, includeTop));
    loadKerasWeights(module, file);
}

}  // namespace tlw
