#include "app/tlw/keras_progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tlw::cli {
namespace {

constexpr std::size_t kBarWidth = 30;  // Keras's Progbar width

std::string printed(const char* format, double value) {
    char text[48];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

}  // namespace

std::string kerasBar(std::size_t done, std::size_t total) {
    total = std::max<std::size_t>(total, 1);
    done = std::min(done, total);
    const std::string totalText = std::to_string(total);
    std::string doneText = std::to_string(done);
    doneText.insert(0, totalText.size() - doneText.size(), ' ');
    const std::size_t filled = kBarWidth * done / total;
    std::string bar;
    if (filled > 0) {
        bar.append(filled - 1, '=');
        bar += done < total ? '>' : '=';
    }
    bar.append(kBarWidth - filled, '.');
    return doneText + "/" + totalText + " [" + bar + "]";
}

std::string kerasEta(double seconds) {
    const long whole = std::lround(std::max(0.0, seconds));
    char text[32];
    if (whole >= 3600)
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", whole / 3600, whole / 60 % 60, whole % 60);
    else if (whole >= 60)
        std::snprintf(text, sizeof text, "%ld:%02ld", whole / 60, whole % 60);
    else
        std::snprintf(text, sizeof text, "%lds", whole);
    return text;
}

std::string kerasEpochTime(double seconds, std::size_t steps) {
    std::string text = " - " + printed("%.0fs", seconds);
    const double perStep = steps > 0 ? seconds / static_cast<double>(steps) : 0.0;
    if (perStep >= 1 || perStep == 0)
        text += printed(" %.0fs/step", perStep);
    else if (perStep >= 1e-3)
        text += printed(" %.0fms/step", perStep * 1e3);
    else
        text += printed(" %.0fus/step", perStep * 1e6);
    return text;
}

}  // namespace tlw::cli
