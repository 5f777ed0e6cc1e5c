#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <atomic>
#include <vector>

#include "ui/widgets/similar_strip.h"

namespace tlw {
class TrainedModel;
}

namespace tlw::ui {

// What a "looks like" search found for a batch of images.
struct SimilarSearchResult {
    QHash<QString, std::vector<SimilarTrainingImage>> nearest;  // by query path
    QHash<QString, QString> errors;  // by query path: why a query could not be read
    // Set when the training images are not where the model says they were (moved or deleted): the folder
    // the model names. Nothing else is set then.
    QString missingTrainingFolder;
};

// Runs core's findSimilarTrainingImages for the queries (on a worker thread: the training images'
// features are computed once, then reused from the feature cache). k nearest, or with perClass the nearest
// of each class. A training folder that is gone is reported, not thrown; other failures throw tlw::Error.
SimilarSearchResult searchSimilarImages(const tlw::TrainedModel& model, const QStringList& queries, int k,
                                        bool perClass, const std::atomic<bool>* cancel);

}  // namespace tlw::ui
