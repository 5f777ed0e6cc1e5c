#include "core/models/keras_summary.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tlw {
namespace {

// Keras prints a layer graph that is a plain chain in the short three-column layout, anything else with a
// "Connected to" column.
bool isSequentialLike(const std::vector<LayerInfo>& layers) {
    for (size_t index = 0; index < layers.size(); ++index) {
        const std::vector<std::string>& inbound = layers[index].inboundLayers;
        if (index == 0 ? !inbound.empty() : inbound != std::vector<std::string>{layers[index - 1].name})
            return false;
    }
    return true;
}

std::string outputShapeCell(const LayerInfo& layer) {
    // An InputLayer's output_shape is a list holding one tuple.
    const std::string shape = kerasShapeString(layer.outputShape);
    return layer.kerasType == "InputLayer" ? "[" + shape + "]" : shape;
}

// Python's str() of a list of "name[node][tensor]" strings: ['fire2/relu_expand1x1[0][0]', ...].
std::string connectionsCell(const LayerInfo& layer) {
    std::string text = "[";
    for (size_t i = 0; i < layer.inboundLayers.size(); ++i)
        text += (i > 0 ? ", '" : "'") + layer.inboundLayers[i] + "[0][0]'";
    return text + "]";
}

// Keras's print_row: each cell is cut to its column (less two spaces of gutter, except in the last column),
// preferring to break right after "),", "},", "]," or "',"; what does not fit continues on the next line.
void appendRow(std::string& out, std::vector<std::string> cells, const std::vector<size_t>& positions) {
    static const char* const kBreakAfter[] = {"),", "},", "],", "',"};
    const auto anyLeft = [&cells] {
        return std::any_of(cells.begin(), cells.end(), [](const std::string& cell) { return !cell.empty(); });
    };
    while (anyLeft()) {
        std::string line;
        for (size_t column = 0; column < cells.size(); ++column) {
            const size_t start = column > 0 ? positions[column - 1] : 0;
            const size_t gutter = column + 1 != positions.size() ? 2 : 0;
            size_t cutoff = positions[column] - start - gutter;
            std::string fit = cells[column].substr(0, std::min(cutoff, cells[column].size()));
            size_t breakAt = std::string::npos;
            for (const char* marker : kBreakAfter) {
                const size_t found = fit.find(marker);
                if (found != std::string::npos) breakAt = std::min(breakAt, found + 2);
            }
            if (breakAt != std::string::npos) {
                cutoff = breakAt;
                fit = fit.substr(0, cutoff);
            }
            if (column == 0) line += ' ';
            line += fit;
            line.append(gutter, ' ');
            cells[column] = cutoff < cells[column].size() ? cells[column].substr(cutoff) : std::string();
            if (line.size() < positions[column]) line.append(positions[column] - line.size(), ' ');
        }
        out += line + '\n';
    }
}

}  // namespace

std::string formatKerasSummary(const std::string& modelName, const std::vector<LayerInfo>& layers,
                               bool showTrainable) {
    const bool sequential = isSequentialLike(layers);
    size_t lineLength = sequential ? 65 : 98;
    // Python's int(line_length * fraction): the same truncation, written in integers.
    std::vector<size_t> positions = sequential ? std::vector<size_t>{29, 55, 65}       // .45, .85, 1.0 of 65
                                               : std::vector<size_t>{32, 53, 65, 98};  // .33, .55, .67, 1.0
    std::vector<std::string> header = {"Layer (type)", "Output Shape", "Param #"};
    if (!sequential) header.push_back("Connected to");
    if (showTrainable) {
        lineLength += 11;
        positions.push_back(lineLength);
        header.push_back("Trainable");
    }

    std::string out = "Model: \"" + modelName + "\"\n";
    out += std::string(lineLength, '_') + '\n';
    appendRow(out, header, positions);
    out += std::string(lineLength, '=') + '\n';
    for (const LayerInfo& layer : layers) {
        std::vector<std::string> cells = {layer.name + " (" + layer.kerasType + ")", outputShapeCell(layer),
                                          std::to_string(layer.params)};
        if (!sequential) cells.push_back(connectionsCell(layer));
        if (showTrainable) cells.push_back(layer.trainable ? "Y" : "N");
        appendRow(out, cells, positions);
        out += std::string(lineLength, ' ') + '\n';
    }
    out += std::string(lineLength, '=') + '\n';
    const ParamTotals totals = paramTotals(layers);
    out += "Total params: " + formatThousands(totals.total) + '\n';
    out += "Trainable params: " + formatThousands(totals.trainable) + '\n';
    out += "Non-trainable params: " + formatThousands(totals.nonTrainable) + '\n';
    out += std::string(lineLength, '_') + '\n';
    return out;
}

std::string formatSummaryJson(const SummaryContext& context, const std::vector<LayerInfo>& layers) {
    nlohmann::ordered_json json;
    json["model"] = context.modelName;
    json["backbone"] = context.backbone;
    json["input_size"] = {context.inputSize.height, context.inputSize.width};
    json["include_top"] = context.includeTop;
    json["freeze"] = context.freeze;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const LayerInfo& layer : layers) {
        nlohmann::ordered_json shape = nlohmann::ordered_json::array();
        for (const int64_t side : layer.outputShape)
            shape.push_back(side < 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(side));
        nlohmann::ordered_json row;
        row["index"] = layer.index;
        row["name"] = layer.name;
        row["type"] = layer.kerasType;
        row["output_shape"] = shape;
        row["params"] = layer.params;
        row["trainable"] = layer.trainable;
        row["group"] = layer.group;
        row["inbound"] = layer.inboundLayers;
        rows.push_back(std::move(row));
    }
    json["layers"] = std::move(rows);
    const ParamTotals totals = paramTotals(layers);
    json["total_params"] = totals.total;
    json["trainable_params"] = totals.trainable;
    json["non_trainable_params"] = totals.nonTrainable;
    return json.dump(2) + '\n';
}

}  // namespace tlw
