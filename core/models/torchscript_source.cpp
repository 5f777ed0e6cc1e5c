#include "core/models/torchscript_source.h"

#include <sstream>

#include "core/util/error.h"

namespace tlw {
namespace {

// Keras names may hold '/' (SqueezeNet's "fire2/squeeze1x1"); TorchScript attributes are identifiers.
std::string attributeName(const std::string& weightName) {
    std::string name = weightName;
    for (char& c : name) {
        const bool identifier = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!identifier) c = '_';
    }
    return name;
}

std::string variable(int layer) { return "x" + std::to_string(layer); }

// Every digit a double needs: std::to_string's six decimals would turn ResNet's epsilon 1.001e-5 into 1e-5.
std::string exactNumber(double value) {
    std::ostringstream text;
    text.precision(17);
    text << value;
    return text.str();
}

std::string activate(Activation activation, const std::string& expression) {
    switch (activation) {
        case Activation::Relu:
            return "torch.relu(" + expression + ")";
        case Activation::Softmax:
            return "torch.softmax(" + expression + ", 1)";
        case Activation::Swish:
            return "torch.silu(" + expression + ")";  // aten::silu, as torch.upsample_bilinear2d
        case Activation::Sigmoid:
            return "torch.sigmoid(" + expression + ")";
        case Activation::Linear:
            return expression;
    }
    return expression;
}

class ProgramWriter {
public:
    // self.<weight>, self.<bias> for a layer's parameters, registered in use order.
    std::pair<std::string, std::string> parametersOf(const std::string& layerName) {
        const std::string weight = attributeName(layerName + ".weight");
        const std::string bias = attributeName(layerName + ".bias");
        m_program.parameters.emplace_back(weight, layerName + ".weight");
        m_program.parameters.emplace_back(bias, layerName + ".bias");
        return {"self." + weight, "self." + bias};
    }

    // One named weight (a buffer such as the Normalization's mean) as an attribute.
    std::string tensorOf(const std::string& weightName) {
        const std::string attribute = attributeName(weightName);
        m_program.parameters.emplace_back(attribute, weightName);
        return "self." + attribute;
    }

    void line(const std::string& text) { m_source << "    " << text << "\n"; }
    void raw(const std::string& text) { m_source << text; }

