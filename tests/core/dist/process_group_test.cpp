// c10d's TCPStore and ProcessGroupGloo for real, with the ranks as threads of this process on 127.0.0.1.
#include "core/dist/process_group.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <future>
#include <thread>

#include "core/util/error.h"
#include "tests/support/free_port.h"

namespace tlw {
namespace {

DistributedContext rankOf(int rank, int size, int port) {
    DistributedContext context;
    context.rank = rank;
    context.worldSize = size;
    context.masterAddress = "127.0.0.1";
    context.masterPort = port;
    return context;
}

ProcessGroupOptions quick() {
    ProcessGroupOptions options;
    options.timeout = std::chrono::seconds(20);
    return options;
}

// Runs `work` as every rank of a job of `size`, each on its own thread with its own process group.
void onEveryRank(int size, const std::function<void(ProcessGroup&)>& work) {
    const int port = test::freeLocalPort();
    std::vector<std::future<void>> ranks;
    for (int rank = 0; rank < size; ++rank)
        ranks.push_back(std::async(std::launch::async, [=] {
            ProcessGroup group(rankOf(rank, size, port), quick());
            work(group);
        }));
    for (auto& rank : ranks) rank.get();
}

TEST(ProcessGroupTest, SumsGathersAndBroadcastsAcrossThreeRanks) {
    onEveryRank(3, [](ProcessGroup& group) {
        const auto rank = static_cast<float>(group.rank());
        torch::Tensor values = torch::tensor({rank, 1.0f});
        group.allReduceSum(values);
        EXPECT_FLOAT_EQ(values[0].item<float>(), 3.0f);  // 0 + 1 + 2
        EXPECT_FLOAT_EQ(values[1].item<float>(), 3.0f);

        // Rank r holds r rows of value r: 0 rows, 1 row of 1, 2 rows of 2.
        const torch::Tensor rows = torch::full({group.rank(), 2}, rank);
        const torch::Tensor all = group.allGatherRows(rows);
        ASSERT_EQ(all.size(0), 3);
        EXPECT_TRUE(torch::equal(all.select(1, 0), torch::tensor({1.0f, 2.0f, 2.0f})));

        torch::Tensor fromRoot = torch::full({4}, rank);
        group.broadcast(fromRoot, 0);
        EXPECT_TRUE(torch::equal(fromRoot, torch::zeros({4})));
        group.barrier();
    });
}

TEST(ProcessGroupTest, AnUnreachableMasterIsNamedWithinTheTimeout) {
    ProcessGroupOptions options;
    options.timeout = std::chrono::seconds(2);
    const int port = test::freeLocalPort();  // nobody listens there
    const auto start = std::chrono::steady_clock::now();
    try {
        ProcessGroup group(rankOf(1, 2, port), options);
        FAIL() << "joined a job whose master does not exist";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("rank 1 of 2: cannot reach the master (rank 0) at 127.0.0.1:" +
                               std::to_string(port)),
                  std::string::npos)
            << message;
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST(ProcessGroupTest, ARankThatLeavesIsNamedByTheOthers) {
    const int port = test::freeLocalPort();
    std::promise<void> leaving;
    auto survivor = std::async(std::launch::async, [&] {
        ProcessGroup group(rankOf(0, 2, port), quick());
        group.barrier();
        leaving.get_future().wait();
        torch::Tensor value = torch::ones({1});
        try {
            group.allReduceSum(value);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    });
    {
        ProcessGroup group(rankOf(1, 2, port), quick());
        group.barrier();
    }  // rank 1 leaves: its connections close
    leaving.set_value();
    const std::string message = survivor.get();
    EXPECT_NE(message.find("rank 0 of 2: the all-reduce failed: rank 1 stopped"), std::string::npos)
        << message;
}

}  // namespace
}  // namespace tlw
