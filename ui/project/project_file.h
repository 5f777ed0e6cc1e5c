#pragma once

#include <QString>
#include <QStringList>

#include "core/train/training_config.h"
#include "ui/pages/dataset_overview.h"
#include "ui/pages/model_page.h"

namespace tlw::ui {

// Everything a user set up, saved as one .tlwproj file (JSON) so that the work can be picked up again:
// the dataset and its split, the model and its freeze set, the hyper-parameters, the last model saved.
struct WorkbenchProject {
    QString datasetFolder;
    SplitSettings split;
    ModelSettings model;
    tlw::TrainingConfig training;
    QString lastModelPath;
    // The models of the runs made in this project (their records sit beside them: MODEL.run.json), oldest
    // first: the Training page's Runs tab lists them. Optional in the file; older projects have none.
    QStringList runModels;
};

// 2: the training settings are core's JSON (hyperParametersToJson); 1: the window's own keys, still read.
inline constexpr int kProjectFormatVersion = 2;
inline constexpr char kProjectFormatName[] = "tlworkbench-project";

// The JSON text: {"format": "tlworkbench-project", "version": 2, "dataset": {...}, "model": {...},
// "training": {...}, "last_model": ..., "runs": [...]}. Paths inside `projectFolder` are written relative to
// it, so a project folder can be moved or shared whole; others stay absolute.
QByteArray projectToJson(const WorkbenchProject& project, const QString& projectFolder);
// Throws tlw::Error(fileForErrors, reason) for text that is not a project: not JSON ("not valid JSON
// (unterminated object at offset 120)"), another format, a newer version, a missing or mistyped field
// ("model.image_size: expected a whole number"), a value out of range.
WorkbenchProject projectFromJson(const QByteArray& json, const QString& projectFolder,
                                 const QString& fileForErrors);

// Atomic (QSaveFile: a temporary file, flushed, renamed over the old one). Throws tlw::Error.
void writeProjectFile(const QString& file, const WorkbenchProject& project);
// The same for JSON already made by projectToJson() with the file's folder (callable from any thread).
void writeProjectJson(const QString& file, const QByteArray& json);
// Throws tlw::Error naming the file and the reason.
WorkbenchProject readProjectFile(const QString& file);

}  // namespace tlw::ui
