#include "core/data/image_decoder.h"

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <string>

#include "core/data/captured_cerr.h"
#include "core/data/exif_orientation.h"
#include "core/data/gif_decoder.h"
#include "core/data/jpeg_decoder.h"
#include "core/data/png_decoder.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace tlw {
namespace {

// Samples of any depth OpenCV returns, scaled to 8 bits: 16-bit by 255/65535 (rounded), float as 0..1.
cv::Mat toEightBit(const cv::Mat& decoded, const std::filesystem::path& name) {
    switch (decoded.depth()) {
        case CV_8U:
            return decoded;
        case CV_16U: {
            cv::Mat eightBit;
            decoded.convertTo(eightBit, CV_8U, 1.0 / 257.0);
            return eightBit;
        }
        case CV_32F:
        case CV_64F: {
            cv::Mat eightBit;
            decoded.convertTo(eightBit, CV_8U, 255.0);
            return eightBit;
        }
        default:
            throw Error(name, "unsupported sample format (signed or 32-bit integer samples)");
    }
}

// 32-bit BMPs and some TIFFs carry a fourth channel that is zero everywhere because it is unused;
// compositing would turn them into blank white images, so for those formats such alpha is ignored.
bool alphaIsUnused(const cv::Mat& image, int alphaChannel) {
    for (int y = 0; y < image.rows; ++y) {
        const std::uint8_t* row = image.ptr<std::uint8_t>(y);
        for (int x = 0; x < image.cols; ++x)
            if (row[x * image.channels() + alphaChannel] != 0) return false;
    }
    return true;
}

std::uint8_t compositeOnWhite(unsigned value, unsigned alpha) {
    return static_cast<std::uint8_t>((value * alpha + 255u * (255u - alpha) + 127u) / 255u);
}

// OpenCV gives gray, gray+alpha, BGR or BGRA; we want RGB with alpha composited on white.
RgbImage toRgb(const cv::Mat& image, ImageFormat format, const std::filesystem::path& name) {
    const int channels = image.channels();
    if (channels < 1 || channels > 4)
        throw Error(name, "unsupported image with " + std::to_string(channels) + " channels");
    const bool mayHaveUnusedAlpha = format == ImageFormat::Bmp || format == ImageFormat::Tiff;
    const bool hasAlpha =
        (channels == 2 || channels == 4) && !(mayHaveUnusedAlpha && alphaIsUnused(image, channels - 1));
    RgbImage rgb;
    rgb.width = image.cols;
    rgb.height = image.rows;
    rgb.pixels.resize(static_cast<size_t>(image.cols) * static_cast<size_t>(image.rows) * 3);
    std::uint8_t* out = rgb.pixels.data();
    for (int y = 0; y < image.rows; ++y) {
        const std::uint8_t* in = image.ptr<std::uint8_t>(y);
        for (int x = 0; x < image.cols; ++x, in += channels, out += 3) {
            unsigned r, g, b;
            if (channels <= 2) {
                r = g = b = in[0];
            } else {
                r = in[2];
                g = in[1];
                b = in[0];
            }
            if (hasAlpha) {
                const unsigned alpha = in[channels - 1];
                out[0] = compositeOnWhite(r, alpha);
                out[1] = compositeOnWhite(g, alpha);
                out[2] = compositeOnWhite(b, alpha);
            } else {
                out[0] = static_cast<std::uint8_t>(r);
                out[1] = static_cast<std::uint8_t>(g);
                out[2] = static_cast<std::uint8_t>(b);
            }
        }
    }
    return rgb;
}

std::string whyOpenCvFailed(ImageFormat format, const std::string& printed) {
    const std::string reason = openCvReason(printed);
    return std::string("corrupt ") + imageFormatName(format) + " data (the decoder rejected it" +
           (reason.empty() ? "" : ": " + reason) + ")";
}

RgbImage decodeWithOpenCv(std::string_view bytes, ImageFormat format, const std::filesystem::path& name) {
    // OpenCV's warnings (libtiff's complaints among them) would reach stderr: a failure is reported as ours.
    static const bool quiet = (cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR), true);
    (void)quiet;
    cv::Mat decoded;
    const CapturedCerr printed;
    try {
        // imdecode only reads the buffer; its signature wants a non-const Mat.
        const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
        decoded = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        throw Error(name, std::string("cannot decode ") + imageFormatName(format) + ": " + e.err);
    }
    if (decoded.empty()) throw Error(name, whyOpenCvFailed(format, printed.text()));
    return toRgb(toEightBit(decoded, name), format, name);
}

}  // namespace

RgbImage decodeImageBytes(std::string_view bytes, const std::filesystem::path& nameForErrors,
                          const DecodeOptions& options) {
    // The structural checks come first: truncation gets its own reason.
    const ImageHeader header = inspectImageBytes(bytes, nameForErrors, options.limits);
    if (bytes.size() > static_cast<size_t>(INT32_MAX)) throw Error(nameForErrors, "file over 2 GB");

    RgbImage image;
    switch (header.format) {
        case ImageFormat::Jpeg:
            image = decodeJpeg(bytes, nameForErrors, options);
            break;
        case ImageFormat::Gif:
            image = decodeGifFirstFrame(bytes, nameForErrors, options.limits);
            break;
        case ImageFormat::Png:
            image = toRgb(toEightBit(decodePngSamples(bytes, nameForErrors), nameForErrors), header.format,
                          nameForErrors);
            break;
        default:
            image = decodeWithOpenCv(bytes, header.format, nameForErrors);
            break;
    }
    applyExifOrientation(image, readExifOrientation(bytes, header.format));
    return image;
}

RgbImage decodeImageBytes(std::string_view bytes, const std::filesystem::path& nameForErrors,
                          const DecodeLimits& limits) {
    return decodeImageBytes(bytes, nameForErrors, DecodeOptions{limits, 0, 0});
}

RgbImage decodeImageFile(const std::filesystem::path& file, const DecodeOptions& options) {
    // Bytes read here and decoded from memory: OpenCV's path-based readers cannot open every Unicode path.
    return decodeImageBytes(readFileBytes(file, options.limits.maxFileBytes()), file, options);
}

RgbImage decodeImageFile(const std::filesystem::path& file, const DecodeLimits& limits) {
    return decodeImageFile(file, DecodeOptions{limits, 0, 0});
}

}  // namespace tlw
