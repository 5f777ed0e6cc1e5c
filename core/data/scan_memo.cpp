#include "core/data/scan_memo.h"

#include <sys/stat.h>

#include <chrono>
#include <cstring>
#include <system_error>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/version.h"

namespace tlw {
namespace {

// The file: this magic, the format, the checks, the entry count, the entries, and an XXH3 of all of it
// before the digest itself, so a file damaged anywhere is refused as a whole rather than half believed.
// Numbers are in this machine's byte order: the memo describes this machine's files.
constexpr char kMagic[8] = {'T', 'L', 'W', 'S', 'M', 'E', 'M', 'O'};
constexpr std::uint32_t kFormat = 1;  // raise it when a decoder change turns verdicts

// A memo of a million files is 100 MB; anything larger was not written by us.
constexpr std::uint64_t kMaxMemoBytes = std::uint64_t{1} << 30;

std::int64_t nanoseconds(const struct timespec& time) {
    return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + static_cast<std::int64_t>(time.tv_nsec);
}

class Writer {
public:
    template <typename T>
    void number(T value) {
        m_bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    void text(const std::string& value) {
        number(static_cast<std::uint32_t>(value.size()));
        m_bytes += value;
    }
    std::string& bytes() { return m_bytes; }

private:
    std::string m_bytes;
};

// Reads what Writer wrote; every read past the end throws, so a cut file cannot be read as a short one.
class Reader {
public:
    explicit Reader(std::string_view bytes) : m_bytes(bytes) {}
    template <typename T>
    T number() {
        T value;
        std::memcpy(&value, take(sizeof value).data(), sizeof value);
        return value;
    }
    std::string text() { return std::string(take(number<std::uint32_t>())); }
    bool atEnd() const { return m_offset == m_bytes.size(); }

private:
    std::string_view take(std::size_t count) {
        if (count > m_bytes.size() - m_offset) throw Error("cut short");
        const std::string_view part = m_bytes.substr(m_offset, count);
        m_offset += count;
        return part;
    }
    std::string_view m_bytes;
    std::size_t m_offset = 0;
};

void writeEntry(Writer& out, const std::string& key, const ScanMemoEntry& entry) {
    out.text(key);
    out.number(entry.stamp.device);
    out.number(entry.stamp.inode);
    out.number(entry.stamp.sizeBytes);
    out.number(entry.stamp.modifiedNs);
    out.number(entry.stamp.changedNs);
    out.number(entry.recordedNs);
    out.number(entry.hash.high);
    out.number(entry.hash.low);
    out.number(static_cast<std::uint8_t>(entry.usable ? 1 : 0));
    out.text(entry.reason);
}

ScanMemoEntry readEntry(Reader& in) {
    ScanMemoEntry entry;
    entry.stamp.device = in.number<std::uint64_t>();
    entry.stamp.inode = in.number<std::uint64_t>();
    entry.stamp.sizeBytes = in.number<std::uint64_t>();
    entry.stamp.modifiedNs = in.number<std::int64_t>();
    entry.stamp.changedNs = in.number<std::int64_t>();
    entry.recordedNs = in.number<std::int64_t>();
    entry.hash.high = in.number<std::uint64_t>();
    entry.hash.low = in.number<std::uint64_t>();
    entry.usable = in.number<std::uint8_t>() != 0;
    entry.reason = in.text();
    return entry;
}

// Split off and checks the trailing digest; throws when it does not match.
std::string_view checkedBody(std::string_view bytes) {
    if (bytes.size() < sizeof kMagic + 2 * sizeof(std::uint64_t) ||
        std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw Error("not a scan memo");
    const std::string_view body = bytes.substr(0, bytes.size() - 2 * sizeof(std::uint64_t));
    Reader digest(bytes.substr(body.size()));
    const ContentHash expected{digest.number<std::uint64_t>(), digest.number<std::uint64_t>()};
    if (hashBytes(body) != expected) throw Error("damaged (digest mismatch)");
    return body.substr(sizeof kMagic);
}

}  // namespace

std::optional<FileStamp> stampOf(const std::filesystem::path& file) {
    struct stat status;
    if (::stat(file.c_str(), &status) != 0) return std::nullopt;
    FileStamp stamp;
    stamp.device = static_cast<std::uint64_t>(status.st_dev);
    stamp.inode = static_cast<std::uint64_t>(status.st_ino);
    stamp.sizeBytes = static_cast<std::uint64_t>(status.st_size);
    stamp.modifiedNs = nanoseconds(status.st_mtim);
    stamp.changedNs = nanoseconds(status.st_ctim);
    return stamp;
}

std::int64_t wallClockNs() {
    struct timespec now;
    ::clock_gettime(CLOCK_REALTIME, &now);
    return nanoseconds(now);
}

bool stampProvesUnchanged(const ScanMemoEntry& entry, const FileStamp& now) {
    // Only the change time matters here: any later write sets it to at least the time of that write, which
    // is after the scan began, so it differs from a change time that lay well before the scan began.
    return entry.stamp == now && entry.stamp.changedNs < entry.recordedNs - kStampSettleNs;
}

ScanMemo::ScanMemo(std::string checks) : m_checks(std::move(checks)) {}

ScanMemo ScanMemo::read(const std::filesystem::path& file, const std::string& checks) {
    ScanMemo memo(checks);
    std::error_code error;
    if (!std::filesystem::exists(file, error)) return memo;
    try {
        const std::string bytes = readFileBytes(file, kMaxMemoBytes);
        Reader in(checkedBody(bytes));
        if (in.number<std::uint32_t>() != kFormat) throw Error("of another format");
        if (in.text() != checks) throw Error("made under other checks (another version or pixel limit)");
        const auto count = in.number<std::uint64_t>();
        for (std::uint64_t i = 0; i < count; ++i) {
            std::string key = in.text();
            memo.m_entries[std::move(key)] = readEntry(in);
        }
        if (!in.atEnd()) throw Error("trailing bytes");
    } catch (const Error& e) {
        memo = ScanMemo(checks);
        memo.m_note = "scan memo " + file.u8string() + " ignored and rewritten: " + e.reason();
    } catch (const std::exception& e) {  // bad_alloc on a count no memo holds, and the like
        memo = ScanMemo(checks);
        memo.m_note = "scan memo " + file.u8string() + " ignored and rewritten: " + e.what();
    }
    return memo;
}

void ScanMemo::write(const std::filesystem::path& file) const {
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) throw Error(file.parent_path(), "cannot create the scan memo's folder: " + error.message());
    Writer out;
    out.bytes().append(kMagic, sizeof kMagic);
    out.number(kFormat);
    out.text(m_checks);
    out.number(static_cast<std::uint64_t>(m_entries.size()));
    for (const auto& [key, entry] : m_entries) writeEntry(out, key, entry);
    const ContentHash digest = hashBytes(out.bytes());
    out.number(digest.high);
    out.number(digest.low);
    writeFileAtomically(file, out.bytes());
}

const ScanMemoEntry* ScanMemo::find(const std::string& key) const {
    const auto found = m_entries.find(key);
    return found == m_entries.end() ? nullptr : &found->second;
}

void ScanMemo::set(const std::string& key, ScanMemoEntry entry) { m_entries[key] = std::move(entry); }

bool ScanMemo::sameEntries(const ScanMemo& other) const {
    if (m_checks != other.m_checks || m_entries.size() != other.m_entries.size()) return false;
    for (const auto& [key, entry] : m_entries) {
        const ScanMemoEntry* theirs = other.find(key);
        if (!theirs || theirs->stamp != entry.stamp || theirs->recordedNs != entry.recordedNs ||
            theirs->hash != entry.hash || theirs->usable != entry.usable || theirs->reason != entry.reason)
            return false;
    }
    return true;
}

std::string scanMemoChecks(const DecodeLimits& limits) {
    return "tlw " + tlwVersion() + "; decoded fully; at most " + std::to_string(limits.maxPixels) + " pixels";
}

std::filesystem::path scanMemoFile(const std::filesystem::path& directory,
                                   const std::filesystem::path& root) {
    std::error_code error;
    std::filesystem::path absolute = std::filesystem::absolute(root, error);
    if (error) absolute = root;
    absolute = absolute.lexically_normal();
    if (!absolute.has_filename()) absolute = absolute.parent_path();  // "data/" and "data" are one folder
    return directory / "scan-memo" / (hashBytes(absolute.native()).hex() + ".memo");
}

}  // namespace tlw
