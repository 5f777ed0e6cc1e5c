#include "core/dist/distributed_context.h"

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "core/util/error.h"

namespace tlw {
namespace {

// A whole number in [minimum, maximum] or a tlw::Error naming the variable and its value.
int wholeNumber(const std::string& name, const std::string& text, long minimum, long maximum) {
    errno = 0;
    char* end = nullptr;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || end == text.c_str() || *end != '\0' || errno == ERANGE || value < minimum ||
        value > maximum)
        throw Error("the environment variable " + name + " is '" + text + "': expected a whole number from " +
                    std::to_string(minimum) + " to " + std::to_string(maximum));
    return static_cast<int>(value);
}

struct RankVariables {
    const char* rank;
    const char* worldSize;
    const char* localRank;
    const char* source;
};

constexpr RankVariables kTorchrun{"RANK", "WORLD_SIZE", "LOCAL_RANK", "torchrun"};
constexpr RankVariables kSlurm{"SLURM_PROCID", "SLURM_NTASKS", "SLURM_LOCALID", "slurm"};

std::string required(const EnvironmentLookup& environment, const std::string& name,
                     const DistributedContext& context) {
    const std::optional<std::string> value = environment(name);
    if (!value || value->empty())
        throw Error(context.describe() + ": the environment variable " + name +
                    " is not set; every rank needs MASTER_ADDR and MASTER_PORT (the address and port of "
                    "rank 0), as torchrun sets them");
    return *value;
}

DistributedContext readRanks(const EnvironmentLookup& environment, const RankVariables& names) {
    DistributedContext context;
    context.source = names.source;
    context.worldSize = wholeNumber(names.worldSize, *environment(names.worldSize), 1, 65536);
    const std::optional<std::string> rank = environment(names.rank);
    if (!rank) throw Error(std::string(names.worldSize) + " is set but " + names.rank + " is not");
    context.rank = wholeNumber(names.rank, *rank, 0, 65535);
    if (context.rank >= context.worldSize)
        throw Error(std::string(names.rank) + " is " + std::to_string(context.rank) + " but " +
                    names.worldSize + " is " + std::to_string(context.worldSize) +
                    ": ranks run from 0 to the world size - 1");
    if (const std::optional<std::string> local = environment(names.localRank))
        context.localRank = wholeNumber(names.localRank, *local, 0, 65535);
    return context;
}

}  // namespace

std::string DistributedContext::describe() const {
    return "rank " + std::to_string(rank) + " of " + std::to_string(worldSize);
}

EnvironmentLookup processEnvironment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
    };
}

DistributedContext distributedContextFrom(const EnvironmentLookup& environment) {
    DistributedContext context;
    if (environment(kTorchrun.worldSize))
        context = readRanks(environment, kTorchrun);
    else if (environment(kSlurm.worldSize))
        context = readRanks(environment, kSlurm);
    if (!context.distributed()) return DistributedContext{};
    context.masterAddress = required(environment, "MASTER_ADDR", context);
    context.masterPort = wholeNumber("MASTER_PORT", required(environment, "MASTER_PORT", context), 1, 65535);
    return context;
}

}  // namespace tlw
