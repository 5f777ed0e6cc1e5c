#pragma once

#include <QCoreApplication>
#include <QString>

#include "core/train/run_notice.h"

namespace tlw::ui {

// A training run's log line in the language installed now (core keeps it as data; see
// core/train/run_notice.h). Names, paths and figures are core's; the words are the window's. A core
// reason with no kind of its own (a skipped file's) is worded by its kind (SkipReasonText).
class RunNoticeText {
    Q_DECLARE_TR_FUNCTIONS(tlw::ui::RunNoticeText)
public:
    static QString of(const tlw::RunNotice& notice);
    // A phase's frozen layers as core describes them (FreezeSpec::describe()): "all", "none", or Keras's
    // own notation ("layers[:16]", indices, names), which stays as it is.
    static QString frozenLayers(const std::string& freeze);

private:
    static QString data(const tlw::RunNotice& notice);
    static QString preparation(const tlw::RunNotice& notice);
    static QString precision(const tlw::RunNotice& notice);
    static QString cache(const tlw::RunNotice& notice);
    static QString cacheFigures(const tlw::RunNotice& notice);
    static QString head(const tlw::RunNotice& notice);
    static QString headSolved(const tlw::RunNotice& notice);
    static QString epochs(const tlw::RunNotice& notice);
    static QString end(const tlw::RunNotice& notice);
    static QString subset(const std::string& what);  // "dataset", "validation", "test"
    static QString headSolveRefusal(int refusal);
    static QString calibrationNote(const std::string& note);
    static QString monitor(const std::string& id);
    static QString classWeights(const tlw::RunNotice& notice);
    static QString cachedLayers(const tlw::RunNotice& notice);
};

}  // namespace tlw::ui
