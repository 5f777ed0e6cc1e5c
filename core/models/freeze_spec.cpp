#include "core/models/freeze_spec.h"

#include <algorithm>
#include <cctype>

#include "core/util/error.h"

namespace tlw {
namespace {

std::string trimmed(const std::string& text) {
    size_t begin = 0;
    size_t end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return text.substr(begin, end - begin);
}

bool isInteger(const std::string& text) {
    if (text.empty() || text.size() > 9) return false;
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

FreezeSpec FreezeSpec::all() {
    FreezeSpec spec;
    spec.m_all = true;
    return spec;
}

FreezeSpec FreezeSpec::firstLayers(int k) {
    FreezeSpec spec;
    spec.m_firstLayers = k;
    return spec;
}

FreezeSpec FreezeSpec::fromMask(const std::vector<bool>& frozen) {
    const auto firstTrainable = std::find(frozen.begin(), frozen.end(), false);
    if (std::find(firstTrainable, frozen.end(), true) == frozen.end()) {
        const auto k = static_cast<int>(firstTrainable - frozen.begin());
        if (k == 0) return FreezeSpec();
        return k == static_cast<int>(frozen.size()) ? all() : firstLayers(k);
    }
    std::vector<int> indices;
    for (std::size_t i = 0; i < frozen.size(); ++i)
        if (frozen[i]) indices.push_back(static_cast<int>(i));
    return layerIndices(std::move(indices));
}

FreezeSpec FreezeSpec::layerIndices(std::vector<int> indices) {
    FreezeSpec spec;
    spec.m_indices = std::move(indices);
    return spec;
}

FreezeSpec FreezeSpec::names(std::vector<std::string> groupOrLayerNames) {
    FreezeSpec spec;
    spec.m_names = std::move(groupOrLayerNames);
    return spec;
}

FreezeSpec FreezeSpec::parseList(const std::string& list) {
    FreezeSpec spec;
    size_t start = 0;
    while (start <= list.size()) {
        const size_t comma = std::min(list.find(',', start), list.size());
        const std::string item = trimmed(list.substr(start, comma - start));
        start = comma + 1;
        if (item.empty()) throw Error("empty item in freeze list '" + list + "'");
        const size_t dash = item.find('-');
        if (isInteger(item)) {
            spec.m_indices.push_back(std::stoi(item));
        } else if (dash != std::string::npos && isInteger(item.substr(0, dash)) &&
                   isInteger(item.substr(dash + 1))) {
            const int first = std::stoi(item.substr(0, dash));
            const int last = std::stoi(item.substr(dash + 1));
            if (last < first) throw Error("freeze range '" + item + "' runs backwards");
            for (int index = first; index <= last; ++index) spec.m_indices.push_back(index);
        } else {
            spec.m_names.push_back(item);
        }
    }
    return spec;
}

FreezeSpec& FreezeSpec::add(const FreezeSpec& other) {
    m_all = m_all || other.m_all;
    if (other.m_firstLayers) {
        // Two prefixes: the union is the longer one, which is only well defined for the same sign.
        m_firstLayers = m_firstLayers ? std::max(*m_firstLayers, *other.m_firstLayers) : *other.m_firstLayers;
    }
    m_indices.insert(m_indices.end(), other.m_indices.begin(), other.m_indices.end());
    m_names.insert(m_names.end(), other.m_names.begin(), other.m_names.end());
    return *this;
}

bool FreezeSpec::freezesNothing() const {
    return !m_all && (!m_firstLayers || *m_firstLayers == 0) && m_indices.empty() && m_names.empty();
}

std::vector<bool> FreezeSpec::frozenMask(const std::vector<LayerInfo>& layers) const {
    const int count = static_cast<int>(layers.size());
    std::vector<bool> frozen(layers.size(), m_all);
    if (m_firstLayers) {
        const int k = *m_firstLayers;
        // Python would slice past the end without a word; here that is a typo to report (issue 18:
        // "--fine-tune-at 999" trained a fully frozen model in silence).
        if (k > count || k < -count) {
            throw Error("cannot freeze layers[:" + std::to_string(k) + "]: the model has layers 0 to " +
                        std::to_string(count - 1) + ", so the index must be between " +
                        std::to_string(-count) + " and " + std::to_string(count) + " (" +
                        std::to_string(count) + " freezes every layer)");
        }
        const int end = k < 0 ? count + k : k;
        for (int index = 0; index < end; ++index) frozen[static_cast<size_t>(index)] = true;
    }
    for (const int index : m_indices) {
        if (index < 0 || index >= count) {
            throw Error("cannot freeze layer " + std::to_string(index) + ": the model has layers 0 to " +
                        std::to_string(count - 1));
        }
        frozen[static_cast<size_t>(index)] = true;
    }
    for (const std::string& name : m_names) {
        bool matched = false;
        for (size_t index = 0; index < layers.size(); ++index) {
            if (layers[index].group == name || layers[index].name == name) {
                frozen[index] = true;
                matched = true;
            }
        }
        if (!matched) {
            std::string groups;
            for (const std::string& group : layerGroups(layers))
                groups += (groups.empty() ? "" : ", ") + group;
            throw Error("cannot freeze '" + name + "': no such layer or group (groups: " + groups + ")");
        }
    }
    return frozen;
}

std::string FreezeSpec::describe() const {
    if (m_all) return "all";
    std::string text;
    const auto append = [&text](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
    if (m_firstLayers) append("layers[:" + std::to_string(*m_firstLayers) + "]");
    for (const int index : m_indices) append(std::to_string(index));
    for (const std::string& name : m_names) append(name);
    return text.empty() ? "none" : text;
}

void applyFreeze(const FreezeSpec& spec, std::vector<LayerInfo>& layers) {
    const std::vector<bool> frozen = spec.frozenMask(layers);
    for (size_t index = 0; index < layers.size(); ++index) layers[index].trainable = !frozen[index];
}

std::vector<std::string> layerGroups(const std::vector<LayerInfo>& layers) {
    std::vector<std::string> groups;
    for (const LayerInfo& layer : layers) {
        if (!layer.group.empty() && std::find(groups.begin(), groups.end(), layer.group) == groups.end())
            groups.push_back(layer.group);
    }
    return groups;
}

}  // namespace tlw
