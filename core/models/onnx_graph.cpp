#include "core/models/onnx_graph.h"

#include <ATen/ATen.h>
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/data/preprocess.h"
#include "core/models/model_description_json.h"
#include "core/util/error.h"
#include "core/version_info.h"

namespace tlw {
namespace {

using Shape = std::vector<int64_t>;

std::string exactNumber(double value) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
}

// Nodes, initializers and unique names of one onnx::GraphProto.
class GraphWriter {
public:
    explicit GraphWriter(onnx::GraphProto& graph) : m_graph(graph) {}

    // A float32 constant (initializer) with the given dims; the tensor is converted to float32 on the CPU.
    std::string constant(const std::string& name, const at::Tensor& values, const Shape& dims) {
        const at::Tensor data = values.detach().to(at::kCPU, at::kFloat).contiguous();
        int64_t count = 1;
        for (const int64_t dim : dims) count *= dim;
        if (data.numel() != count)
            throw Error(name + ": " + std::to_string(data.numel()) + " values for a constant of " +
                        std::to_string(count));
        onnx::TensorProto* tensor = m_graph.add_initializer();
        tensor->set_name(unique(name));
        tensor->set_data_type(onnx::TensorProto::FLOAT);
        for (const int64_t dim : dims) tensor->add_dims(dim);
        tensor->set_raw_data(data.data_ptr(), static_cast<size_t>(data.numel()) * sizeof(float));
        return tensor->name();
    }

    std::string int64Constant(const std::string& name, const std::vector<int64_t>& values) {
        onnx::TensorProto* tensor = m_graph.add_initializer();
        tensor->set_name(unique(name));
        tensor->set_data_type(onnx::TensorProto::INT64);
        tensor->add_dims(static_cast<int64_t>(values.size()));
        for (const int64_t value : values) tensor->add_int64_data(value);
        return tensor->name();
    }

    std::string scalar(const std::string& name, float value) {
        return constant(name, at::tensor(std::vector<float>{value}), {});
    }

    // A node with one output, named after `name`; returns the output's name.
    onnx::NodeProto& node(const std::string& opType, const std::vector<std::string>& inputs,
                          const std::string& name) {
        onnx::NodeProto* node = m_graph.add_node();
        node->set_op_type(opType);
        node->set_name(unique(name));
        for (const std::string& input : inputs) node->add_input(input);
        node->add_output(node->name());
        return *node;
    }
    std::string op(const std::string& opType, const std::vector<std::string>& inputs,
                   const std::string& name) {
        return node(opType, inputs, name).output(0);
    }

    static void ints(onnx::NodeProto& node, const std::string& name, const std::vector<int64_t>& values) {
        onnx::AttributeProto* attribute = node.add_attribute();
        attribute->set_name(name);
        attribute->set_type(onnx::AttributeProto::INTS);
        for (const int64_t value : values) attribute->add_ints(value);
    }
    static void real(onnx::NodeProto& node, const std::string& name, float value) {
        onnx::AttributeProto* attribute = node.add_attribute();
        attribute->set_name(name);
        attribute->set_type(onnx::AttributeProto::FLOAT);
        attribute->set_f(value);
    }
    static void integer(onnx::NodeProto& node, const std::string& name, int64_t value) {
        onnx::AttributeProto* attribute = node.add_attribute();
        attribute->set_name(name);
        attribute->set_type(onnx::AttributeProto::INT);
        attribute->set_i(value);
    }

    // Renames a node's output (the graph's output must carry its contract's name).
    void renameLastOutput(const std::string& name) { m_graph.mutable_node()->rbegin()->set_output(0, name); }

private:
    // Keras names hold '/' and repeat across the layers we split into several nodes: make each name unique.
    std::string unique(const std::string& base) {
        const int count = m_used[base]++;
        return count == 0 ? base : base + "_" + std::to_string(count);
    }

