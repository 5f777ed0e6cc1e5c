#pragma once

#include <string>

namespace tlw {

// OpenCV's imdecode catches a decoder's exception, prints it on std::cerr ("imdecode_(''): can't read data:
// OpenCV(4.6.0) ...: error: (-2:Unspecified error) Unexpected end of input stream in function 'readBlock'")
// and returns an empty image; its logger prints warnings there too. While a CapturedCerr lives, what its
// thread writes to std::cerr is kept for the error message instead of printed; other threads' output passes.
class CapturedCerr {
public:
    CapturedCerr();
    ~CapturedCerr();
    CapturedCerr(const CapturedCerr&) = delete;
    CapturedCerr& operator=(const CapturedCerr&) = delete;

    const std::string& text() const;
};

// The reason inside an OpenCV error text: "Unexpected end of input stream"; "" when there is none or it is an
// internal assertion, which says nothing to a user.
std::string openCvReason(const std::string& captured);

}  // namespace tlw
