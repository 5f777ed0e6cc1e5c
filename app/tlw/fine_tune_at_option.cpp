#include "app/tlw/fine_tune_at_option.h"

#include <cstdio>
#include <vector>

#include "core/util/error.h"

namespace tlw::cli {
namespace {

bool isWholeInteger(const std::string& text) {
    std::size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
    if (start == text.size()) return false;
    for (std::size_t i = start; i < text.size(); ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return text.size() - start < 10;  // fits an int
}

std::string presetNames(BackboneKind kind, bool includeTop) {
    std::string names;
    for (const FineTuneChoice& choice : fineTuneChoices(kind, includeTop))
        names += (names.empty() ? "" : ", ") + fineTuneExtentId(choice.preset.extent);
    return names;
}

}  // namespace

int parseFineTuneAt(const std::string& text, BackboneKind kind, bool includeTop, const std::string& option) {
    if (isWholeInteger(text)) return std::stoi(text);
    for (const FineTuneChoice& choice : fineTuneChoices(kind, includeTop))
        if (fineTuneExtentId(choice.preset.extent) == text) return choice.fineTuneAt;
    throw Error(option + " '" + text + "': expected a layer index or one of " + backboneDisplayName(kind) +
                "'s presets (" + presetNames(kind, includeTop) + ")");
}

std::string formatFineTunePresets(BackboneKind kind, bool includeTop) {
    std::string text = "Fine-tuning presets (--fine-tune-at NAME, or K):\n";
    for (const FineTuneChoice& choice : fineTuneChoices(kind, includeTop)) {
        char line[160];
        std::snprintf(line, sizeof line, "  %-17s fine_tune_at = %-4d from %s%s\n",
                      fineTuneExtentId(choice.preset.extent).c_str(), choice.fineTuneAt,
                      choice.preset.fromLayer.c_str(), choice.isDefault ? " (the default second phase)" : "");
        text += line;
    }
    return text;
}

}  // namespace tlw::cli
