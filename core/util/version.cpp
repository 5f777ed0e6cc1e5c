#include "core/util/version.h"

#include <H5public.h>
#include <torch/version.h>

#include <opencv2/core/version.hpp>

#include "core/version_info.h"

namespace tlw {

std::string tlwVersion() { return TLW_VERSION_STRING; }

std::string libtorchVersion() { return TORCH_VERSION; }

std::string opencvVersion() { return CV_VERSION; }

std::string hdf5Version() {
    unsigned major = 0, minor = 0, release = 0;
    H5get_libversion(&major, &minor, &release);
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

}  // namespace tlw
