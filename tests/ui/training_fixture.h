#pragma once

#include <QString>
#include <filesystem>

#include "tests/ui/workbench_fixture.h"

namespace tlw::ui::test {

// The workbench ready for a real training run on ../shared/datasets/hymenoptera_tiny (20 training and
// 10 validation images of ants and bees) with SqueezeNet and its real ImageNet weights at a small image
// size, so a run takes seconds. Everything through the real widgets, as a user would set it up.
class TrainingWorkbenchTest : public WorkbenchTest {
protected:
    // False (with a reason logged) when the shared data is missing or a step does not finish.
    bool prepareTinySqueezeNet(int imageSize = 64);
    // The same with another dataset folder.
    bool prepareSqueezeNet(const std::filesystem::path& dataset, int imageSize = 64);
    bool haveSharedData() const;
    // Epochs, batch size and no early stopping, typed into the Training page's form.
    void setEpochs(int epochs, int batchSize = 8);
    void clickStart();
    bool waitForTrainingToEnd(int timeoutMs = 180000);
    int accuracyPoints(bool validation) const;
    int lossPoints(bool validation) const;
};

// A SqueezeNet model trained for one epoch on hymenoptera_tiny at 64x64 through core's engine, once per
// test process; empty when the shared data is missing. For tests of the pages that use a model.
std::filesystem::path tinyTrainedModel();

}  // namespace tlw::ui::test