    TorchScriptProgram finish() {
        m_program.source = m_source.str();
        return std::move(m_program);
    }

private:
    std::ostringstream m_source;
    TorchScriptProgram m_program;
};

std::string intPair(int64_t first, int64_t second) {
    return "[" + std::to_string(first) + ", " + std::to_string(second) + "]";
}

// A convolution as BackboneModule runs it: LibTorch's symmetric padding for stride-1 "same", explicit
// TensorFlow padding (the odd pixel bottom and right) for stride 2, a bias only when the layer has one.
std::string convolutionExpression(ProgramWriter& writer, const LayerSpec& layer, std::string input,
                                  const std::vector<int64_t>& inShape) {
    const bool stridedSame = layer.padding == Padding::Same && (layer.stride != 1 || layer.kernel % 2 == 0);
    int64_t padding = 0;
    if (stridedSame) {
        const SidePadding rows = tfSamePadding(inShape.at(1), layer.kernel, layer.stride);
        const SidePadding columns = tfSamePadding(inShape.at(2), layer.kernel, layer.stride);
        input = "torch.constant_pad_nd(" + input + ", [" + std::to_string(columns.before) + ", " +
                std::to_string(columns.after) + ", " + std::to_string(rows.before) + ", " +
                std::to_string(rows.after) + "], 0.0)";
    } else if (layer.padding == Padding::Same) {
        padding = layer.kernel / 2;
    }
    const std::string weight = writer.tensorOf(layer.name + ".weight");
    const std::string bias = layer.useBias ? writer.tensorOf(layer.name + ".bias") : "None";
    const int64_t groups = layer.kind == LayerKind::DepthwiseConv2D ? inShape.at(3) : 1;
    const std::string grouped = groups == 1 ? "" : ", [1, 1], " + std::to_string(groups);
    return "torch.conv2d(" + input + ", " + weight + ", " + bias + ", " +
           intPair(layer.stride, layer.stride) + ", " + intPair(padding, padding) + grouped + ")";
}

std::string layerExpression(ProgramWriter& writer, const LayerSpec& layer,
                            const std::vector<int64_t>& inShape) {
    const std::string input = layer.inbound.empty() ? "x" : variable(layer.inbound.front());
    switch (layer.kind) {
        case LayerKind::Input:
            return "x";
        case LayerKind::Conv2D:
        case LayerKind::DepthwiseConv2D:
            return activate(layer.activation, convolutionExpression(writer, layer, input, inShape));
        case LayerKind::BatchNormalization: {
            const std::string gamma = writer.tensorOf(layer.name + ".weight");
            const std::string beta = writer.tensorOf(layer.name + ".bias");
            const std::string mean = writer.tensorOf(layer.name + ".running_mean");
            const std::string variance = writer.tensorOf(layer.name + ".running_var");
            return "torch.batch_norm(" + input + ", " + gamma + ", " + beta + ", " + mean + ", " + variance +
                   ", False, 0.0, " + exactNumber(layer.epsilon) + ", True)";
        }
        case LayerKind::ZeroPadding2D: {
            // The script resizes every input to the model's size first: the padding is fixed for it.
            const ZeroPaddingSides pad = zeroPaddingOf(layer, inShape.at(1), inShape.at(2));
            return "torch.constant_pad_nd(" + input + ", [" + std::to_string(pad.left) + ", " +
                   std::to_string(pad.right) + ", " + std::to_string(pad.top) + ", " +
                   std::to_string(pad.bottom) + "], 0.0)";
        }
        case LayerKind::ReLU:
            if (layer.maxValue > 0)
                return "torch.clamp(" + input + ", 0.0, " + std::to_string(layer.maxValue) + ")";
            return "torch.relu(" + input + ")";
        case LayerKind::MaxPooling2D: {
            const std::string kernel = std::to_string(layer.kernel);
            const std::string stride = std::to_string(layer.stride);
            return "torch.max_pool2d(" + input + ", [" + kernel + ", " + kernel + "], [" + stride + ", " +
                   stride + "])";
        }
        case LayerKind::Activation:
            return activate(layer.activation, input);
        case LayerKind::Add: {
            std::string sum;
            for (const int from : layer.inbound) sum += (sum.empty() ? "" : " + ") + variable(from);
            return sum;
        }
        case LayerKind::Concatenate: {
            std::string list;
            for (const int from : layer.inbound) list += (list.empty() ? "" : ", ") + variable(from);
            return "torch.cat([" + list + "], 1)";
        }
        case LayerKind::Dropout:  // identity at inference
            return input;
        case LayerKind::Rescaling: {
            std::string factors;
            for (const double factor : layer.scale)
                factors += (factors.empty() ? "" : ", ") + exactNumber(factor);
            if (layer.scale.size() == 1) return input + " * " + factors;
            return input + " * torch.tensor([" + factors + "]).to(" + input +
                   ".dtype).reshape([1, -1, 1, 1])";
        }
        case LayerKind::Normalization: {
            const std::string mean = writer.tensorOf(layer.name + ".mean");
            const std::string variance = writer.tensorOf(layer.name + ".variance");
            return "(" + input + " - " + mean + ".reshape([1, -1, 1, 1])) / torch.clamp(torch.sqrt(" +
                   variance + "), min=1e-7).reshape([1, -1, 1, 1])";
        }
        case LayerKind::GlobalAveragePooling2D:
            return "torch.mean(" + input + ", [2, 3])";
        case LayerKind::Reshape:
            return input + ".reshape([-1, " + std::to_string(inShape.at(1)) + ", 1, 1])";
        case LayerKind::Multiply:
            return variable(layer.inbound.at(0)) + " * " + variable(layer.inbound.at(1));
        // NCHW order, as BackboneModule flattens: the Dense after it was reordered for it at import.
        case LayerKind::Flatten:
            return "torch.flatten(" + input + ", 1)";
        case LayerKind::Dense: {
            const auto [weight, bias] = writer.parametersOf(layer.name);
            return activate(layer.activation, "torch.linear(" + input + ", " + weight + ", " + bias + ")");
        }
    }
    throw Error(layer.name + ": cannot be exported to TorchScript");
}

}  // namespace