    onnx::GraphProto& m_graph;
    std::map<std::string, int> m_used;
};

struct FoldedConvolution {
    at::Tensor weight;  // OIHW (depthwise: C x 1 x k x k), double
    at::Tensor bias;    // O, double
};

// BatchNormalization after a convolution, folded into it: w' = w * s, b' = (b - mean) * s + beta with
// s = gamma / sqrt(variance + epsilon), computed in double so the fold adds no float rounding of its own.
FoldedConvolution foldBatchNorm(FoldedConvolution conv, const std::map<std::string, at::Tensor>& weights,
                                const LayerSpec& norm) {
    const auto get = [&](const std::string& suffix) {
        return weights.at(norm.name + suffix).to(at::kDouble);
    };
    const at::Tensor scale = get(".weight") / at::sqrt(get(".running_var") + norm.epsilon);
    conv.weight = conv.weight * scale.reshape({-1, 1, 1, 1});
    conv.bias = (conv.bias - get(".running_mean")) * scale + get(".bias");
    return conv;
}

class OnnxGraphBuilder {
public:
    OnnxGraphBuilder(onnx::GraphProto& graph, const ClassifierModule& module, ImageSize inputSize)
        : m_writer(graph),
          m_architecture(module.backbone().architecture()),
          m_backboneEnd(module.backboneEnd()),
          m_head(module.head()),
          m_infos(inferLayerInfos(m_architecture, inputSize)),
          m_output(m_architecture.layers.size()) {
        for (const auto& [name, tensor] : module.namedWeights()) m_weights[name] = tensor;
        m_consumers.resize(m_architecture.layers.size());
        for (int index = 0; index < m_backboneEnd; ++index)
            for (const int from : layer(index).inbound)
                m_consumers[static_cast<size_t>(from)].push_back(index);
    }

    // The whole graph from the NHWC input's name to the probabilities' name.
    void build(const std::string& image, double temperature) {
        m_output[0] = preprocess(image);
        for (int index = 1; index < m_backboneEnd; ++index)
            m_output[static_cast<size_t>(index)] = emit(index);
        head(temperature);
    }

private:
    const LayerSpec& layer(int index) const { return m_architecture.layers[static_cast<size_t>(index)]; }
    const std::string& input(const LayerSpec& spec, size_t which = 0) const {
        return m_output[static_cast<size_t>(spec.inbound.at(which))];
    }
    // Channels-last shape of what flows into the layer (Keras's, batch -1).
    const Shape& inShape(const LayerSpec& spec) const {
        return m_infos[static_cast<size_t>(spec.inbound.front())].outputShape;
    }
    bool onlyConsumerIs(int producer, LayerKind kind) const {
        const std::vector<int>& consumers = m_consumers[static_cast<size_t>(producer)];
        return consumers.size() == 1 && layer(consumers.front()).kind == kind;
    }
    // Whether a layer's one consumer is a convolution with "valid" padding, whose pads can take its zeros.
    bool feedsValidConvolution(int producer) const {
        const bool convolution = onlyConsumerIs(producer, LayerKind::Conv2D) ||
                                 onlyConsumerIs(producer, LayerKind::DepthwiseConv2D);
        return convolution &&
               layer(m_consumers[static_cast<size_t>(producer)].front()).padding == Padding::Valid;
    }

    // NHWC 0..255 RGB -> NCHW -> what the backbone's first layer expects, as a 1x1 convolution: the channel
    // swap and per-channel offsets of "caffe", or the scaling of "tf". One Conv is the operator every
    // runtime reads, where Gather or Slice for the channel swap are not.
    std::string preprocess(const std::string& image) {
        onnx::NodeProto& transpose = m_writer.node("Transpose", {image}, "nchw");
        GraphWriter::ints(transpose, "perm", {0, 3, 1, 2});
        const std::string nchw = transpose.output(0);
        at::Tensor weight = at::zeros({3, 3, 1, 1}, at::kDouble);
        at::Tensor bias = at::zeros({3}, at::kDouble);
        switch (m_architecture.preprocessing) {
            case Preprocessing::None:  // EfficientNet normalises RGB 0..255 in its own layers
                return nchw;
            case Preprocessing::Tf:  // RGB / 127.5 - 1
                for (int c = 0; c < 3; ++c) weight[c][c][0][0] = 1.0 / 127.5;
                bias.fill_(-1.0);
                break;
            case Preprocessing::Caffe:  // RGB -> BGR, minus the ImageNet means
                for (int c = 0; c < 3; ++c) {
                    weight[c][2 - c][0][0] = 1.0;
                    bias[c] = -static_cast<double>(kCaffeMeanBgr[c]);
                }
                break;
        }
        onnx::NodeProto& node =
            m_writer.node("Conv",
                          {nchw, m_writer.constant("preprocess.weight", weight, {3, 3, 1, 1}),
                           m_writer.constant("preprocess.bias", bias, {3})},
                          "preprocess_" + preprocessingId(m_architecture.preprocessing));
        GraphWriter::ints(node, "kernel_shape", {1, 1});  // optional in ONNX, required by OpenCV 4.6
        return node.output(0);
    }

