#include "core/io/download.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <mutex>
#include <system_error>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace tlw {
namespace {

struct DigestDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using Digest = std::unique_ptr<EVP_MD_CTX, DigestDeleter>;

Digest newMd5() {
    Digest digest(EVP_MD_CTX_new());
    if (!digest || EVP_DigestInit_ex(digest.get(), EVP_md5(), nullptr) != 1)
        throw Error("OpenSSL cannot provide MD5");
    return digest;
}

std::string hexDigest(EVP_MD_CTX* digest) {
    unsigned char bytes[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(digest, bytes, &length) != 1) throw Error("OpenSSL cannot finish the MD5");
    static const char* const kHex = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += kHex[bytes[i] >> 4];
        text += kHex[bytes[i] & 0xF];
    }
    return text;
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

// curl_global_init is not thread-safe in older libcurl: run it once, before any handle.
void initializeCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    AtomicFileWriter* writer = nullptr;
    EVP_MD_CTX* digest = nullptr;
    const DownloadRequest* request = nullptr;
    int64_t received = 0;
    std::string writeError;  // a failed write to disk, reported instead of curl's generic message
};

size_t onData(char* data, size_t size, size_t count, void* user) {
    Transfer& transfer = *static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    try {
        transfer.writer->write(data, bytes);
    } catch (const std::exception& e) {
        transfer.writeError = e.what();
        return 0;  // makes curl stop with CURLE_WRITE_ERROR
    }
    EVP_DigestUpdate(transfer.digest, data, bytes);
    transfer.received += static_cast<int64_t>(bytes);
    return bytes;
}

int onProgress(void* user, curl_off_t total, curl_off_t done, curl_off_t, curl_off_t) {
    const Transfer& transfer = *static_cast<Transfer*>(user);
    if (transfer.request->cancel != nullptr && transfer.request->cancel->load()) return 1;  // abort
    if (transfer.request->progress)
        transfer.request->progress(
            DownloadProgress{static_cast<int64_t>(done), total > 0 ? int64_t{total} : -1});
    return 0;
}

}  // namespace

void downloadFile(const DownloadRequest& request) {
    initializeCurlOnce();
    const std::filesystem::path& destination = request.destination;
    std::error_code error;
    if (!destination.parent_path().empty()) {
        std::filesystem::create_directories(destination.parent_path(), error);
        if (error) throw Error(destination.parent_path(), "cannot create the folder: " + error.message());
    }
    if (request.cancel != nullptr && request.cancel->load()) throw Error(destination, "download cancelled");

    AtomicFileWriter writer(destination);
    const Digest digest = newMd5();
    Transfer transfer{&writer, digest.get(), &request, 0, {}};

    const std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) throw Error(destination, "libcurl cannot start a transfer");
    char curlError[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl.get(), CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, curlError);
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_FAILONERROR, 1L);  // HTTP >= 400 is a failure, not a file
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, request.connectTimeoutSeconds);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);  // safe on worker threads
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, onData);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl.get(), CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl.get(), CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(curl.get(), CURLOPT_NOPROGRESS, 0L);

    const CURLcode result = curl_easy_perform(curl.get());
    if (result == CURLE_ABORTED_BY_CALLBACK) throw Error(destination, "download cancelled");
    if (!transfer.writeError.empty()) throw Error(destination, "download failed: " + transfer.writeError);
    if (result != CURLE_OK) {
        const std::string detail = curlError[0] != '\0' ? curlError : curl_easy_strerror(result);
        throw Error(destination, "download from " + request.url + " failed: " + detail);
    }
    const std::string md5 = hexDigest(digest.get());
    if (!request.md5.empty() && md5 != request.md5) {
        throw Error(destination, "checksum mismatch for the download from " + request.url + ": MD5 " + md5 +
                                     ", expected " + request.md5 +
                                     " (damaged or different file; nothing saved)");
    }
    if (request.progress) request.progress(DownloadProgress{transfer.received, transfer.received});
    writer.commit();
}

std::string md5OfFile(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) throw Error(file, "cannot open");
    const Digest digest = newMd5();
    std::vector<char> buffer(1 << 20);
    while (stream) {
        stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const std::streamsize got = stream.gcount();
        if (got > 0) EVP_DigestUpdate(digest.get(), buffer.data(), static_cast<size_t>(got));
    }
    if (stream.bad()) throw Error(file, "cannot read");
    return hexDigest(digest.get());
}

}  // namespace tlw
