// TrainedModel::exportOnnx: the graph (onnx_graph.cpp), written atomically, and checked by OpenCV's DNN
// module from the temporary file before it takes the target's place.
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "core/models/classifier_module.h"
#include "core/models/export_self_check.h"
#include "core/models/onnx_graph.h"
#include "core/models/trained_model.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace tlw {
namespace {

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// The written file as OpenCV reads it, from bytes (a path is a narrow string to OpenCV).
cv::dnn::Net readWithOpenCv(const std::filesystem::path& written, const std::filesystem::path& target) {
    const std::string bytes = readFileBytes(written);
    try {
        return cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
    } catch (const cv::Exception& e) {
        throw Error(target, "OpenCV DNN cannot read the written ONNX model: " + firstLine(e.what()));
    }
}

std::vector<std::vector<float>> runWithOpenCv(cv::dnn::Net& net, const std::vector<float>& batch,
                                              std::size_t count, ImageSize size,
                                              const std::filesystem::path& target) {
    const int dims[] = {static_cast<int>(count), size.height, size.width, 3};
    // OpenCV only reads the input blob; its Mat header wants a mutable pointer.
    const cv::Mat blob(4, dims, CV_32F, const_cast<float*>(batch.data()));
    cv::Mat output;
    try {
        net.setInput(blob, "image");
        output = net.forward();  // the graph's one output, `probabilities`
    } catch (const cv::Exception& e) {
        throw Error(target, "OpenCV DNN cannot run the written ONNX model: " + firstLine(e.what()));
    }
    if (output.dims != 2 || output.rows != static_cast<int>(count))
        throw Error(target, "OpenCV DNN's output is not N x classes");
    std::vector<std::vector<float>> rows;
    for (int i = 0; i < output.rows; ++i)
        rows.emplace_back(output.ptr<float>(i), output.ptr<float>(i) + output.cols);
    return rows;
}

}  // namespace

ExportCheckReport TrainedModel::exportOnnx(const std::filesystem::path& file,
                                           const ExportCheckImages& check) const {
    const ModelDescription& description = m_impl->description;
    std::string bytes;
    try {
        bytes = classifierOnnxModel(description, *m_impl->module);
    } catch (const Error& e) {
        throw Error(file, std::string("cannot export ONNX: ") + e.what());
    }
    AtomicFileWriter writer(file);
    writer.write(bytes);
    ExportCheckReport report;
    if (!check.images.empty()) {
        cv::dnn::Net net = readWithOpenCv(writer.temporary(), file);
        report = selfCheckExport(*this, file, check, "OpenCV DNN " + std::string(CV_VERSION),
                                 [&](const std::vector<float>& batch, std::size_t count) {
                                     return runWithOpenCv(net, batch, count, description.imageSize, file);
                                 });
    }
    writer.commit();
    return report;
}

}  // namespace tlw