    std::string emit(int index) {
        const LayerSpec& spec = layer(index);
        switch (spec.kind) {
            case LayerKind::Input:
                return m_output[0];
            case LayerKind::Conv2D:
            case LayerKind::DepthwiseConv2D:
                return convolution(index);
            case LayerKind::BatchNormalization:
                if (m_folded.count(index)) return input(spec);
                return batchNorm(spec);
            case LayerKind::ZeroPadding2D:
                return zeroPadding(index);
            case LayerKind::ReLU:
                return relu(spec);
            case LayerKind::MaxPooling2D:
                return maxPool(spec);
            case LayerKind::Activation:
                return activate(spec.activation, input(spec), spec.name);
            case LayerKind::Add: {
                std::string sum = input(spec, 0);
                for (size_t i = 1; i < spec.inbound.size(); ++i)
                    sum = m_writer.op("Add", {sum, input(spec, i)}, spec.name);
                return sum;
            }
            case LayerKind::Concatenate: {
                std::vector<std::string> inputs;
                for (size_t i = 0; i < spec.inbound.size(); ++i) inputs.push_back(input(spec, i));
                onnx::NodeProto& node = m_writer.node("Concat", inputs, spec.name);
                GraphWriter::integer(node, "axis", 1);
                return node.output(0);
            }
            case LayerKind::Dropout:  // identity at inference
                return input(spec);
            case LayerKind::Rescaling:
                return rescale(spec);
            case LayerKind::Normalization:
                return normalize(spec);
            case LayerKind::GlobalAveragePooling2D:
                // N x C x 1 x 1: what a following Reshape to (1, 1, C) wants as it is; flattened where a 2-D
                // consumer (Dense, the head) needs it.
                m_keptFourDimensional.insert(index);
                return m_writer.op("GlobalAveragePool", {input(spec)}, spec.name);
            case LayerKind::Reshape:
                if (m_keptFourDimensional.count(spec.inbound.front())) return input(spec);
                return m_writer.op("Reshape",
                                   {input(spec), m_writer.int64Constant(spec.name + ".shape",
                                                                        {-1, inShape(spec).back(), 1, 1})},
                                   spec.name);
            case LayerKind::Multiply:
                return excite(spec);
            case LayerKind::Flatten:
                return flatten(input(spec), spec.name);
            case LayerKind::Dense:
                return dense(spec);
        }
        throw Error(spec.name + ": a " + kerasTypeName(spec.kind) + " layer cannot be exported to ONNX");
    }

    std::string activate(Activation activation, const std::string& x, const std::string& name) {
        switch (activation) {
            case Activation::Linear:
                return x;
            case Activation::Relu:
                return m_writer.op("Relu", {x}, name + "_relu");
            case Activation::Sigmoid:
                return m_writer.op("Sigmoid", {x}, name + "_sigmoid");
            case Activation::Swish:  // x * sigmoid(x): opset 10 has no Swish/SiLU operator
                return m_writer.op("Mul", {x, m_writer.op("Sigmoid", {x}, name + "_sigmoid")},
                                   name + "_swish");
            case Activation::Softmax: {
                onnx::NodeProto& node = m_writer.node("Softmax", {x}, name + "_softmax");
                GraphWriter::integer(node, "axis", 1);
                return node.output(0);
            }
        }
        throw Error(name + ": activation cannot be exported to ONNX");
    }

