#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlw {

// The first image file directory (IFD0) of a TIFF structure: a TIFF file's header, or the EXIF block of a
// JPEG, PNG or WebP, which is a TIFF structure too. Only single-valued integer tags are kept: enough for
// the image size (tags 256, 257) and the EXIF orientation (tag 274).
struct TiffDirectory {
    struct Entry {
        std::uint16_t tag = 0;
        std::uint64_t value = 0;
    };
    bool valid = false;
    std::string problem;  // why valid is false
    std::vector<Entry> entries;

    std::optional<std::uint64_t> find(std::uint16_t tag) const;
};

// Classic TIFF ("II*\0", "MM\0*") and BigTIFF ("II+\0", "MM\0+"), either byte order.
TiffDirectory readFirstTiffDirectory(std::string_view bytes);

}  // namespace tlw