TorchScriptProgram classifierTorchScript(const Architecture& architecture, int backboneEnd,
                                         const HeadSpec& head, ImageSize inputSize) {
    if (backboneEnd < 1 || backboneEnd > static_cast<int>(architecture.layers.size()))
        throw Error(architecture.modelName + ": invalid backbone end " + std::to_string(backboneEnd));
    const std::string height = std::to_string(inputSize.height);
    const std::string width = std::to_string(inputSize.width);
    ProgramWriter writer;
    writer.raw("def forward(self, images: Tensor) -> Tensor:\n");
    // assert, not raise: LibTorch's resolver (no Python) knows no exception classes.
    writer.line(
        "assert images.dim() == 4 and images.size(3) == 3, \"expected a batch N x H x W x 3 of RGB values in "
        "0..255\"");
    writer.line("x = images.float().permute(0, 3, 1, 2)");
    writer.line("if x.size(2) != " + height + " or x.size(3) != " + width + ":");
    // What F.interpolate(size=..., mode=\"bilinear\", align_corners=False) calls, without Python's wrapper.
    writer.line("    x = torch.upsample_bilinear2d(x, [" + height + ", " + width + "], False)");
    if (architecture.preprocessing == Preprocessing::Tf) {
        // preprocess_input "tf": RGB scaled to -1..1.
        writer.line("x = (x / 127.5 - 1.0).contiguous()");
    } else if (architecture.preprocessing == Preprocessing::None) {
        // The model normalises RGB 0..255 itself (EfficientNet's Rescaling and Normalization layers).
        writer.line("x = x.contiguous()");
    } else {
        // preprocess_input "caffe": RGB -> BGR, minus the ImageNet means; contiguous NCHW as training saw it.
        writer.line("x = (x.flip([1]) - self.caffe_mean).contiguous()");
    }
    const std::vector<LayerInfo> infos = inferLayerInfos(architecture, inputSize);
    for (int index = 0; index < backboneEnd; ++index) {
        const LayerSpec& layer = architecture.layers[static_cast<size_t>(index)];
        static const std::vector<int64_t> kNoShape;
        const std::vector<int64_t>& inShape =
            layer.inbound.empty() ? kNoShape : infos[static_cast<size_t>(layer.inbound.front())].outputShape;
        writer.line(variable(index) + " = " + layerExpression(writer, layer, inShape));
    }
    std::string features = variable(backboneEnd - 1);
    if (!head.imageNetTop) {
        writer.line("features = torch.mean(" + features + ", [2, 3])");
        features = "features";
    }
    if (head.normalizeFeatures) {
        const std::string mean = writer.tensorOf("head/normalization.mean");
        const std::string variance = writer.tensorOf("head/normalization.variance");
        writer.line("features = (" + features + " - " + mean + ") / torch.clamp(torch.sqrt(" + variance +
                    "), min=1e-7)");
        features = "features";
    }
    const auto [weight, bias] = writer.parametersOf("head/dense");
    // The calibration's temperature (1 without one), so that the file's probabilities are the workbench's.
    writer.line("logits = torch.linear(" + features + ", " + weight + ", " + bias + ") / self.temperature");
    if (head.binary()) {
        // As ClassifierModule::probabilities: sigmoid(-z) keeps a small probability's digits.
        writer.line("z = logits.reshape([-1, 1])");
        writer.line("return torch.cat([torch.sigmoid(-z), torch.sigmoid(z)], 1)");
    } else {
        writer.line("return torch.softmax(logits, 1)");
    }
    return writer.finish();
}

}  // namespace tlw
