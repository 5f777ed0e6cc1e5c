#pragma once

// A gtest fixture for the command tests that train on hymenoptera_tiny themselves: tlw runs with a home
// folder of the test's own (trainingEnvironmentText: weights from ../shared, the feature cache inside that
// home), and the test's files go to m_out.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/app/tlw/tlw_runner.h"
#include "tests/app/tlw/train_fixtures.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw::test {

class TinyTrainingTest : public ::testing::Test {
protected:
    void SetUp() override { TLW_REQUIRE_SHARED(tinyHymenoptera()); }
    TlwRun tlw(const std::vector<std::string>& arguments) const {
        return runTlw(arguments, trainingEnvironmentText(m_home.path()));
    }

    TempDir m_home;
    TempDir m_out;
};

}  // namespace tlw::test
