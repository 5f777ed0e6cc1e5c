#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <opencv2/core/mat.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace tlw {

// Rasterises single characters with FreeType into coverage masks (CV_8U, 0..255, cropped to the ink),
// at one size: the seal renderer stretches each glyph to fill its cell, as seal carvers do.
// Fonts are opened and glyphs rendered up front (prepare, not thread-safe); glyph() is then const and
// safe to call from the rendering threads.
class GlyphCache {
public:
    // glyphPixels: the em size glyphs are rendered at; a little above the cells they will fill keeps
    // them sharp.
    explicit GlyphCache(int glyphPixels = 160);
    ~GlyphCache();
    GlyphCache(const GlyphCache&) = delete;
    GlyphCache& operator=(const GlyphCache&) = delete;

    // Opens face faceIndex of a font file (face 0 when the file has fewer faces); returns its id.
    // Throws tlw::Error naming the file when FreeType cannot read it.
    int addFont(const std::filesystem::path& file, int faceIndex);

    std::string familyName(int font) const;
    const std::filesystem::path& fontFile(int font) const;
    bool hasGlyphs(int font, std::u32string_view text) const;

    // Renders the glyphs of text (once each). Throws tlw::Error when the font lacks one.
    void prepare(int font, std::u32string_view text);
    // A prepared glyph; throws tlw::Error when it was not prepared.
    const cv::Mat& glyph(int font, char32_t codePoint) const;

private:
    struct Impl;
    int m_glyphPixels;
    std::unique_ptr<Impl> m_impl;
    std::map<std::pair<int, char32_t>, cv::Mat> m_glyphs;
};

}  // namespace tlw
