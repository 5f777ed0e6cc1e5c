#include "core/train/feature_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "core/util/atomic_file.h"
#include "tests/support/file_size_limit.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

const ContentHash kFirst{1, 2};
const ContentHash kSecond{3, 4};

TEST(FeatureStore, CommittedRowsAreFoundAfterReopening) {
    const test::TempDir dir;
    {
        FeatureStore store(dir / "cut", 4);
        store.append(kFirst, "abcd");
        store.append(kSecond, "efgh");
        store.append(kFirst, "zzzz");  // already stored: ignored
        store.commit();
    }
    const FeatureStore again(dir / "cut", 4);
    EXPECT_FALSE(again.damaged());
    EXPECT_EQ(again.rowCount(), 2);
    EXPECT_EQ(again.rowOf(kFirst), 0);
    EXPECT_EQ(again.rowOf(kSecond), 1);
    EXPECT_EQ(readFileBytes(again.featureFile()), "abcdefgh");
}

TEST(FeatureStore, RowsWithoutACommitAreOverwrittenByTheNextRun) {
    const test::TempDir dir;
    {
        FeatureStore store(dir / "cut", 4);
        store.append(kFirst, "abcd");
        store.commit();
        store.append(kSecond, "efgh");  // an interrupted run: never named in the index
    }
    FeatureStore again(dir / "cut", 4);
    EXPECT_FALSE(again.has(kSecond));
    again.append(kSecond, "ijkl");
    again.commit();
    EXPECT_EQ(readFileBytes(again.featureFile()), "abcdijkl");
}

TEST(FeatureStore, ReadsRowsInAnyOrderAndReportsItsSize) {
    const test::TempDir dir;
    FeatureStore store(dir / "cut", 4);
    store.append(kFirst, "abcd");
    store.append(kSecond, "efgh");
    store.append(ContentHash{5, 6}, "ijkl");
    store.commit();
    std::string rows(5 * 4, '.');
    store.readRows({1, 2, 0, 0, 2}, reinterpret_cast<unsigned char*>(rows.data()));
    EXPECT_EQ(rows, "efghijklabcdabcdijkl");
    // features.bin, and index.bin: magic, row size and count, 16 bytes per hash.
    EXPECT_EQ(store.diskBytes(), 12 + 8 + 16 + 3 * 16);
}

TEST(FeatureStore, ADamagedIndexLeavesTheStoreEmptyWithANote) {
    const test::TempDir dir;
    {
        FeatureStore store(dir / "cut", 4);
        store.append(kFirst, "abcd");
        store.commit();
    }
    std::ofstream(dir / "cut" / "index.bin", std::ios::binary) << "garbage";
    const FeatureStore again(dir / "cut", 4);
    EXPECT_EQ(again.rowCount(), 0);
    EXPECT_TRUE(again.damaged());
}

TEST(FeatureStore, AnIndexForAnotherRowSizeIsDamaged) {
    const test::TempDir dir;
    {
        FeatureStore store(dir / "cut", 4);
        store.append(kFirst, "abcd");
        store.commit();
    }
    const FeatureStore again(dir / "cut", 2);
    EXPECT_EQ(again.rowCount(), 0);
    EXPECT_TRUE(again.damaged());
}

TEST(FeatureStore, AFullDiskGivesBackTheUncommittedRowsAndSaysWhy) {
    const test::TempDir dir;
    FeatureStore store(dir / "cut", 4);
    store.append(kFirst, "abcd");
    store.commit();
    try {
        const test::FileSizeLimit fullAfter(10);  // room for one more row and half of the next
        store.append(kSecond, "efgh");
        store.append(ContentHash{5, 6}, "ijkl");
        FAIL() << "the third row was written past the limit";
    } catch (const FeatureStoreWriteError& error) {
        EXPECT_EQ(error.file(), store.featureFile());
        EXPECT_NE(error.reason().find("cannot write cached features"), std::string::npos) << error.what();
    }
    EXPECT_EQ(readFileBytes(store.featureFile()), "abcd");
    EXPECT_FALSE(store.has(kSecond));
    EXPECT_EQ(store.rowCount(), 1);
    // The store stays usable once there is room again.
    store.append(kSecond, "efgh");
    store.commit();
    EXPECT_EQ(FeatureStore(dir / "cut", 4).rowCount(), 2);
}

TEST(FeatureStore, AFullDiskBeforeTheFirstCommitLeavesNoFeatureFile) {
    const test::TempDir dir;
    FeatureStore store(dir / "cut", 4);
    {
        const test::FileSizeLimit fullAfter(6);
        store.append(kFirst, "abcd");
        EXPECT_THROW(store.append(kSecond, "efgh"), FeatureStoreWriteError);
    }
    EXPECT_FALSE(std::filesystem::exists(store.featureFile()));
    EXPECT_EQ(store.rowCount(), 0);
}

}  // namespace
}  // namespace tlw
