#pragma once

// Where this process stands in a data-parallel job, read from the environment exactly as PyTorch's
// launchers set it (torchrun: RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT; Slurm's srun:
// SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID, with MASTER_ADDR and MASTER_PORT given by the batch script).
// Torch-free: the CLI reads it to decide whether to join a process group at all.

#include <functional>
#include <optional>
#include <string>

namespace tlw {

struct DistributedContext {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    std::string masterAddress;  // empty for a single process
    int masterPort = 0;
    std::string source;  // "torchrun" (RANK/WORLD_SIZE), "slurm", or "" for a single process

    // More than one process: only then is a process group created.
    bool distributed() const { return worldSize > 1; }
    bool isMaster() const { return rank == 0; }
    // "rank 1 of 3"
    std::string describe() const;
};

// Looks a variable up; nullopt when unset. The process environment by default, a map in tests.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvironmentLookup processEnvironment();

// RANK/WORLD_SIZE first, else SLURM_PROCID/SLURM_NTASKS (a Slurm job step of one task is one process),
// else a single process. Throws tlw::Error naming the variable for a value that is not a whole number in
// range, a rank not below the world size, or a missing MASTER_ADDR/MASTER_PORT when there are several.
DistributedContext distributedContextFrom(const EnvironmentLookup& environment);

}  // namespace tlw
