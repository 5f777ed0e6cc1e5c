#pragma once

// Core-internal (LibTorch): this process's membership of a c10d process group, PyTorch's own distributed
// engine: a TCPStore on rank 0 for the rendezvous and ProcessGroupGloo (CPU) or, in CUDA builds with
// USE_C10D_NCCL, ProcessGroupNCCL for the collectives. Every collective waits at most the timeout; a peer
// that died or stopped answering turns into a tlw::Error naming the ranks that went silent, never a hang.

#include <torch/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/dist/distributed_context.h"

namespace tlw {

enum class DistBackend { Gloo, Nccl };

// "gloo" or "nccl"; throws tlw::Error listing them.
DistBackend parseDistBackend(const std::string& text);
// Whether this LibTorch (and this build of tlw) has NCCL.
bool ncclAvailable();

struct ProcessGroupOptions {
    DistBackend backend = DistBackend::Gloo;
    // For the rendezvous (every rank reaching rank 0) and for every collective after it.
    std::chrono::milliseconds timeout{60000};
};

class ProcessGroup {
public:
    // Joins the job `context` describes: rank 0 listens on MASTER_PORT, the others connect to it. Throws
    // tlw::Error when the master cannot be reached in time (naming address:port), the port is taken, or
    // the backend is missing from this LibTorch.
    ProcessGroup(const DistributedContext& context, const ProcessGroupOptions& options);
    ~ProcessGroup();
    ProcessGroup(const ProcessGroup&) = delete;
    ProcessGroup& operator=(const ProcessGroup&) = delete;

    int rank() const;
    int size() const;
    const DistributedContext& context() const;

    // In place: the element-wise sum over all ranks.
    void allReduceSum(torch::Tensor& tensor);
    // Every rank's tensor (same shape on all), stacked: size() x shape.
    torch::Tensor allGather(const torch::Tensor& tensor);
    // Rows of every rank concatenated in rank order; the ranks may hold different numbers of rows.
    torch::Tensor allGatherRows(const torch::Tensor& rows);
    // In place: root's values on every rank.
    void broadcast(torch::Tensor& tensor, int root = 0);
    void barrier();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The process group `tlw train`, `tlw resume` and `tlw features` joined, as torch.distributed keeps a
// default group; null for a single process. DistributedJob (core/dist/distributed_job.h) sets it.
ProcessGroup* activeProcessGroup();
void setActiveProcessGroup(ProcessGroup* group);

}  // namespace tlw
