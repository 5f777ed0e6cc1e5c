// The audit's four CSV files (core/eval/data_audit.h).
#include <cstdio>

#include "core/eval/data_audit.h"
#include "core/util/csv_field.h"

namespace tlw {
namespace {

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6f", value);
    return text;
}

std::string className(const DataAuditResult& result, int label) {
    return csvField(result.classNames.at(static_cast<std::size_t>(label)));
}

std::string imageFields(const DataAuditResult& result, const AuditedImage& image) {
    return csvField(image.file.u8string()) + "," + image.split + "," + className(result, image.label);
}

}  // namespace

std::string labelSuspectsToCsv(const DataAuditResult& result) {
    std::string csv = "path,given,suggested,score\n";
    for (const LabelSuspect& suspect : result.suspects)
        csv += csvField(suspect.file.u8string()) + "," + className(result, suspect.given) + "," +
               className(result, suspect.suggested) + "," + number(suspect.score) + "\n";
    return csv;
}

std::string duplicatePairsToCsv(const DataAuditResult& result) {
    std::string csv = "kind,similarity,first,first_split,first_class,second,second_split,second_class\n";
    for (const NearDuplicatePair& pair : result.duplicates)
        csv += duplicateKindId(pair.kind) + "," + number(pair.similarity) + "," +
               imageFields(result, pair.first) + "," + imageFields(result, pair.second) + "\n";
    return csv;
}

std::string outliersToCsv(const DataAuditResult& result) {
    std::string csv = "path,split,class,centroid_similarity,nearest_similarity\n";
    for (const OutlierImage& outlier : result.outliers)
        csv += imageFields(result, outlier.image) + "," + number(outlier.centroidSimilarity) + "," +
               number(outlier.nearestSimilarity) + "\n";
    return csv;
}

std::string embeddingMapToCsv(const DataAuditResult& result) {
    std::string csv = "path,split,class,x,y,method,suspect,misclassified\n";
    for (const ProjectionMethod method : {ProjectionMethod::Pca, ProjectionMethod::Tsne}) {
        for (const MapImage& image : result.map.images) {
            const MapPoint& point = method == ProjectionMethod::Pca ? image.pca : image.tsne;
            csv += imageFields(result, image.image) + "," + number(point.x) + "," + number(point.y) + "," +
                   projectionMethodId(method) + "," + (image.suspect ? "1" : "0") + "," +
                   (image.misclassified ? "1" : "0") + "\n";
        }
    }
    return csv;
}

}  // namespace tlw
