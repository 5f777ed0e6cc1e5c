#include "core/dist/distributed_job.h"

#include <cmath>

#include "core/dist/process_group.h"
#include "core/util/error.h"

namespace tlw {

DistributedJob::DistributedJob(const DistributedJobOptions& options, const EnvironmentLookup& environment)
    : m_context(distributedContextFrom(environment)) {
    ProcessGroupOptions groupOptions;
    // The backend is checked in a job of one as well: a typo must not wait for the day it runs on a cluster.
    groupOptions.backend = parseDistBackend(options.backend);
    if (!std::isfinite(options.timeoutSeconds) || options.timeoutSeconds < 1 ||
        options.timeoutSeconds > 86400)
        throw Error("--dist-timeout must be from 1 to 86400 seconds");
    groupOptions.timeout = std::chrono::milliseconds(static_cast<long long>(options.timeoutSeconds * 1000));
    if (groupOptions.backend == DistBackend::Nccl && !ncclAvailable())
        throw Error(
            "--dist-backend nccl: this LibTorch was built without NCCL (or tlw without TLW_C10D_NCCL); use "
            "--dist-backend gloo");
    if (!m_context.distributed()) return;
    m_group = std::make_unique<ProcessGroup>(m_context, groupOptions);
    setActiveProcessGroup(m_group.get());
}

DistributedJob::~DistributedJob() {
    if (m_group) setActiveProcessGroup(nullptr);
}

}  // namespace tlw