    std::string convolution(int index) {
        const LayerSpec& spec = layer(index);
        const Shape& in = inShape(spec);
        FoldedConvolution conv;
        conv.weight = m_weights.at(spec.name + ".weight").to(at::kDouble);
        conv.bias = spec.useBias ? m_weights.at(spec.name + ".bias").to(at::kDouble)
                                 : at::zeros({conv.weight.size(0)}, at::kDouble);
        std::string output = spec.name;
        const bool foldNorm =
            spec.activation == Activation::Linear && onlyConsumerIs(index, LayerKind::BatchNormalization);
        if (foldNorm) {
            const int norm = m_consumers[static_cast<size_t>(index)].front();
            conv = foldBatchNorm(conv, m_weights, layer(norm));
            m_folded.insert(norm);
            output = layer(norm).name;
        }
        // Padding: a ZeroPadding2D right before (folded into the pads, the same zeros), TensorFlow's "same"
        // (the odd pixel bottom and right), or none.
        std::vector<int64_t> pads{0, 0, 0, 0};  // top, left, bottom, right
        std::string x = input(spec);
        const auto padded = m_foldedPadding.find(spec.inbound.front());
        if (padded != m_foldedPadding.end()) {
            pads = padded->second;
        } else if (spec.padding == Padding::Same) {
            const SidePadding rows = tfSamePadding(in.at(1), spec.kernel, spec.stride);
            const SidePadding columns = tfSamePadding(in.at(2), spec.kernel, spec.stride);
            pads = {rows.before, columns.before, rows.after, columns.after};
        }
        const std::string weight =
            m_writer.constant(output + ".weight", conv.weight, conv.weight.sizes().vec());
        const std::string bias = m_writer.constant(output + ".bias", conv.bias, {conv.weight.size(0)});
        onnx::NodeProto& node = m_writer.node("Conv", {x, weight, bias}, output);
        GraphWriter::ints(node, "kernel_shape", {spec.kernel, spec.kernel});
        GraphWriter::ints(node, "strides", {spec.stride, spec.stride});
        GraphWriter::ints(node, "pads", pads);
        if (spec.kind == LayerKind::DepthwiseConv2D) GraphWriter::integer(node, "group", in.at(3));
        return activate(spec.activation, node.output(0), spec.name);
    }

    std::string batchNorm(const LayerSpec& spec) {
        const auto get = [&](const std::string& suffix, const std::string& onnxName) {
            const at::Tensor& tensor = m_weights.at(spec.name + suffix);
            return m_writer.constant(spec.name + "." + onnxName, tensor, {tensor.size(0)});
        };
        onnx::NodeProto& node = m_writer.node("BatchNormalization",
                                              {input(spec), get(".weight", "scale"), get(".bias", "B"),
                                               get(".running_mean", "mean"), get(".running_var", "var")},
                                              spec.name);
        GraphWriter::real(node, "epsilon", static_cast<float>(spec.epsilon));
        return node.output(0);
    }

    std::string zeroPadding(int index) {
        const LayerSpec& spec = layer(index);
        const Shape& in = inShape(spec);
        const ZeroPaddingSides pad = zeroPaddingOf(spec, in.at(1), in.at(2));
        if (feedsValidConvolution(index)) {
            // Zeros that the next convolution's own pads add just the same: one operator fewer.
            m_foldedPadding[index] = {pad.top, pad.left, pad.bottom, pad.right};
            return input(spec);
        }
        onnx::NodeProto& node = m_writer.node("Pad", {input(spec)}, spec.name);  // mode "constant", value 0
        GraphWriter::ints(node, "pads", {0, 0, pad.top, pad.left, 0, 0, pad.bottom, pad.right});
        return node.output(0);
    }

    std::string relu(const LayerSpec& spec) {
        if (spec.maxValue <= 0) return m_writer.op("Relu", {input(spec)}, spec.name);
        // ReLU6: Clip with its bounds as attributes (opset 10; OpenCV 4.6 reads no other form).
        onnx::NodeProto& node = m_writer.node("Clip", {input(spec)}, spec.name);
        GraphWriter::real(node, "min", 0.0f);
        GraphWriter::real(node, "max", static_cast<float>(spec.maxValue));
        return node.output(0);
    }

