#include "core/dist/process_group.h"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#if defined(USE_C10D_NCCL)
#include <torch/cuda.h>

#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "core/util/error.h"

namespace tlw {
namespace {

ProcessGroup* g_activeGroup = nullptr;

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string reasonOf(const std::exception& error) {
    if (const auto* torchError = dynamic_cast<const c10::Error*>(&error))
        return firstLine(torchError->what_without_backtrace());
    return firstLine(error.what());
}

std::string seconds(std::chrono::milliseconds timeout) {
    return std::to_string(timeout.count() / 1000) + " s";
}

c10::intrusive_ptr<c10d::TCPStore> connectStore(const DistributedContext& context, bool server,
                                                std::chrono::milliseconds timeout) {
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(context.masterPort);
    options.isServer = server;
    // Not TCPStore's own waitWorkers: with it, LibTorch 1.13's gloo rendezvous of three or more ranks timed
    // out in the store (two worked); waitForRanks counts them instead.
    options.waitWorkers = false;
    options.timeout = timeout;
    return c10::make_intrusive<c10d::TCPStore>(context.masterAddress, options);
}

bool isLoopback(const std::string& address) {
    return address == "localhost" || address.rfind("127.", 0) == 0 || address == "::1";
}

// Gloo's socket: the interface GLOO_SOCKET_IFNAME names (as in PyTorch), loopback for a job on one machine
// addressed as such, else the address this machine's hostname resolves to.
std::shared_ptr<::gloo::transport::Device> glooDevice(const DistributedContext& context) {
    if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface != nullptr && *interface)
        return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
    if (isLoopback(context.masterAddress))
        return c10d::ProcessGroupGloo::createDeviceForHostname(context.masterAddress);
    return c10d::ProcessGroupGloo::createDefaultDevice();
}

// Each rank bumps a counter in the store every second from its own connection, so that after a failed
// collective the survivors can tell which ranks went silent.
class Heartbeat {
public:
    Heartbeat(const DistributedContext& context, std::chrono::milliseconds timeout)
        : m_store(connectStore(context, false, timeout)), m_key(keyOf(context.rank)) {
        m_thread = std::thread([this] { beat(); });
    }
    ~Heartbeat() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    static std::string keyOf(int rank) { return "tlw/alive/" + std::to_string(rank); }

private:
    void beat() {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_stopping) {
            try {
                m_store->add(m_key, 1);
            } catch (const std::exception&) {
                return;  // the master is gone: the next collective says so
            }
            m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_stopping; });
        }
    }

    c10::intrusive_ptr<c10d::TCPStore> m_store;
    std::string m_key;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

