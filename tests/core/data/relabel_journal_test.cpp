#include "core/data/relabel_journal.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "core/data/dataset_index.h"
#include "core/util/error.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;

std::string contentOf(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(RelabelJournalTest, AMoveIsJournalledAndUndoneEvenInALaterSession) {
    const test::TempDir dir;
    test::writeBytes(dir / "train" / "ants" / "a.png", "png bytes");
    fs::create_directories(dir / "train" / "bees");
    const RelabelMove move = moveToClass(dir.path(), dir / "train" / "ants" / "a.png", "bees");
    EXPECT_EQ(move.from, fs::path("train/ants/a.png"));
    EXPECT_EQ(move.to, fs::path("train/bees/a.png"));
    EXPECT_FALSE(fs::exists(dir / "train" / "ants" / "a.png"));
    EXPECT_TRUE(fs::exists(dir / "train" / "bees" / "a.png"));
    ASSERT_EQ(readRelabelJournal(dir.path()).size(), 1u);  // read from the file, as a later session does
    EXPECT_EQ(readRelabelJournal(dir.path())[0].to, move.to);

    const std::optional<RelabelMove> undone = undoLastMove(dir.path());
    ASSERT_TRUE(undone.has_value());
    EXPECT_EQ(undone->to, move.to);
    EXPECT_TRUE(fs::exists(dir / "train" / "ants" / "a.png"));
    EXPECT_FALSE(fs::exists(dir / "train" / "bees" / "a.png"));
    EXPECT_TRUE(readRelabelJournal(dir.path()).empty());
    EXPECT_FALSE(undoLastMove(dir.path()).has_value());
}

TEST(RelabelJournalTest, NothingIsReplacedAndBadMovesNameTheFile) {
    const test::TempDir dir;
    test::writeBytes(dir / "ants" / "a.png", "ant");
    test::writeBytes(dir / "bees" / "a.png", "bee");
    try {
        moveToClass(dir.path(), dir / "ants" / "a.png", "bees");
        FAIL() << "replaced a file";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), dir / "bees" / "a.png");
    }
    EXPECT_TRUE(fs::exists(dir / "ants" / "a.png"));
    EXPECT_THROW(moveToClass(dir.path(), dir / "ants" / "a.png", "ants"), Error);
    EXPECT_THROW(moveToClass(dir.path(), dir / "ants" / "a.png", "../x"), Error);
    const test::TempDir other;
    test::writeBytes(other / "c" / "b.png", "b");
    EXPECT_THROW(moveToClass(dir.path(), other / "c" / "b.png", "bees"), Error);
    EXPECT_TRUE(readRelabelJournal(dir.path()).empty());

    // A moved file taken away by hand: the undo refuses and keeps the record.
    moveToClass(dir.path(), dir / "ants" / "a.png", "wasps");
    fs::remove(dir / "wasps" / "a.png");
    EXPECT_THROW(undoLastMove(dir.path()), Error);
    EXPECT_EQ(readRelabelJournal(dir.path()).size(), 1u);
}

