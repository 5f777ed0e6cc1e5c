#include "app/tlw/dist_options.h"

#include <CLI/CLI.hpp>

namespace tlw::cli {

void addDistOptions(CLI::App& command, DistributedJobOptions& options) {
    command
        .add_option("--dist-backend", options.backend,
                    "When started by torchrun or srun (RANK/WORLD_SIZE or SLURM_PROCID/SLURM_NTASKS set): "
                    "gloo (CPU) or nccl (CUDA builds of LibTorch with NCCL only)")
        ->capture_default_str();
    command
        .add_option("--dist-timeout", options.timeoutSeconds,
                    "Seconds to wait for the other ranks: at the rendezvous and in every exchange (a dead "
                    "rank is then reported by number); longer than rank 0 takes to write a checkpoint")
        ->capture_default_str();
}

}  // namespace tlw::cli
