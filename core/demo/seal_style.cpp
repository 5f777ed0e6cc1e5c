#include "core/demo/seal_style.h"

namespace tlw {

const std::vector<SealFont>& sealFonts() {
    // Collections hold one face per region; the TW face draws the traditional forms that seals use.
    static const std::vector<SealFont> fonts = {
        {"kai", "楷书", "Kai (regular script, AR PL UKai)", "ukai.ttc", 2, "fonts-arphic-ukai"},
        {"ming", "明体", "Ming (printed serif, AR PL UMing)", "uming.ttc", 2, "fonts-arphic-uming"},
        {"zenhei", "正黑", "Hei (bold sans, WenQuanYi Zen Hei)", "wqy-zenhei.ttc", 0, "fonts-wqy-zenhei"},
        {"microhei", "微米黑", "Hei (light sans, WenQuanYi Micro Hei)", "wqy-microhei.ttc", 0,
         "fonts-wqy-microhei"},
    };
    return fonts;
}

const std::vector<SealStyle>& sealStyles() {
    using C = SealCarving;
    using B = SealBorder;
    using L = SealLayout;
    // The first four (the default set) pair up: two baiwen squares that differ only in the font, and
    // two zhuwen seals that share nothing but the carving.
    static const std::vector<SealStyle> styles = {
        {"kai_baiwen_square", 0, C::Baiwen, B::Square, L::Grid2x2, 1.2f, 0.97f},
        {"ming_baiwen_square", 1, C::Baiwen, B::Square, L::Grid2x2, 1.4f, 0.97f},
        {"kai_zhuwen_oval", 0, C::Zhuwen, B::Round, L::VerticalPair, 0.6f, 0.96f},
        {"zenhei_zhuwen_double", 2, C::Zhuwen, B::Double, L::Grid2x2, 0.0f, 0.95f},
        {"ming_zhuwen_thick", 1, C::Zhuwen, B::Thick, L::ThreeTall, 1.0f, 0.96f},
        {"microhei_baiwen_round", 3, C::Baiwen, B::Round, L::Grid2x2, 0.4f, 0.96f},
        {"zenhei_baiwen_double", 2, C::Baiwen, B::Double, L::ThreeTall, 0.0f, 0.96f},
        {"microhei_zhuwen_square", 3, C::Zhuwen, B::Square, L::VerticalPair, 0.8f, 0.96f},
        {"kai_zhuwen_thick", 0, C::Zhuwen, B::Thick, L::Grid2x2, 0.8f, 0.96f},
        {"ming_baiwen_oval", 1, C::Baiwen, B::Round, L::VerticalPair, 1.2f, 0.96f},
    };
    return styles;
}

int characterCount(SealLayout layout) {
    switch (layout) {
        case SealLayout::Grid2x2:
            return 4;
        case SealLayout::VerticalPair:
            return 2;
        case SealLayout::ThreeTall:
            return 3;
    }
    return 4;
}

float sealAspect(SealLayout layout) { return layout == SealLayout::VerticalPair ? 1.4f : 1.0f; }

std::string chineseStyleName(const SealStyle& style) {
    std::string name = sealFonts()[static_cast<std::size_t>(style.font)].chinese;
    name += style.carving == SealCarving::Baiwen ? "白文" : "朱文";
    switch (style.border) {
        case SealBorder::Square:
            name += "方印";
            break;
        case SealBorder::Round:
            name += style.layout == SealLayout::VerticalPair ? "椭圆印" : "圆印";
            break;
        case SealBorder::Double:
            name += "双边印";
            break;
        case SealBorder::Thick:
            name += "粗边印";
            break;
    }
    return name;
}

std::string englishStyleName(const SealStyle& style) {
    std::string name = sealFonts()[static_cast<std::size_t>(style.font)].english;
    name += style.carving == SealCarving::Baiwen ? "; baiwen, white characters on red"
                                                 : "; zhuwen, red characters on paper";
    const bool tall = style.layout == SealLayout::VerticalPair;
    switch (style.border) {
        case SealBorder::Square:
            name += tall ? "; oblong seal" : "; square seal";
            break;
        case SealBorder::Round:
            name += tall ? "; oval seal" : "; round seal";
            break;
        case SealBorder::Double:
            name += "; double border";
            break;
        case SealBorder::Thick:
            name += style.carving == SealCarving::Baiwen ? "; wide margin" : "; heavy frame";
            break;
    }
    switch (style.layout) {
        case SealLayout::Grid2x2:
            name += "; 4 characters in 2x2";
            break;
        case SealLayout::VerticalPair:
            name += "; 2 characters stacked";
            break;
        case SealLayout::ThreeTall:
            name += "; 3 characters, one tall on the right";
            break;
    }
    return name;
}

}  // namespace tlw
