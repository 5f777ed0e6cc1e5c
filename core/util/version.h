#pragma once

#include <string>

namespace tlw {

// Versions shown by `tlw --version` and the About dialog.
std::string tlwVersion();
std::string libtorchVersion();
std::string opencvVersion();
std::string hdf5Version();

}  // namespace tlw
