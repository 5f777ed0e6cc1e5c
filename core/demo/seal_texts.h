#pragma once

#include <random>
#include <string>

namespace tlw {

// The characters carved on one seal, in reading order (right column first, top to bottom): name seals
// (姓名印: "張文之印"), studio seals (齋館印: "聽雨軒") and leisure phrases (閒章: "長樂未央"), in the
// traditional characters seals are cut in. count is 2, 3 or 4.
std::u32string pickSealText(int count, std::mt19937& rng);

// Every code point pickSealText can return, sorted and unique: a font must cover them all.
std::u32string sealCodePoints();

}  // namespace tlw
