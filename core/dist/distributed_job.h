#pragma once

// What the CLI holds while it runs as one rank of a data-parallel job: the process group joined from the
// launcher's environment (core/dist/distributed_context.h) and made the active one. Torch-free, so that
// app/tlw can own it. Without the launcher's variables it is a job of one and creates no c10d object.

#include <memory>
#include <string>

#include "core/dist/distributed_context.h"

namespace tlw {

class ProcessGroup;

struct DistributedJobOptions {
    std::string backend = "gloo";  // --dist-backend: gloo or nccl
    double timeoutSeconds = 60.0;  // --dist-timeout: rendezvous and every collective
};

class DistributedJob {
public:
    // Throws tlw::Error for bad variables, an unknown or missing backend, an unreachable master.
    explicit DistributedJob(const DistributedJobOptions& options,
                            const EnvironmentLookup& environment = processEnvironment());
    ~DistributedJob();
    DistributedJob(const DistributedJob&) = delete;
    DistributedJob& operator=(const DistributedJob&) = delete;

    const DistributedContext& context() const { return m_context; }

private:
    DistributedContext m_context;
    std::unique_ptr<ProcessGroup> m_group;
};

}  // namespace tlw
