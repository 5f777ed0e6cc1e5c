// The project file is the one user file only the GUI reads, so its fuzzing runs here, in the GUI's tests,
// with the same seeded mutations as tests/fuzz's targets: every mutant must open or be refused with a
// tlw::Error (issue 18). A failure prints the seed's mutant index; rerun with the same seed to replay.

#include <gtest/gtest.h>

#include "core/util/error.h"
#include "tests/fuzz/mutator.h"
#include "ui/project/project_file.h"

namespace tlw::ui {
namespace {

WorkbenchProject seedProject() {
    WorkbenchProject project;
    project.datasetFolder = QStringLiteral("/data/花卉");
    project.split = {0.25, 42, QStringLiteral("/data/split.json")};
    project.model.backbone = QStringLiteral("mobilenet_v2_1.00");
    project.model.imageSize = 192;
    project.model.trainable = {false, true, true};
    project.model.frozenPrefix = 1;
    project.training.epochs = 25;
    project.training.fineTune = tlw::FineTuneSettings{3, 11, 0.0001};
    project.training.augmentation = {true, 0.2, 0.1, 0.05, 0.3};
    project.lastModelPath = QStringLiteral("/data/models/flowers.tlwm");
    return project;
}

TEST(ProjectFileFuzz, EveryMutantOpensOrIsRefusedWithAnError) {
    const QByteArray seed = projectToJson(seedProject(), QStringLiteral("/data"));
    const std::vector<std::string> corpus = {seed.toStdString(), "{}",
                                             R"({"format": "tlworkbench-project"})"};
    fuzz::Mutator mutator(/*seed=*/1, /*maxLength=*/1 << 16);
    int refused = 0;
    constexpr int kMutants = 4000;
    for (int i = 0; i < kMutants; ++i) {
        const std::string mutant = mutator.mutate(corpus[mutator.pick(corpus.size())], corpus);
        try {
            projectFromJson(QByteArray::fromStdString(mutant), QStringLiteral("/data"),
                            QStringLiteral("p.tlwproj"));
        } catch (const tlw::Error&) {
            ++refused;
        } catch (const std::exception& e) {
            FAIL() << "mutant " << i << " escaped as " << e.what() << ":\n" << mutant;
        }
    }
    EXPECT_GT(refused, kMutants / 2);  // the mutations do reach the parser's refusals
}

}  // namespace
}  // namespace tlw::ui
