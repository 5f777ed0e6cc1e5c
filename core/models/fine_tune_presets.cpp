#include <algorithm>
#include <array>
#include <utility>

#include "core/models/architecture.h"
#include "core/models/backbone.h"
#include "core/util/error.h"

// The fine-tuning presets of each backbone are data in its architecture (vgg16.cpp, resnet50.cpp, ...);
// this resolves them to layer indices and names them.
namespace tlw {

namespace {

constexpr std::array<std::pair<FineTuneExtent, const char*>, 5> kExtentIds{{
    {FineTuneExtent::LastBlock, "last-block"},
    {FineTuneExtent::KerasTutorial, "keras-tutorial"},
    {FineTuneExtent::LastTwoBlocks, "last-two-blocks"},
    {FineTuneExtent::LastStage, "last-stage"},
    {FineTuneExtent::LastTwoStages, "last-two-stages"},
}};

int indexOfLayer(const Architecture& architecture, const std::string& name) {
    const auto& layers = architecture.layers;
    const auto found = std::find_if(layers.begin(), layers.end(),
                                    [&](const LayerSpec& layer) { return layer.name == name; });
    if (found == layers.end())
        throw Error(backboneDisplayName(architecture.kind) + ": no layer '" + name + "' to fine-tune from");
    return static_cast<int>(found - layers.begin());
}

std::string presetList(const std::vector<FineTuneChoice>& choices) {
    std::string list;
    for (const FineTuneChoice& choice : choices)
        list += (list.empty() ? "" : ", ") + fineTuneExtentId(choice.preset.extent);
    return list;
}

}  // namespace

std::string fineTuneExtentId(FineTuneExtent extent) {
    for (const auto& [known, id] : kExtentIds)
        if (known == extent) return id;
    throw Error("unknown fine-tuning preset");
}

FineTuneExtent parseFineTuneExtent(const std::string& id) {
    for (const auto& [extent, known] : kExtentIds)
        if (id == known) return extent;
    std::string names;
    for (const auto& [extent, known] : kExtentIds) names += (names.empty() ? "" : ", ") + std::string(known);
    throw Error("unknown fine-tuning preset '" + id + "' (expected one of " + names + ")");
}

std::vector<FineTuneChoice> fineTuneChoices(BackboneKind kind, bool includeTop) {
    const Architecture architecture = backboneArchitecture(kind, includeTop);
    std::vector<FineTuneChoice> choices;
    for (const FineTunePreset& preset : architecture.fineTunePresets) {
        FineTuneChoice choice;
        choice.preset = preset;
        choice.fineTuneAt = indexOfLayer(architecture, preset.fromLayer);
        choice.isDefault = preset.fromLayer == architecture.fineTuneFromLayer;
        choices.push_back(choice);
    }
    return choices;
}

int fineTuneAtOf(BackboneKind kind, bool includeTop, FineTuneExtent extent) {
    const std::vector<FineTuneChoice> choices = fineTuneChoices(kind, includeTop);
    for (const FineTuneChoice& choice : choices)
        if (choice.preset.extent == extent) return choice.fineTuneAt;
    throw Error(backboneDisplayName(kind) + " has no '" + fineTuneExtentId(extent) + "' preset (it has " +
                presetList(choices) + ")");
}

std::string fineTunePresetLayer(BackboneKind kind) {
    return backboneArchitecture(kind, false).fineTuneFromLayer;
}

int fineTunePreset(BackboneKind kind, bool includeTop) {
    const Architecture architecture = backboneArchitecture(kind, includeTop);
    return indexOfLayer(architecture, architecture.fineTuneFromLayer);
}

}  // namespace tlw
