#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tlw::test {

// Image files made by the tests themselves: every case a dataset in the wild throws at the loader.
// All return the encoded bytes; writeBytes() puts them on disk (CJK names included).

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

// A width x height RGB image whose four quadrants have distinct colours (to see rotations and mirrors):
// top-left red, top-right green, bottom-left blue, bottom-right white.
std::vector<std::uint8_t> quadrantPixels(int width, int height);
inline constexpr Rgb kTopLeft{255, 0, 0}, kTopRight{0, 255, 0}, kBottomLeft{0, 0, 255},
    kBottomRight{255, 255, 255};

std::string encodePng(int width, int height, const std::vector<std::uint8_t>& rgb);
std::string encodeJpeg(int width, int height, const std::vector<std::uint8_t>& rgb, int quality = 95);
std::string solidPng(int width, int height, Rgb colour);
std::string solidJpeg(int width, int height, Rgb colour);
// A PNG of one colour whose bytes differ from solidPng's (a tEXt chunk holding tag): same picture,
// different file, for tests that need distinct files.
std::string taggedPng(int width, int height, Rgb colour, const std::string& tag);

std::string grayscalePng(int width, int height, std::uint8_t value);
std::string grayscaleJpeg(int width, int height, std::uint8_t value);
std::string rgbaPng(int width, int height, Rgb colour, std::uint8_t alpha);
std::string rgb16Png(int width, int height, std::uint16_t r, std::uint16_t g, std::uint16_t b);
// CMYK JPEG written through libjpeg (JCS_CMYK, with the Adobe marker libjpeg adds): values are stored
// Adobe-style, inverted (255 = no ink), as Photoshop writes them.
std::string cmykJpeg(int width, int height, std::uint8_t c, std::uint8_t m, std::uint8_t y, std::uint8_t k);
// Inserts an APP1 Exif segment holding only an orientation tag right after the JPEG's SOI marker.
std::string withExifOrientation(const std::string& jpeg, int orientation, bool bigEndian = false);
// An animated GIF (giflib) with one solid frame per colour; the first colour is the first frame.
std::string animatedGif(int width, int height, const std::vector<Rgb>& frameColours);
// A GIF whose only frame is transparent on its left half (index 1 transparent) and colour elsewhere.
std::string halfTransparentGif(int width, int height, Rgb colour);
std::string bmp(int width, int height, Rgb colour);
std::string ppm(int width, int height, Rgb colour);
// A valid PNG signature + IHDR claiming width x height, with no pixel data (a decompression bomb's header).
std::string pngHeaderClaiming(std::uint32_t width, std::uint32_t height);

void writeBytes(const std::filesystem::path& file, const std::string& bytes);

}  // namespace tlw::test
