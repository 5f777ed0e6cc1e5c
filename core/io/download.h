#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace tlw {

struct DownloadProgress {
    int64_t bytesDone = 0;
    int64_t bytesTotal = -1;  // -1 while unknown
};

struct DownloadRequest {
    std::string url;                    // http(s):// or file://
    std::string md5;                    // expected MD5, lower-case hex; empty: not checked
    std::filesystem::path destination;  // replaced atomically once the file is complete and verified
    std::function<void(const DownloadProgress&)> progress;  // called on the downloading thread
    const std::atomic<bool>* cancel = nullptr;              // set from any thread to stop
    long connectTimeoutSeconds = 15;
};

// Downloads with libcurl into a temporary file beside the destination, verifies the MD5 (OpenSSL EVP) and
// renames it into place; on any failure (unreachable host, HTTP error, cancel, checksum mismatch) nothing
// is left behind and tlw::Error "<destination>: <what failed>" is thrown. Creates the destination folder.
void downloadFile(const DownloadRequest& request);

// MD5 of a file's bytes, lower-case hex (OpenSSL EVP). Throws tlw::Error.
std::string md5OfFile(const std::filesystem::path& file);

}  // namespace tlw
