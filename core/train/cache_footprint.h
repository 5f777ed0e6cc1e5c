#pragma once

// What a run's cached features take, for the run header: a run holds no more than this of them. Torch-free.

#include <cstdint>
#include <string>

namespace tlw {

struct CacheFootprint {
    std::int64_t ramBytes = 0;     // held in RAM for the run
    std::int64_t mappedBytes = 0;  // beyond the RAM budget: read through a memory map, paged by the kernel
    std::int64_t diskBytes = 0;    // the cache files they are read from (rows of other runs' images included)
    std::int64_t ramBudgetBytes = 0;

    bool empty() const { return ramBytes == 0 && mappedBytes == 0 && diskBytes == 0; }
    // "19.5 MiB in RAM (budget 5.8 GiB), 19.6 MiB on disk"; the mapped part only when there is one.
    std::string describe() const;
};

// Binary units, one decimal from KiB on: "512 B", "346.1 KiB", "3.3 GiB".
std::string formatByteSize(std::int64_t bytes);

}  // namespace tlw
