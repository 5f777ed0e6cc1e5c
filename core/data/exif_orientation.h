#pragma once

#include <string_view>

#include "core/data/image_decoder.h"
#include "core/data/image_header.h"

namespace tlw {

// The EXIF orientation (1..8, 1 = as stored) of a JPEG (APP1 "Exif"), PNG (eXIf chunk) or WebP (EXIF
// chunk); 1 when there is none or it cannot be read. Cameras store portrait photos sideways and set
// this tag, so ignoring it feeds the network rotated images.
int readExifOrientation(std::string_view bytes, ImageFormat format);

// Turns a stored image into its display orientation (rotations and mirrors of EXIF orientations 2..8).
void applyExifOrientation(RgbImage& image, int orientation);

}  // namespace tlw
