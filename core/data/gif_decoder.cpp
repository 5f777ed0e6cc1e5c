#include "core/data/gif_decoder.h"

#include <gif_lib.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "core/util/error.h"

namespace tlw {
namespace {

struct MemoryReader {
    std::string_view bytes;
    size_t position = 0;
    bool ranOut = false;  // giflib asked for bytes past the end: the file is truncated
};

int readFromMemory(GifFileType* gif, GifByteType* buffer, int wanted) {
    auto* reader = static_cast<MemoryReader*>(gif->UserData);
    const size_t available = reader->bytes.size() - reader->position;
    const size_t count = std::min(available, static_cast<size_t>(std::max(wanted, 0)));
    std::memcpy(buffer, reader->bytes.data() + reader->position, count);
    reader->position += count;
    if (count < static_cast<size_t>(std::max(wanted, 0))) reader->ranOut = true;
    return static_cast<int>(count);
}

struct GifCloser {
    void operator()(GifFileType* gif) const noexcept {
        int ignored = 0;
        DGifCloseFile(gif, &ignored);
    }
};
using GifHandle = std::unique_ptr<GifFileType, GifCloser>;

[[noreturn]] void failGif(const std::filesystem::path& name, int errorCode, const MemoryReader& reader) {
    if (reader.ranOut || errorCode == D_GIF_ERR_READ_FAILED || errorCode == D_GIF_ERR_EOF_TOO_SOON)
        throw Error(name, "truncated GIF (data ends before the first frame is complete)");
    const char* text = GifErrorString(errorCode);
    throw Error(name, std::string("corrupt GIF (") + (text ? text : "unknown giflib error") + ")");
}

// Graphic Control Extension: byte 1 bit 0 says whether byte 4 is the transparent colour index.
int transparentIndexOf(const GifByteType* extension) {
    if (extension == nullptr || extension[0] < 4) return -1;
    return (extension[1] & 0x01) ? extension[4] : -1;
}

std::vector<GifByteType> readFrameIndices(GifFileType* gif, int width, int height,
                                          const std::filesystem::path& name, const MemoryReader& reader) {
    std::vector<GifByteType> indices(static_cast<size_t>(width) * static_cast<size_t>(height));
    auto readRow = [&](int row) {
        if (DGifGetLine(gif, indices.data() + static_cast<size_t>(row) * static_cast<size_t>(width), width) ==
            GIF_ERROR)
            failGif(name, gif->Error, reader);
    };
    if (gif->Image.Interlace) {
        // Four passes: rows 0, 8, 16...; 4, 12...; 2, 6, 10...; 1, 3, 5...
        static const int kStart[] = {0, 4, 2, 1};
        static const int kStep[] = {8, 8, 4, 2};
        for (int pass = 0; pass < 4; ++pass)
            for (int row = kStart[pass]; row < height; row += kStep[pass]) readRow(row);
    } else {
        for (int row = 0; row < height; ++row) readRow(row);
    }
    return indices;
}

}  // namespace

RgbImage decodeGifFirstFrame(std::string_view bytes, const std::filesystem::path& name,
                             const DecodeLimits& limits) {
    MemoryReader reader{bytes, 0};
    int errorCode = 0;
    GifHandle gif(DGifOpen(&reader, readFromMemory, &errorCode));
    if (!gif) failGif(name, errorCode, reader);

    int transparentIndex = -1;
    for (;;) {
        GifRecordType record = UNDEFINED_RECORD_TYPE;
        if (DGifGetRecordType(gif.get(), &record) == GIF_ERROR) failGif(name, gif->Error, reader);
        if (record == TERMINATE_RECORD_TYPE) throw Error(name, "GIF without any image");
        if (record == EXTENSION_RECORD_TYPE) {
            int code = 0;
            GifByteType* extension = nullptr;
            if (DGifGetExtension(gif.get(), &code, &extension) == GIF_ERROR)
                failGif(name, gif->Error, reader);
            if (code == GRAPHICS_EXT_FUNC_CODE) transparentIndex = transparentIndexOf(extension);
            while (extension != nullptr)
                if (DGifGetExtensionNext(gif.get(), &extension) == GIF_ERROR)
                    failGif(name, gif->Error, reader);
            continue;
        }
        if (record != IMAGE_DESC_RECORD_TYPE) continue;

        if (DGifGetImageDesc(gif.get()) == GIF_ERROR) failGif(name, gif->Error, reader);
        const GifImageDesc& frame = gif->Image;
        if (frame.Width <= 0 || frame.Height <= 0) throw Error(name, "GIF whose first frame is empty");
        // A frame may reach beyond the logical screen (or the screen be 0x0): the canvas grows to hold it.
        const int canvasWidth = std::max(gif->SWidth, frame.Left + frame.Width);
        const int canvasHeight = std::max(gif->SHeight, frame.Top + frame.Height);
        checkPixelLimit({ImageFormat::Gif, canvasWidth, canvasHeight}, limits, name);
        const ColorMapObject* palette = frame.ColorMap ? frame.ColorMap : gif->SColorMap;
        if (palette == nullptr) throw Error(name, "corrupt GIF (no colour table)");

        const std::vector<GifByteType> indices =
            readFrameIndices(gif.get(), frame.Width, frame.Height, name, reader);
        RgbImage image;
        image.width = canvasWidth;
        image.height = canvasHeight;
        image.pixels.assign(static_cast<size_t>(canvasWidth) * static_cast<size_t>(canvasHeight) * 3, 255);
        for (int y = 0; y < frame.Height; ++y) {
            for (int x = 0; x < frame.Width; ++x) {
                const int index = indices[static_cast<size_t>(y) * static_cast<size_t>(frame.Width) +
                                          static_cast<size_t>(x)];
                if (index == transparentIndex) continue;
                // Indices past the table are an encoder bug; draw them black as browsers do.
                const GifColorType colour =
                    index < palette->ColorCount ? palette->Colors[index] : GifColorType{0, 0, 0};
                std::uint8_t* out = image.pixels.data() +
                                    (static_cast<size_t>(frame.Top + y) * static_cast<size_t>(canvasWidth) +
                                     static_cast<size_t>(frame.Left + x)) *
                                        3;
                out[0] = colour.Red;
                out[1] = colour.Green;
                out[2] = colour.Blue;
            }
        }
        return image;
    }
}

}  // namespace tlw
