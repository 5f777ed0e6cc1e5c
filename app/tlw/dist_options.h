#pragma once

// --dist-backend and --dist-timeout: what `tlw train`, `tlw resume` and `tlw features` take to run as one
// rank of a data-parallel job that a launcher (torchrun, srun) started with RANK, WORLD_SIZE, MASTER_ADDR
// and MASTER_PORT in the environment. See docs/DISTRIBUTED.md.

#include "core/dist/distributed_job.h"

namespace CLI {
class App;
}  // namespace CLI

namespace tlw::cli {

void addDistOptions(CLI::App& command, DistributedJobOptions& options);

}  // namespace tlw::cli
