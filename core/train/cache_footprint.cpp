#include "core/train/cache_footprint.h"

#include <cstdio>

namespace tlw {

std::string formatByteSize(std::int64_t bytes) {
    static const char* const kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) return std::to_string(bytes) + " B";
    double value = static_cast<double>(bytes) / 1024.0;
    std::size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < sizeof kUnits / sizeof kUnits[0]) value /= 1024.0, ++unit;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
    return text;
}

std::string CacheFootprint::describe() const {
    std::string text = formatByteSize(ramBytes) + " in RAM";
    if (ramBudgetBytes > 0) text += " (budget " + formatByteSize(ramBudgetBytes) + ")";
    if (mappedBytes > 0) text += ", " + formatByteSize(mappedBytes) + " read through a memory map";
    return text + ", " + formatByteSize(diskBytes) + " on disk";
}

}  // namespace tlw
