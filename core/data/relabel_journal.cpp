#include "core/data/relabel_journal.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace tlw {
namespace fs = std::filesystem;
namespace {

constexpr const char* kQuarantineFolder = ".tlw-quarantine";

std::string utcNow() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

void writeJournal(const fs::path& dataDir, const std::vector<RelabelMove>& moves) {
    nlohmann::json entries = nlohmann::json::array();
    for (const RelabelMove& move : moves)
        entries.push_back({{"from", move.from.generic_u8string()},
                           {"to", move.to.generic_u8string()},
                           {"time", move.time},
                           {"group", move.group}});
    const nlohmann::json journal = {{"format", "tlw-relabel-journal"}, {"version", 1}, {"moves", entries}};
    writeFileAtomically(relabelJournalPath(dataDir), journal.dump(2) + "\n");
}

// `file` relative to dataDir, or an error when it lies outside.
fs::path insideDataset(const fs::path& dataDir, const fs::path& file) {
    std::error_code error;
    const fs::path root = fs::weakly_canonical(dataDir, error);
    const fs::path full = fs::weakly_canonical(file, error);
    const fs::path relative = full.lexically_relative(root);
    if (relative.empty() || *relative.begin() == "..")
        throw Error(file, "is not inside the dataset folder " + dataDir.u8string());
    return relative;
}

void renameWithoutReplacing(const fs::path& from, const fs::path& to) {
    std::error_code error;
    if (fs::exists(to, error)) throw Error(to, "already exists; nothing was moved");
    fs::rename(from, to, error);
    if (error) throw Error(from, "could not be moved to " + to.u8string() + ": " + error.message());
}

// Renames dataDir/from to dataDir/to and appends the move to the journal; with no journal entry, no move.
RelabelMove journalledMove(const fs::path& dataDir, const fs::path& from, const fs::path& to,
                           std::uint64_t group) {
    std::vector<RelabelMove> moves = readRelabelJournal(dataDir);
    if (group == 0) {  // a new group: after every group the journal holds
        for (const RelabelMove& earlier : moves) group = std::max(group, earlier.group);
        ++group;
    }
    std::error_code error;
    fs::create_directories((dataDir / to).parent_path(), error);
    renameWithoutReplacing(dataDir / from, dataDir / to);
    RelabelMove move{from, to, utcNow(), group};
    moves.push_back(move);
    try {
        writeJournal(dataDir, moves);
    } catch (const Error&) {
        fs::rename(dataDir / to, dataDir / from, error);  // no move without its undo record
        throw;
    }
    return move;
}

// `relative` (below dataDir), or the first of "NAME (2).EXT", "NAME (3).EXT", ... that is not taken.
fs::path freeName(const fs::path& dataDir, const fs::path& relative) {
    std::error_code error;
    fs::path candidate = relative;
    for (int copy = 2; fs::exists(dataDir / candidate, error) || fs::is_symlink(dataDir / candidate, error);
         ++copy)
        candidate =
            relative.parent_path() / fs::u8path(relative.stem().u8string() + " (" + std::to_string(copy) +
                                                ")" + relative.extension().u8string());
    return candidate;
}

}  // namespace

fs::path relabelJournalPath(const fs::path& dataDir) { return dataDir / ".tlw-relabel-journal.json"; }

std::vector<RelabelMove> readRelabelJournal(const fs::path& dataDir) {
    const fs::path journal = relabelJournalPath(dataDir);
    std::error_code error;
    if (!fs::exists(journal, error)) return {};
    std::ifstream in(journal, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) throw Error(journal, "cannot be read");
    std::vector<RelabelMove> moves;
    try {
        const nlohmann::json parsed = nlohmann::json::parse(text.str());
        for (const nlohmann::json& entry : parsed.at("moves"))
            moves.push_back({fs::u8path(entry.at("from").get<std::string>()),
                             fs::u8path(entry.at("to").get<std::string>()), entry.value("time", ""),
                             entry.value("group", std::uint64_t{0})});
    } catch (const nlohmann::json::exception& e) {
        throw Error(journal, std::string("is not a relabel journal: ") + e.what());
    }
    return moves;
}

RelabelMove moveToClass(const fs::path& dataDir, const fs::path& file, const std::string& className,
                        std::uint64_t group) {
    const fs::path from = insideDataset(dataDir, file);
    if (from.parent_path().empty()) throw Error(file, "is not in a class folder");
    if (className.empty() || className.find('/') != std::string::npos || className == "." ||
        className == "..")
        throw Error("'" + className + "' is not a class folder name");
    if (from.parent_path().filename() == fs::u8path(className))
        throw Error(file, "is already in the class " + className);
    return journalledMove(dataDir, from,
                          from.parent_path().parent_path() / fs::u8path(className) / from.filename(), group);
}

fs::path quarantinePath(const fs::path& dataDir) { return dataDir / kQuarantineFolder; }

bool isRelabelBookkeeping(const fs::path& name) {
    return name == kQuarantineFolder || name == relabelJournalPath({}).filename();
}

RelabelMove moveToQuarantine(const fs::path& dataDir, const fs::path& file, std::uint64_t group) {
    const fs::path from = insideDataset(dataDir, file);
    if (*from.begin() == kQuarantineFolder) throw Error(file, "is already in the quarantine");
    if (from.parent_path().empty()) throw Error(file, "is not in a class folder");
    return journalledMove(dataDir, from, freeName(dataDir, fs::path(kQuarantineFolder) / from), group);
}

std::optional<RelabelMove> undoLastMove(const fs::path& dataDir) {
    std::vector<RelabelMove> moves = readRelabelJournal(dataDir);
    if (moves.empty()) return std::nullopt;
    const RelabelMove move = moves.back();
    std::error_code error;
    if (!fs::exists(dataDir / move.to, error))
        throw Error(dataDir / move.to, "is no longer where the move put it; nothing was undone");
    fs::create_directories((dataDir / move.from).parent_path(), error);
    renameWithoutReplacing(dataDir / move.to, dataDir / move.from);
    moves.pop_back();
    try {
        writeJournal(dataDir, moves);
    } catch (const Error&) {
        fs::rename(dataDir / move.from, dataDir / move.to,
                   error);  // the journal must keep matching the files
        throw;
    }
    return move;
}

std::vector<RelabelMove> undoLastGroup(const fs::path& dataDir) {
    std::vector<RelabelMove> undone;
    std::vector<RelabelMove> moves = readRelabelJournal(dataDir);
    if (moves.empty()) return undone;
    const std::uint64_t group = moves.back().group;
    do {
        undone.push_back(*undoLastMove(dataDir));
        moves = readRelabelJournal(dataDir);
    } while (group != 0 && !moves.empty() && moves.back().group == group);
    return undone;
}

}  // namespace tlw
