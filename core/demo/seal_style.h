#pragma once

#include <string>
#include <vector>

namespace tlw {

// 白文 (baiwen): the characters are cut away, so they print white on a red block.
// 朱文 (zhuwen): the characters are left standing, so they print red on the paper, inside a red frame.
enum class SealCarving { Baiwen, Zhuwen };

enum class SealBorder {
    Square,  // baiwen: a plain red block; zhuwen: a thin frame
    Round,   // a circle, or an oval for a tall seal
    Double,  // a second, thin line inside the edge
    Thick,   // a heavy frame (zhuwen) or a wide red margin (baiwen)
};

enum class SealLayout {
    Grid2x2,       // four characters, read right column first, top to bottom
    VerticalPair,  // two characters, one above the other, on a tall seal
    ThreeTall,     // one tall character on the right, two stacked on the left
};

// A font the generator prefers, by the file its Debian package installs.
struct SealFont {
    const char* key;       // "kai": used in class names
    const char* chinese;   // "楷书"
    const char* english;   // "Kai (regular script)"
    const char* fileName;  // "ukai.ttc"
    int faceIndex;         // the traditional-Chinese face of a collection
    const char* debianPackage;
};

// An "engraver style": one class of the demo set. Everything here stays fixed within the class; the
// text, geometry, ink and paper vary per image.
struct SealStyle {
    const char* name;  // folder name
    int font;          // index into sealFonts()
    SealCarving carving;
    SealBorder border;
    SealLayout layout;
    float strokeWeight;  // + thickens, - thins the strokes, in pixels at a 224-pixel seal
    float fill;          // share of its cell a character fills (the rest is the gap between characters)
};

const std::vector<SealFont>& sealFonts();
// The styles, in class order: the first N make a demo set of N classes. Neighbours share a font, a
// border or a carving, so that classes overlap and the task is learnable but not trivial.
const std::vector<SealStyle>& sealStyles();

int characterCount(SealLayout layout);
float sealAspect(SealLayout layout);  // height / width

std::string chineseStyleName(const SealStyle& style);  // "楷书白文方印"
std::string englishStyleName(const SealStyle& style);  // "Kai (regular script), white-on-red (baiwen), ..."

}  // namespace tlw