    std::string maxPool(const LayerSpec& spec) {
        const Shape& in = inShape(spec);
        std::vector<int64_t> pads{0, 0, 0, 0};
        if (spec.padding == Padding::Same) {
            const SidePadding rows = tfSamePadding(in.at(1), spec.kernel, spec.stride);
            const SidePadding columns = tfSamePadding(in.at(2), spec.kernel, spec.stride);
            pads = {rows.before, columns.before, rows.after, columns.after};
        }
        onnx::NodeProto& node = m_writer.node("MaxPool", {input(spec)}, spec.name);
        GraphWriter::ints(node, "kernel_shape", {spec.kernel, spec.kernel});
        GraphWriter::ints(node, "strides", {spec.stride, spec.stride});
        GraphWriter::ints(node, "pads", pads);
        return node.output(0);
    }

    // x * scale + shift per channel, as a 1 x 1 depthwise convolution. OpenCV 4.6 applies a per-channel
    // constant of shape 1 x C x 1 x 1 in Mul, Sub or Div along the wrong axis and fails unless the batch has
    // C images; a convolution is read right by every runtime.
    std::string channelAffine(const std::string& x, const at::Tensor& scale, const at::Tensor& shift,
                              const std::string& name) {
        const int64_t channels = scale.numel();
        onnx::NodeProto& node =
            m_writer.node("Conv",
                          {x, m_writer.constant(name + ".weight", scale, {channels, 1, 1, 1}),
                           m_writer.constant(name + ".bias", shift, {channels})},
                          name);
        GraphWriter::ints(node, "kernel_shape", {1, 1});
        GraphWriter::integer(node, "group", channels);
        return node.output(0);
    }

    std::string rescale(const LayerSpec& spec) {
        if (spec.scale.size() == 1)
            return m_writer.op(
                "Mul", {input(spec), m_writer.scalar(spec.name + ".scale", float(spec.scale[0]))}, spec.name);
        const at::Tensor factors = at::tensor(spec.scale, at::kDouble);
        return channelAffine(input(spec), factors, at::zeros_like(factors), spec.name);
    }

    // (x - mean) / max(sqrt(variance), 1e-7), as KerasNormalization computes it: x / d - mean / d, in double.
    std::string normalize(const LayerSpec& spec) {
        const at::Tensor mean = m_weights.at(spec.name + ".mean").to(at::kDouble);
        const at::Tensor deviation =
            at::clamp_min(at::sqrt(m_weights.at(spec.name + ".variance").to(at::kDouble)), 1e-7);
        return channelAffine(input(spec), 1.0 / deviation, -mean / deviation, spec.name);
    }

    // x (N x C x H x W) times s (N x C x 1 x 1), broadcast over rows and columns: squeeze-and-excitation.
    // OpenCV 4.6 multiplies by a tensor input only when it holds one factor per channel of one sample, and
    // fails for N > 1; folding the batch into the channels (1 x NC x H x W times 1 x NC x 1 x 1) and back is
    // the same product, which every runtime computes.
    std::string excite(const LayerSpec& spec) {
        const Shape& in = inShape(spec);  // channels last: -1, H, W, C
        const auto reshape = [&](const std::string& x, const std::vector<int64_t>& shape,
                                 const std::string& name) {
            return m_writer.op("Reshape", {x, m_writer.int64Constant(name + ".shape", shape)}, name);
        };
        const std::string x =
            reshape(input(spec, 0), {1, -1, in.at(1), in.at(2)}, spec.name + "_batch_in_channels");
        const std::string scale =
            reshape(input(spec, 1), {1, -1, 1, 1}, spec.name + "_scale_batch_in_channels");
        return reshape(m_writer.op("Mul", {x, scale}, spec.name + "_product"),
                       {-1, in.at(3), in.at(1), in.at(2)}, spec.name);
    }

    std::string flatten(const std::string& x, const std::string& name) {
        onnx::NodeProto& node = m_writer.node("Flatten", {x}, name);
        GraphWriter::integer(node, "axis", 1);
        return node.output(0);
    }

