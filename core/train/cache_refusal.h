#pragma once

#include <string>

namespace tlw {

// Why a training phase does not read its frozen layers' features from the cache. A kind, not words, so
// that the window can say it in the user's language; cacheRefusalReason() gives the log's English.
enum class CacheRefusal {
    None,           // the cache is used
    TurnedOff,      // the user turned the cache off
    NothingFrozen,  // no frozen layers at the start of the network
    Augmenting,     // random augmentation changes the training images every epoch (validation is cached)
};

CacheRefusal cacheRefusalOf(bool cacheEnabled, bool augmenting, int cut);
std::string cacheRefusalReason(CacheRefusal refusal);

}  // namespace tlw
