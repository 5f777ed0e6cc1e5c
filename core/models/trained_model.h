#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/data/image_decoder.h"
#include "core/models/backbone.h"
#include "core/models/export_check.h"
#include "core/models/image_size.h"
#include "core/models/model_calibration.h"

// A trained classifier as users keep it: one self-describing file (.tlwm) with the weights and everything
// needed to use them again (classes, input size, preprocessing, backbone, head, freeze set, the training
// settings and history, the dataset manifest's fingerprint). Torch-free handle (pimpl): the GUI and the
// CLI load, save, inspect and predict with it without seeing a tensor.
namespace tlw {

// The classifier on top of the backbone: GlobalAveragePooling2D -> [Normalization] -> Dropout(dropout) ->
// Dense(units). Two classes: Dense(1) giving a logit, binary cross-entropy; more: Dense(N), softmax
// cross-entropy. With imageNetTop the backbone keeps VGG16's flatten/fc1/fc2 and only `predictions` is new
// (no pooling). normalizeFeatures adds Keras's Normalization layer, adapted once on the training images'
// pooled features ((x - mean) / max(sqrt(variance), 1e-7)): pretrained features span very different
// scales, and a Dense layer trained by Adam on them directly overfits the large ones (docs/TRAINING.md).
struct HeadSpec {
    int classCount = 2;
    double dropout = 0.0;
    bool imageNetTop = false;
    bool normalizeFeatures = false;

    bool binary() const { return classCount == 2; }
    int units() const { return binary() ? 1 : classCount; }
    const char* lossName() const;  // "binary_crossentropy", "sparse_categorical_crossentropy"
};

struct ModelDescription {
    BackboneKind backbone = BackboneKind::Vgg16;
    HeadSpec head;
    std::vector<std::string> classNames;  // label order
    ImageSize imageSize{224, 224};
    bool cropToAspectRatio = false;
    std::string preprocessing = "caffe";  // Keras preprocess_input mode
    std::vector<int> frozenLayers;        // Keras layer indices frozen at the end of training
    bool pretrained = true;               // false: the backbone started from random weights
    std::string weightsNote;
    std::string trainingConfigJson;   // trainingConfigToJson of the run, "" when unknown
    std::string historyJson;          // historyToJson of the run, "" when unknown
    std::string manifestFingerprint;  // XXH3-128 hex of the split (paths, classes, subsets, hashes)
    std::string createdBy;            // "tlw 0.1.0 (LibTorch 1.13.1)"
    std::string createdAt;            // ISO 8601 UTC
    ModelCalibration calibration;     // temperature 1 unless fitted
    DecisionThresholds decision;      // none: the arg-max
};

// One image's scores: probabilities per class in label order (softmax, or sigmoid for two classes, of the
// logits divided by the calibration's temperature).
struct ClassScore {
    int classIndex = 0;
    std::string className;
    double probability = 0.0;
};

class TrainedModel {
public:
    TrainedModel(TrainedModel&&) noexcept;
    TrainedModel& operator=(TrainedModel&&) noexcept;
    ~TrainedModel();

    // Throws tlw::Error "<file>: <reason>" for a missing, truncated, corrupt or foreign file; never crashes.
    static TrainedModel load(const std::filesystem::path& file);
    // Atomic: temporary file, fsync, rename; the target is untouched on failure.
    void save(const std::filesystem::path& file) const;

    const ModelDescription& description() const;
    // What the next save() writes; the probabilities of every predictor follow the calibration at once.
    // Throws tlw::Error for a temperature that is not positive or a threshold outside [0, 1].
    void setCalibration(const ModelCalibration& calibration);
    void setDecisionThresholds(const DecisionThresholds& decision);

    // Class probabilities for already decoded images, in the order given (batched; threads as set by
    // torch). Each image is resized and preprocessed as the model was trained, its logits divided by the
    // calibration's temperature.
    std::vector<std::vector<float>> probabilities(const std::vector<RgbImage>& images) const;

    // TorchScript with preprocessing inside, runnable by Python's torch.jit.load: forward takes a float32
    // batch N x H x W x 3 of RGB values in 0..255 (what PIL/NumPy give; uint8 works too; any H x W: it is
    // resized bilinearly to the model's size) and returns N x classCount probabilities. The module also
    // carries class_names, image_size, temperature (the calibration's, applied inside forward) and the
    // extra file "tlw_description.json" (thresholds included). Atomic write.
    // The resize is torch's (F.interpolate bilinear, align_corners=False, no antialiasing), not the
    // tf.image.resize that training and probabilities() use: for other sizes the pixels, and so the
    // probabilities, can differ slightly. At the model's size nothing is resized and the results equal
    // probabilities() (to float rounding).
    // With check images, the written file is loaded again by torch::jit::load before it takes the target's
    // place and run on them (at the model's size, resized as the workbench resizes); a label that differs or
    // a probability further than kExportCheckTolerance from probabilities() throws tlw::Error and leaves no
    // file. Returns the check's figures (imageCount 0 without check images).
    ExportCheckReport exportTorchScript(const std::filesystem::path& file,
                                        const ExportCheckImages& check = {}) const;

    // ONNX (opset kOnnxOpset, docs/EXPORT.md): input `image`, float32 N x H x W x 3 RGB 0..255 at exactly the
    // model's size (no resizing inside: resizeForModel's pixels), output `probabilities`, N x classCount, the
    // calibration applied; class names, image size, temperature, thresholds and the description in
    // metadata_props. Checked by onnx::checker, written atomically, and with check images run by OpenCV's DNN
    // module from the temporary file before it takes the target's place, as exportTorchScript. Throws
    // tlw::Error naming the file and the reason (a layer ONNX cannot express, a failed check); no file is
    // left then.
    ExportCheckReport exportOnnx(const std::filesystem::path& file,
                                 const ExportCheckImages& check = {}) const;

    struct Impl;  // core-internal (core/models/classifier_module.h reaches it)
    explicit TrainedModel(std::unique_ptr<Impl> impl);
    Impl& impl() const { return *m_impl; }

private:
    std::unique_ptr<Impl> m_impl;
};

// The top k classes of one probability vector, most probable first (ties: lower index first).
std::vector<ClassScore> topClasses(const std::vector<float>& probabilities,
                                   const std::vector<std::string>& classNames, int k);

}  // namespace tlw
