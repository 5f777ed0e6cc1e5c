#include "core/demo/glyph_cache.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <cstdio>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace tlw {

struct GlyphCache::Impl {
    struct Font {
        FT_Face face = nullptr;
        std::filesystem::path file;
    };

    FT_Library library = nullptr;
    std::vector<Font> fonts;

    ~Impl() {
        for (auto& font : fonts) FT_Done_Face(font.face);
        if (library) FT_Done_FreeType(library);
    }

    const Font& font(int id) const {
        if (id < 0 || id >= static_cast<int>(fonts.size()))
            throw Error("glyph cache: no font with id " + std::to_string(id));
        return fonts[static_cast<std::size_t>(id)];
    }
};

namespace {

std::string hexCodePoint(char32_t codePoint) {
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(codePoint));
    return text;
}

// FreeType renders an 8-bit coverage bitmap with its own row pitch; copy it into a Mat and crop
// away empty rows and columns so that the glyph's ink, not its advance box, fills the seal cell.
cv::Mat croppedCoverage(const FT_Bitmap& bitmap) {
    cv::Mat coverage(static_cast<int>(bitmap.rows), static_cast<int>(bitmap.width), CV_8U);
    for (int row = 0; row < coverage.rows; ++row) {
        const unsigned char* source = bitmap.buffer + static_cast<std::ptrdiff_t>(row) * bitmap.pitch;
        std::copy(source, source + coverage.cols, coverage.ptr<unsigned char>(row));
    }
    if (coverage.empty()) return coverage;
    std::vector<cv::Point> ink;
    cv::findNonZero(coverage, ink);
    if (ink.empty()) return cv::Mat();
    return coverage(cv::boundingRect(ink)).clone();
}

}  // namespace

GlyphCache::GlyphCache(int glyphPixels) : m_glyphPixels(glyphPixels), m_impl(std::make_unique<Impl>()) {
    if (FT_Init_FreeType(&m_impl->library) != 0) throw Error("FreeType: cannot initialise the library");
}

GlyphCache::~GlyphCache() = default;

int GlyphCache::addFont(const std::filesystem::path& file, int faceIndex) {
    FT_Face face = nullptr;
    if (FT_New_Face(m_impl->library, file.c_str(), faceIndex, &face) != 0) {
        if (faceIndex == 0 || FT_New_Face(m_impl->library, file.c_str(), 0, &face) != 0)
            throw Error(file, "FreeType cannot read this font file");
    }
    if (FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(m_glyphPixels)) != 0) {
        FT_Done_Face(face);
        throw Error(file, "FreeType cannot scale this font (bitmap-only font?)");
    }
    m_impl->fonts.push_back({face, file});
    return static_cast<int>(m_impl->fonts.size()) - 1;
}

std::string GlyphCache::familyName(int font) const {
    const FT_Face face = m_impl->font(font).face;
    std::string name = face->family_name ? face->family_name : "";
    if (face->style_name && std::string(face->style_name) != "Regular" && *face->style_name)
        name += std::string(" ") + face->style_name;
    return name;
}

const std::filesystem::path& GlyphCache::fontFile(int font) const { return m_impl->font(font).file; }

bool GlyphCache::hasGlyphs(int font, std::u32string_view text) const {
    const FT_Face face = m_impl->font(font).face;
    for (const char32_t codePoint : text)
        if (FT_Get_Char_Index(face, codePoint) == 0) return false;
    return true;
}

void GlyphCache::prepare(int font, std::u32string_view text) {
    const Impl::Font& entry = m_impl->font(font);
    for (const char32_t codePoint : text) {
        const auto key = std::make_pair(font, codePoint);
        if (m_glyphs.count(key)) continue;
        if (FT_Get_Char_Index(entry.face, codePoint) == 0)
            throw Error(entry.file, "the font has no glyph for " + hexCodePoint(codePoint));
        if (FT_Load_Char(entry.face, codePoint, FT_LOAD_RENDER | FT_LOAD_NO_BITMAP) != 0)
            throw Error(entry.file, "FreeType cannot render " + hexCodePoint(codePoint));
        cv::Mat coverage = croppedCoverage(entry.face->glyph->bitmap);
        if (coverage.empty())
            throw Error(entry.file, "the glyph for " + hexCodePoint(codePoint) + " is empty");
        m_glyphs.emplace(key, std::move(coverage));
    }
}

const cv::Mat& GlyphCache::glyph(int font, char32_t codePoint) const {
    const auto it = m_glyphs.find(std::make_pair(font, codePoint));
    if (it == m_glyphs.end()) throw Error("glyph cache: " + hexCodePoint(codePoint) + " was not prepared");
    return it->second;
}

}  // namespace tlw
