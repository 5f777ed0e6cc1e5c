#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/models/layer_info.h"

namespace tlw {

// Which layers of a backbone are frozen (Keras's layer.trainable = False), as users say it: the seed
// recipe's "freeze layers[:fine_tune_at]", any set of layer indices, or whole units by LayerInfo::group
// (a VGG block, a SqueezeNet fire module) or by layer name. Several parts combine as a union. It is
// resolved against a layer list, so the same spec works for any backbone that has those names.
class FreezeSpec {
public:
    FreezeSpec() = default;  // nothing frozen

    static FreezeSpec all();
    // The first k layers: for layer in layers[:k]: layer.trainable = False, Keras's fine_tune_at = k (the
    // CLI's --fine-tune-at). Python slice semantics within the list: k = the layer count freezes all, a
    // negative k counts from the end (layers[:-4] leaves the last four trainable); a k past either end is
    // reported by frozenMask() as an error, not silently clamped.
    static FreezeSpec firstLayers(int k);
    static FreezeSpec layerIndices(std::vector<int> indices);
    // Group names ("block5", "fire9") or layer names ("block5_conv1", "fire9/squeeze1x1").
    static FreezeSpec names(std::vector<std::string> groupOrLayerNames);
    // A comma-separated list as typed on the command line: indices, ranges "3-7" (inclusive), group names
    // and layer names: "0-10,block5_conv1", "conv1,fire2,fire3". Throws tlw::Error for an empty item or a
    // malformed range; unknown names are reported by frozenMask().
    static FreezeSpec parseList(const std::string& list);

    // The most readable spec that freezes exactly the layers whose flag is set: "all", layers[:k], or the
    // indices. Nothing flagged (or an empty mask) freezes nothing.
    static FreezeSpec fromMask(const std::vector<bool>& frozen);

    FreezeSpec& add(const FreezeSpec& other);
    bool freezesNothing() const;

    // One flag per layer; throws tlw::Error naming the first index out of range or unknown name.
    std::vector<bool> frozenMask(const std::vector<LayerInfo>& layers) const;

    // "layers[:16]", "all", "block1, block2, 3", "none"
    std::string describe() const;

    // The parts, for saving a spec (training configs, model files) and rebuilding it with the factories.
    bool freezesAll() const { return m_all; }
    const std::optional<int>& firstLayersValue() const { return m_firstLayers; }
    const std::vector<int>& indices() const { return m_indices; }
    const std::vector<std::string>& layerNames() const { return m_names; }

private:
    bool m_all = false;
    std::optional<int> m_firstLayers;
    std::vector<int> m_indices;
    std::vector<std::string> m_names;
};

// Sets LayerInfo::trainable from the spec (frozen layers false, all others true). Throws like frozenMask().
void applyFreeze(const FreezeSpec& spec, std::vector<LayerInfo>& layers);

// The freezing units in layer order, each once: "input", "block1", ..., "block5" for the VGG16 base.
std::vector<std::string> layerGroups(const std::vector<LayerInfo>& layers);

}  // namespace tlw