TEST(RelabelJournalTest, QuarantineKeepsThePlaceNeverReplacesAndIsUndone) {
    const test::TempDir dir;
    test::writeBytes(dir / "train" / "ants" / "a.png", "first");
    test::writeBytes(dir / "val" / "ants" / "b.png", "val");
    const RelabelMove move = moveToQuarantine(dir.path(), dir / "train" / "ants" / "a.png");
    EXPECT_EQ(move.to, fs::path(".tlw-quarantine/train/ants/a.png"));
    EXPECT_EQ(quarantinePath(dir.path()), dir / ".tlw-quarantine");
    EXPECT_TRUE(fs::exists(dir / ".tlw-quarantine" / "train" / "ants" / "a.png"));
    EXPECT_FALSE(fs::exists(dir / "train" / "ants" / "a.png"));
    EXPECT_THROW(moveToQuarantine(dir.path(), dir / ".tlw-quarantine" / "train" / "ants" / "a.png"), Error);

    // A new a.png quarantined from the same place: a second name, the first file kept.
    test::writeBytes(dir / "train" / "ants" / "a.png", "second");
    const RelabelMove again = moveToQuarantine(dir.path(), dir / "train" / "ants" / "a.png");
    EXPECT_EQ(again.to, fs::path(".tlw-quarantine/train/ants/a (2).png"));
    EXPECT_EQ(contentOf(dir / ".tlw-quarantine" / "train" / "ants" / "a.png"), "first");
    ASSERT_EQ(readRelabelJournal(dir.path()).size(), 2u);

    ASSERT_TRUE(undoLastMove(dir.path()).has_value());
    EXPECT_EQ(contentOf(dir / "train" / "ants" / "a.png"), "second");
    EXPECT_FALSE(fs::exists(dir / ".tlw-quarantine" / "train" / "ants" / "a (2).png"));
    EXPECT_EQ(readRelabelJournal(dir.path()).size(), 1u);
}

TEST(RelabelJournalTest, AGroupOfMovesIsUndoneAsOne) {
    const test::TempDir dir;
    for (const char* name : {"a.png", "b.png", "c.png", "d.png"}) test::writeBytes(dir / "ants" / name, name);
    const RelabelMove alone = moveToClass(dir.path(), dir / "ants" / "a.png", "bees");
    const RelabelMove first = moveToQuarantine(dir.path(), dir / "ants" / "b.png");
    EXPECT_NE(first.group, alone.group);
    EXPECT_EQ(moveToQuarantine(dir.path(), dir / "ants" / "c.png", first.group).group, first.group);
    EXPECT_EQ(moveToClass(dir.path(), dir / "ants" / "d.png", "bees", first.group).group, first.group);
    EXPECT_EQ(readRelabelJournal(dir.path()).back().group, first.group);  // kept in the file

    const std::vector<RelabelMove> undone = undoLastGroup(dir.path());
    ASSERT_EQ(undone.size(), 3u);
    EXPECT_EQ(undone.front().from, fs::path("ants/d.png"));  // latest first
    for (const char* name : {"b.png", "c.png", "d.png"}) EXPECT_TRUE(fs::exists(dir / "ants" / name)) << name;
    EXPECT_TRUE(fs::exists(dir / "bees" / "a.png"));  // the move before the group stays
    ASSERT_EQ(readRelabelJournal(dir.path()).size(), 1u);
    EXPECT_EQ(undoLastGroup(dir.path()).size(), 1u);
    EXPECT_TRUE(undoLastGroup(dir.path()).empty());
}

TEST(RelabelJournalTest, TheScanReadsNoClassFromTheQuarantineAndDoesNotCountIt) {
    for (const bool splitFolders : {false, true}) {
        const test::TempDir dir;
        const fs::path classes = splitFolders ? dir / "train" : dir.path();
        test::writeBytes(classes / "ants" / "a.png", "a");
        test::writeBytes(classes / "ants" / "b.png", "b");
        if (splitFolders) test::writeBytes(dir / "val" / "ants" / "c.png", "c");
        moveToQuarantine(dir.path(), classes / "ants" / "a.png");
        const DatasetIndex index = indexDataset(dir.path());
        EXPECT_EQ(index.classNames, std::vector<std::string>{"ants"});
        EXPECT_EQ(index.hiddenEntries, 0u) << splitFolders;  // neither the journal nor the quarantine
        EXPECT_EQ(index.files.size(), splitFolders ? 2u : 1u);
    }
}

TEST(RelabelJournalTest, ADamagedJournalIsAnErrorNamingIt) {
    const test::TempDir dir;
    test::writeBytes(relabelJournalPath(dir.path()), "{ not json");
    try {
        readRelabelJournal(dir.path());
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), relabelJournalPath(dir.path()));
    }
}

}  // namespace
}  // namespace tlw
