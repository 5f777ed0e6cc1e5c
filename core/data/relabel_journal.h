#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

// Relabelling by moving files, as the Audit view and the Map do it: an image is moved (renamed, never copied
// and never deleted) into another class folder beside its own, or into the quarantine folder, and every move
// is written to a journal in the dataset folder (.tlw-relabel-journal.json, a hidden file the scanner passes
// over), so that any move can be undone, also in a later session. Torch-free.
namespace tlw {

struct RelabelMove {
    std::filesystem::path from;  // relative to the dataset folder, generic ('/') form
    std::filesystem::path to;
    std::string time;  // UTC, ISO 8601
    // Moves made by one action (the Map's group) share a number, so that one undo puts them all back; 0 in
    // journals written before groups existed (each such move is its own group).
    std::uint64_t group = 0;
};

// DATA_DIR/.tlw-relabel-journal.json
std::filesystem::path relabelJournalPath(const std::filesystem::path& dataDir);

// The journal's moves, oldest first; none when there is no journal. Throws tlw::Error naming the journal
// when it cannot be read or parsed.
std::vector<RelabelMove> readRelabelJournal(const std::filesystem::path& dataDir);

// Moves `file` (inside dataDir) into the sibling class folder `className` (created when missing) and appends
// the move to the journal. Throws tlw::Error naming the file when it is not inside dataDir, is not in a class
// folder, is already in that class, or a file of that name is already there (nothing is replaced); when
// the journal cannot be written, the file is moved back first.
// `group`: join the group of an earlier move of the same action; 0: a new group.
RelabelMove moveToClass(const std::filesystem::path& dataDir, const std::filesystem::path& file,
                        const std::string& className, std::uint64_t group = 0);

// DATA_DIR/.tlw-quarantine: images taken out of the dataset without deleting them. A hidden folder, so the
// scanner reads it as no class (nor split) and its report does not count it among the hidden entries.
std::filesystem::path quarantinePath(const std::filesystem::path& dataDir);

// Whether a name at the dataset folder's top is the journal or the quarantine: the scan passes over them
// without counting them as the user's hidden entries.
bool isRelabelBookkeeping(const std::filesystem::path& name);

// Moves `file` (inside dataDir, in a class folder) into the quarantine, keeping its place below the dataset
// folder (train/ants/a.jpg goes to .tlw-quarantine/train/ants/a.jpg), and journals it as moveToClass does.
// A name already taken there gets " (2)", " (3)", ... before its extension: nothing is replaced. Throws
// tlw::Error naming the file when it is not inside dataDir, not in a class folder or already quarantined.
RelabelMove moveToQuarantine(const std::filesystem::path& dataDir, const std::filesystem::path& file,
                             std::uint64_t group = 0);

// Moves the journal's last file back where it came from and drops it from the journal; nothing when the
// journal is empty. Throws tlw::Error naming the file when it is no longer where the move put it, or its old
// place is taken.
std::optional<RelabelMove> undoLastMove(const std::filesystem::path& dataDir);

// undoLastMove for every move of the last move's group, latest first; the moves undone (none when the
// journal is empty). An error stops it: the moves undone before it are off the journal, the others on it.
std::vector<RelabelMove> undoLastGroup(const std::filesystem::path& dataDir);

}  // namespace tlw