// Every rank adds itself to a counter in the store and waits until all have: the rendezvous, with a message
// that says how many came.
void waitForRanks(c10d::TCPStore& store, const DistributedContext& context,
                  std::chrono::milliseconds timeout) {
    const std::string key = "tlw/joined";
    store.add(key, 1);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (int64_t joined = store.add(key, 0); joined < context.worldSize; joined = store.add(key, 0)) {
        if (std::chrono::steady_clock::now() > deadline)
            throw Error(context.describe() + ": only " + std::to_string(joined) + " of " +
                        std::to_string(context.worldSize) + " ranks reached the master at " +
                        context.masterAddress + ":" + std::to_string(context.masterPort) + " within " +
                        seconds(timeout));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace

DistBackend parseDistBackend(const std::string& text) {
    if (text == "gloo") return DistBackend::Gloo;
    if (text == "nccl") return DistBackend::Nccl;
    throw Error("--dist-backend must be gloo or nccl, not '" + text + "'");
}

bool ncclAvailable() {
#if defined(USE_C10D_NCCL)
    return torch::cuda::is_available();
#else
    return false;
#endif
}

struct ProcessGroup::Impl {
    DistributedContext context;
    ProcessGroupOptions options;
    c10::intrusive_ptr<c10d::TCPStore> store;
    c10::intrusive_ptr<c10d::ProcessGroup> group;
    std::unique_ptr<Heartbeat> heartbeat;
    torch::Device device = torch::kCPU;  // where the backend wants its tensors

    void join();
    // Which ranks stopped beating, for the message of a failed collective.
    std::string silentRanks() const;
    [[noreturn]] void fail(const std::string& operation, const std::exception& error) const;
    // Runs one collective and waits for it, turning a failure into a message naming the silent ranks.
    template <typename Start>
    void run(const std::string& operation, Start start) {
        try {
            const c10::intrusive_ptr<c10d::Work> work = start();
            waitWatchingForFailures(*work, operation);
            work->wait(options.timeout);
        } catch (const Error&) {
            throw;
        } catch (const std::exception& error) {
            fail(operation, error);
        }
    }
    // Until the work completes: a rank blocked on a peer that is itself blocked would notice a death
    // elsewhere only when its own connections broke. The first rank to notice publishes its diagnosis in
    // the store; the others read it within a second and stop with it.
    void waitWatchingForFailures(c10d::Work& work, const std::string& operation) const;
};

const char* const kFailureKey = "tlw/failure";

void ProcessGroup::Impl::waitWatchingForFailures(c10d::Work& work, const std::string& operation) const {
    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    auto nextLook = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (!work.isCompleted()) {
        const auto now = std::chrono::steady_clock::now();
        if (now > deadline) return;  // wait() reports the timeout
        if (now > nextLook) {
            nextLook = now + std::chrono::seconds(1);
            std::string failure;
            try {
                if (store->check({kFailureKey})) {
                    const std::vector<uint8_t> value = store->get(kFailureKey);
                    failure.assign(value.begin(), value.end());
                }
            } catch (const std::exception&) {
                // The store is gone with rank 0; the work fails by itself then (or has just completed).
            }
            if (!failure.empty())
                throw Error(context.describe() + ": the " + operation + " failed: " + failure);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
}

void ProcessGroup::Impl::join() {
    const std::string master = context.masterAddress + ":" + std::to_string(context.masterPort);
    try {
        store = connectStore(context, context.isMaster(), options.timeout);
    } catch (const std::exception& error) {
        if (context.isMaster())
            throw Error(context.describe() + ": cannot serve the rendezvous on " + master +
                        " (is the port taken?): " + reasonOf(error));
        throw Error(context.describe() + ": cannot reach the master (rank 0) at " + master + " within " +
                    seconds(options.timeout) +
                    ": is rank 0 running, are MASTER_ADDR and MASTER_PORT right and the port open? (" +
                    reasonOf(error) + ")");
    }
    try {
        waitForRanks(*store, context, options.timeout);
    } catch (const Error&) {
        throw;
    } catch (const std::exception& error) {
        throw Error(context.describe() + ": the master at " + master + " went away during the rendezvous (" +
                    reasonOf(error) + ")");
    }
    try {
        if (options.backend == DistBackend::Gloo) {
            auto glooOptions = c10d::ProcessGroupGloo::Options::create(options.timeout);
            glooOptions->devices.push_back(glooDevice(context));
            glooOptions->threads = 2;
            group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, context.rank, context.worldSize,
                                                                glooOptions);
        } else {
#if defined(USE_C10D_NCCL)
            device = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(context.localRank));
            auto ncclOptions = c10d::ProcessGroupNCCL::Options::create();
            ncclOptions->timeout = options.timeout;
            group = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, context.rank, context.worldSize,
                                                                ncclOptions);
#else
            throw Error("--dist-backend nccl: this LibTorch was built without NCCL; use --dist-backend gloo");
#endif
        }
    } catch (const Error&) {
        throw;
    } catch (const std::exception& error) {
        throw Error(context.describe() + ": the ranks could not connect to each other through " + master +
                    " within " + seconds(options.timeout) + ": " + reasonOf(error));
    }
    heartbeat = std::make_unique<Heartbeat>(context, options.timeout);
}

std::string ProcessGroup::Impl::silentRanks() const {
    try {
        c10::intrusive_ptr<c10d::TCPStore> probe = connectStore(context, false, std::chrono::seconds(5));
        const auto beats = [&] {
            std::vector<int64_t> counts(static_cast<size_t>(context.worldSize), -1);
            for (int rank = 0; rank < context.worldSize; ++rank)
                if (rank != context.rank && probe->check({Heartbeat::keyOf(rank)}))
                    counts[static_cast<size_t>(rank)] = probe->add(Heartbeat::keyOf(rank), 0);
            return counts;
        };
        const std::vector<int64_t> before = beats();
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        const std::vector<int64_t> after = beats();
        std::string silent;
        for (int rank = 0; rank < context.worldSize; ++rank)
            if (rank != context.rank && after[static_cast<size_t>(rank)] == before[static_cast<size_t>(rank)])
                silent += (silent.empty() ? "rank " : ", rank ") + std::to_string(rank);
        return silent;
    } catch (const std::exception&) {
        return "rank 0 (the master at " + context.masterAddress + ":" + std::to_string(context.masterPort) +
               " is gone)";
    }
}

void ProcessGroup::Impl::fail(const std::string& operation, const std::exception& error) const {
    const std::string reason = reasonOf(error);
    const std::string silent = silentRanks();
    if (!silent.empty()) {
        try {
            const std::string failure = silent + " stopped (killed, crashed or unreachable), as rank " +
                                        std::to_string(context.rank) + " found";
            store->set(kFailureKey, std::vector<uint8_t>(failure.begin(), failure.end()));
        } catch (const std::exception&) {
            // No store, no one to tell.
        }
    }
    // The store lives in rank 0: had it left at once, the other survivors (still probing) would have
    // blamed rank 0 for another's death.
    if (context.isMaster()) std::this_thread::sleep_for(std::chrono::seconds(3));
    throw Error(context.describe() + ": the " + operation + " failed: " +
                (silent.empty() ? std::string("a peer stopped answering within ") + seconds(options.timeout)
                                : silent + " stopped (killed, crashed or unreachable)") +
                " (" + reason + ")");
}

ProcessGroup::ProcessGroup(const DistributedContext& context, const ProcessGroupOptions& options)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->context = context;
    m_impl->options = options;
    m_impl->join();
}