    // A 2-D view of a layer's output: global pooling's N x C x 1 x 1 flattened.
    std::string twoDimensional(int index) {
        const std::string& x = m_output[static_cast<size_t>(index)];
        return m_keptFourDimensional.count(index) ? flatten(x, layer(index).name + "_flat") : x;
    }

    std::string gemm(const std::string& x, const at::Tensor& weight, const at::Tensor& bias,
                     const std::string& name) {
        onnx::NodeProto& node =
            m_writer.node("Gemm",
                          {x, m_writer.constant(name + ".weight", weight, weight.sizes().vec()),
                           m_writer.constant(name + ".bias", bias, {bias.size(0)})},
                          name);
        GraphWriter::integer(node, "transB", 1);  // LibTorch's Linear weight is out x in
        return node.output(0);
    }

    std::string dense(const LayerSpec& spec) {
        const std::string x = twoDimensional(spec.inbound.front());
        return activate(
            spec.activation,
            gemm(x, m_weights.at(spec.name + ".weight"), m_weights.at(spec.name + ".bias"), spec.name),
            spec.name);
    }

    // GlobalAveragePooling2D (unless the ImageNet top ends in fc2) -> [Normalization] -> Dense -> / T ->
    // softmax, or for two classes [sigmoid(-z / T), sigmoid(z / T)] as ClassifierModule::probabilities.
    void head(double temperature) {
        const int last = m_backboneEnd - 1;
        std::string features =
            m_head.imageNetTop
                ? twoDimensional(last)
                : flatten(m_writer.op("GlobalAveragePool", {m_output[static_cast<size_t>(last)]},
                                      "head/global_average_pooling2d"),
                          "head/flatten");
        at::Tensor weight = m_weights.at("head/dense.weight").to(at::kDouble);
        at::Tensor bias = m_weights.at("head/dense.bias").to(at::kDouble);
        if (m_head.normalizeFeatures) {
            // W ((x - mean) / deviation) + b = (W / deviation) x + (b - W (mean / deviation)): folded in
            // double.
            const at::Tensor mean = m_weights.at("head/normalization.mean").to(at::kDouble);
            const at::Tensor deviation =
                at::clamp_min(at::sqrt(m_weights.at("head/normalization.variance").to(at::kDouble)), 1e-7);
            weight = weight / deviation.reshape({1, -1});
            bias = bias - at::matmul(weight, mean);
        }
        if (m_head.binary()) {
            // Two rows, -w and w: the logits -z and z, whose sigmoids are the two probabilities. Negating
            // is exact, so this is sigmoid(-z / T) and sigmoid(z / T) to the last bit of z.
            weight = at::cat({-weight, weight}, 0);
            bias = at::cat({-bias, bias}, 0);
        }
        const std::string logits = gemm(features, weight, bias, "head/dense");
        const std::string scaled = m_writer.op(
            "Div", {logits, m_writer.scalar("head/temperature", float(temperature))}, "head/calibration");
        if (m_head.binary()) {
            m_writer.op("Sigmoid", {scaled}, "head/sigmoid");
        } else {
            activate(Activation::Softmax, scaled, "head/probabilities");
        }
        m_writer.renameLastOutput("probabilities");
    }

