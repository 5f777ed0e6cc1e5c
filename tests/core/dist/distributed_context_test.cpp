#include "core/dist/distributed_context.h"

#include <gtest/gtest.h>

#include <map>

#include "core/dist/distributed_job.h"
#include "core/dist/process_group.h"
#include "core/util/error.h"

namespace tlw {
namespace {

EnvironmentLookup environmentOf(std::map<std::string, std::string> variables) {
    return [variables](const std::string& name) -> std::optional<std::string> {
        const auto found = variables.find(name);
        if (found == variables.end()) return std::nullopt;
        return found->second;
    };
}

std::string errorOf(const std::map<std::string, std::string>& variables) {
    try {
        distributedContextFrom(environmentOf(variables));
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(DistributedContextTest, WithoutLauncherVariablesItIsOneProcess) {
    const DistributedContext context = distributedContextFrom(environmentOf({{"MASTER_PORT", "1234"}}));
    EXPECT_FALSE(context.distributed());
    EXPECT_EQ(context.rank, 0);
    EXPECT_EQ(context.worldSize, 1);
}

TEST(DistributedContextTest, ReadsTorchrunVariables) {
    const DistributedContext context = distributedContextFrom(environmentOf({{"RANK", "2"},
                                                                             {"WORLD_SIZE", "4"},
                                                                             {"LOCAL_RANK", "0"},
                                                                             {"MASTER_ADDR", "node1"},
                                                                             {"MASTER_PORT", "29500"},
                                                                             {"SLURM_PROCID", "9"},
                                                                             {"SLURM_NTASKS", "16"}}));
    EXPECT_TRUE(context.distributed());
    EXPECT_EQ(context.rank, 2);
    EXPECT_EQ(context.worldSize, 4);
    EXPECT_EQ(context.masterAddress, "node1");
    EXPECT_EQ(context.masterPort, 29500);
    EXPECT_EQ(context.source, "torchrun");  // torchrun's variables win over an enclosing Slurm job's
    EXPECT_EQ(context.describe(), "rank 2 of 4");
}

TEST(DistributedContextTest, FallsBackToSlurm) {
    const DistributedContext context = distributedContextFrom(environmentOf({{"SLURM_PROCID", "1"},
                                                                             {"SLURM_NTASKS", "2"},
                                                                             {"SLURM_LOCALID", "1"},
                                                                             {"MASTER_ADDR", "10.0.0.1"},
                                                                             {"MASTER_PORT", "29400"}}));
    EXPECT_EQ(context.rank, 1);
    EXPECT_EQ(context.worldSize, 2);
    EXPECT_EQ(context.localRank, 1);
    EXPECT_EQ(context.source, "slurm");
}

TEST(DistributedContextTest, ASlurmStepOfOneTaskIsOneProcess) {
    EXPECT_FALSE(
        distributedContextFrom(environmentOf({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "1"}})).distributed());
}

TEST(DistributedContextTest, BadValuesNameTheVariable) {
    EXPECT_NE(errorOf({{"RANK", "one"}, {"WORLD_SIZE", "2"}}).find("RANK is 'one'"), std::string::npos);
    EXPECT_NE(errorOf({{"RANK", "0"}, {"WORLD_SIZE", "0"}}).find("WORLD_SIZE is '0'"), std::string::npos);
    EXPECT_NE(errorOf({{"RANK", "0"}, {"WORLD_SIZE", "2x"}}).find("WORLD_SIZE"), std::string::npos);
    EXPECT_NE(errorOf({{"WORLD_SIZE", "2"}}).find("RANK is not"), std::string::npos);
    EXPECT_NE(errorOf({{"RANK", "2"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "a"}, {"MASTER_PORT", "1"}})
                  .find("RANK is 2 but WORLD_SIZE is 2"),
              std::string::npos);
    EXPECT_NE(
        errorOf({{"RANK", "1"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "1"}}).find("MASTER_ADDR is not set"),
        std::string::npos);
    EXPECT_NE(errorOf({{"RANK", "1"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "a"}, {"MASTER_PORT", "70000"}})
                  .find("MASTER_PORT is '70000'"),
              std::string::npos);
}

TEST(DistributedJobTest, AJobOfOneChecksTheBackendAndCreatesNothing) {
    const DistributedJob job(DistributedJobOptions{}, environmentOf({}));
    EXPECT_FALSE(job.context().distributed());
    DistributedJobOptions nccl;
    nccl.backend = "nccl";
    if (ncclAvailable()) return;  // a CUDA LibTorch with NCCL and tlw built with TLW_C10D_NCCL
    try {
        DistributedJob failing(nccl, environmentOf({}));
        FAIL() << "nccl accepted in a build without it";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("built without NCCL"), std::string::npos) << e.what();
    }
    DistributedJobOptions unknown;
    unknown.backend = "mpi";
    EXPECT_THROW(DistributedJob(unknown, environmentOf({})), Error);
}

}  // namespace
}  // namespace tlw
