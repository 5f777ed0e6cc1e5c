#pragma once

#include "ui/pages/dataset_overview.h"

namespace tlw {
struct ScanResult;
}

namespace tlw::ui {

// The Dataset page's picture of a finished scan: classes with counts per subset and their image paths,
// every section of the report, the split's source. Paths are absolute.
DatasetOverview datasetOverviewFromScan(const tlw::ScanResult& scan);

}  // namespace tlw::ui
