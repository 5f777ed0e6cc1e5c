#pragma once

// The pieces of Keras's Progbar (verbose=1) line, so that a tlw run reads like the tutorial's model.fit():
//   3/8 [==========>...................] - ETA: 1s - loss: 0.5000 - accuracy: 0.7500
//   8/8 [==============================] - 2s 230ms/step - loss: 0.4123 - accuracy: 0.8571 - val_loss: ...

#include <cstddef>
#include <string>

namespace tlw::cli {

// "3/8 [==========>...................]": the count right-aligned to the total's digits, a 30-wide bar.
std::string kerasBar(std::size_t done, std::size_t total);

// Keras's ETA format: "45s", "3:07", "1:02:03".
std::string kerasEta(double seconds);

// " - 2s 230ms/step": the epoch's wall time and the time per step in s, ms or us as Keras picks.
std::string kerasEpochTime(double seconds, std::size_t steps);

}  // namespace tlw::cli