    GraphWriter m_writer;
    const Architecture& m_architecture;
    int m_backboneEnd;
    HeadSpec m_head;
    std::vector<LayerInfo> m_infos;
    std::vector<std::string> m_output;  // each layer's output name
    std::vector<std::vector<int>> m_consumers;
    std::map<std::string, at::Tensor> m_weights;
    std::set<int> m_folded;                               // BatchNormalization layers folded into a conv
    std::map<int, std::vector<int64_t>> m_foldedPadding;  // ZeroPadding2D layers folded into a conv's pads
    std::set<int> m_keptFourDimensional;                  // GlobalAveragePooling2D outputs left N x C x 1 x 1
};

void addTensorValue(onnx::ValueInfoProto& value, const std::string& name, const std::vector<int64_t>& dims) {
    value.set_name(name);
    onnx::TypeProto_Tensor* tensor = value.mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(onnx::TensorProto::FLOAT);
    onnx::TensorShapeProto* shape = tensor->mutable_shape();
    shape->add_dim()->set_dim_param("N");
    for (const int64_t dim : dims) shape->add_dim()->set_dim_value(dim);
}

void addMetadata(onnx::ModelProto& model, const std::string& key, const std::string& value) {
    onnx::StringStringEntryProto* entry = model.add_metadata_props();
    entry->set_key(key);
    entry->set_value(value);
}

// What a user of the file needs without TL Workbench: the labels, the size to resize to, and the decision.
void describe(onnx::ModelProto& model, const ModelDescription& description) {
    addMetadata(model, "class_names", nlohmann::json(description.classNames).dump());
    addMetadata(model, "image_size",
                nlohmann::json({description.imageSize.height, description.imageSize.width}).dump());
    addMetadata(model, "temperature", exactNumber(description.calibration.temperature));
    nlohmann::json thresholds = nlohmann::json::object();
    thresholds["positive_threshold"] = description.decision.positiveThreshold
                                           ? nlohmann::json(*description.decision.positiveThreshold)
                                           : nlohmann::json(nullptr);
    thresholds["unknown_below"] = description.decision.unknownBelow
                                      ? nlohmann::json(*description.decision.unknownBelow)
                                      : nlohmann::json(nullptr);
    // One per class ([] when none): the top class answers only from its own threshold.
    thresholds["class_thresholds"] = description.decision.classThresholds;
    addMetadata(model, "thresholds", thresholds.dump());
    addMetadata(model, "input",
                "image: float32 N x " + std::to_string(description.imageSize.height) + " x " +
                    std::to_string(description.imageSize.width) +
                    " x 3, RGB 0..255, resized beforehand (bilinear, half-pixel centres, no antialiasing)");
    addMetadata(model, "tlw_description.json", modelDescriptionToJson(description));
}

// ONNX's own checker, then strict shape inference, whose answer for the output must be N x classes.
void check(const onnx::ModelProto& model, int classCount) {
    onnx::checker::check_model(model);
    onnx::ModelProto inferred = model;
    onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance(),
                                       onnx::ShapeInferenceOptions(true, 1, false));
    for (const onnx::ValueInfoProto& value : inferred.graph().value_info()) {
        if (value.name() != "probabilities") continue;
        const onnx::TensorShapeProto& shape = value.type().tensor_type().shape();
        if (shape.dim_size() != 2 || shape.dim(1).dim_value() != classCount)
            throw Error("ONNX shape inference: probabilities are not N x " + std::to_string(classCount));
    }
}

}  // namespace

std::string classifierOnnxModel(const ModelDescription& description, const ClassifierModule& module) {
    onnx::ModelProto model;
    model.set_ir_version(onnx::IR_VERSION_2019_3_18);  // IR 5, what opset 10 came with
    model.set_producer_name("TL Workbench");
    model.set_producer_version(TLW_VERSION_STRING);
    model.set_doc_string("A " + backboneDisplayName(description.backbone) +
                         " image classifier: image -> probabilities");
    onnx::OperatorSetIdProto* opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOnnxOpset);
    describe(model, description);

    onnx::GraphProto& graph = *model.mutable_graph();
    graph.set_name("tlw_classifier");
    const ImageSize size = description.imageSize;
    addTensorValue(*graph.add_input(), "image", {size.height, size.width, 3});
    addTensorValue(*graph.add_output(), "probabilities",
                   {static_cast<int64_t>(description.classNames.size())});
    OnnxGraphBuilder(graph, module, size).build("image", description.calibration.temperature);
    try {
        check(model, static_cast<int>(description.classNames.size()));
    } catch (const onnx::checker::ValidationError& e) {
        throw Error(std::string("the ONNX checker rejects the graph: ") + e.what());
    } catch (const std::runtime_error& e) {
        throw Error(std::string("the ONNX checker rejects the graph: ") + e.what());
    }
    std::string bytes;
    if (!model.SerializeToString(&bytes)) throw Error("cannot serialise the ONNX model (over 2 GB?)");
    return bytes;
}

}  // namespace tlw