ProcessGroup::~ProcessGroup() = default;

int ProcessGroup::rank() const { return m_impl->context.rank; }
int ProcessGroup::size() const { return m_impl->context.worldSize; }
const DistributedContext& ProcessGroup::context() const { return m_impl->context; }

void ProcessGroup::allReduceSum(torch::Tensor& tensor) {
    std::vector<torch::Tensor> tensors{tensor.to(m_impl->device).contiguous()};
    m_impl->run("all-reduce", [&] { return m_impl->group->allreduce(tensors); });
    if (!tensors[0].is_same(tensor)) tensor.copy_(tensors[0]);
}

torch::Tensor ProcessGroup::allGather(const torch::Tensor& tensor) {
    std::vector<torch::Tensor> input{tensor.to(m_impl->device).contiguous()};
    std::vector<std::vector<torch::Tensor>> output(1);
    for (int rank = 0; rank < size(); ++rank) output[0].push_back(torch::empty_like(input[0]));
    m_impl->run("all-gather", [&] { return m_impl->group->allgather(output, input); });
    return torch::stack(output[0]).to(tensor.device());
}

torch::Tensor ProcessGroup::allGatherRows(const torch::Tensor& rows) {
    const torch::Tensor counts = allGather(torch::tensor({rows.size(0)}, torch::kLong));
    const int64_t most = counts.max().item<int64_t>();
    if (most == 0) return rows.clone();  // nothing anywhere (gloo has no use for empty buffers)
    std::vector<int64_t> paddedShape = rows.sizes().vec();
    paddedShape[0] = most;
    torch::Tensor padded = torch::zeros(paddedShape, rows.options());
    if (rows.size(0) > 0) padded.narrow(0, 0, rows.size(0)).copy_(rows);
    const torch::Tensor gathered = allGather(padded);
    std::vector<torch::Tensor> parts;
    for (int rank = 0; rank < size(); ++rank)
        parts.push_back(gathered[rank].narrow(0, 0, counts[rank][0].item<int64_t>()));
    return torch::cat(parts);
}

void ProcessGroup::broadcast(torch::Tensor& tensor, int root) {
    std::vector<torch::Tensor> tensors{tensor.to(m_impl->device).contiguous()};
    c10d::BroadcastOptions options;
    options.rootRank = root;
    m_impl->run("broadcast", [&] { return m_impl->group->broadcast(tensors, options); });
    if (!tensors[0].is_same(tensor)) tensor.copy_(tensors[0]);
}

void ProcessGroup::barrier() {
    m_impl->run("barrier", [&] { return m_impl->group->barrier(); });
}

ProcessGroup* activeProcessGroup() { return g_activeGroup; }
void setActiveProcessGroup(ProcessGroup* group) { g_activeGroup = group; }

}  // namespace tlw
