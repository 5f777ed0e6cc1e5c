// TrainedModel::exportTorchScript: the one translation unit of tlw_core that compiles TorchScript (the JIT
// headers cost several seconds of compile time; keep them here).
#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/serialization/import.h>

#include <fstream>
#include <map>

#include "core/data/preprocess.h"
#include "core/models/classifier_module.h"
#include "core/models/export_self_check.h"
#include "core/models/model_description_json.h"
#include "core/models/torchscript_source.h"
#include "core/models/trained_model.h"
#include "core/util/atomic_file_stream.h"
#include "core/util/error.h"

namespace tlw {
namespace {

torch::jit::Module buildScriptModule(const ModelDescription& description, const ClassifierModule& module) {
    const TorchScriptProgram program = classifierTorchScript(
        module.backbone().architecture(), module.backboneEnd(), module.head(), description.imageSize);
    torch::jit::Module script(c10::QualifiedName("__torch__.tlw.ExportedClassifier"));
    // Python's ScriptModule.train()/eval() expect the attribute every nn.Module has.
    script.register_attribute("training", c10::BoolType::get(), false);

    std::map<std::string, at::Tensor> weights;
    for (const auto& [name, tensor] : module.namedWeights()) weights[name] = tensor;
    for (const auto& [attribute, weightName] : program.parameters)
        script.register_parameter(attribute, weights.at(weightName).detach().to(at::kCPU, at::kFloat), false);
    const at::Tensor mean =
        at::tensor(std::vector<float>(std::begin(kCaffeMeanBgr), std::end(kCaffeMeanBgr)));
    script.register_buffer("caffe_mean", mean.reshape({1, 3, 1, 1}));

    // For whoever loads the file: m.class_names, m.image_size (height, width).
    c10::List<std::string> classNames;
    for (const std::string& name : description.classNames) classNames.push_back(name);
    script.register_attribute("class_names", c10::ListType::ofStrings(), classNames);
    c10::List<int64_t> imageSize({description.imageSize.height, description.imageSize.width});
    script.register_attribute("image_size", c10::ListType::ofInts(), imageSize);
    // m.temperature: the logits are divided by it, as ClassifierModule::probabilities does.
    script.register_attribute("temperature", c10::FloatType::get(), description.calibration.temperature);

    script.define(program.source);
    return script;
}

// The written file as torch.jit.load reads it, run on images the workbench resized (nothing to resize
// inside).
std::vector<std::vector<float>> runWithJitLoad(torch::jit::Module& script, const std::vector<float>& batch,
                                               std::size_t count, ImageSize size) {
    const at::Tensor images =
        at::from_blob(const_cast<float*>(batch.data()),
                      {static_cast<int64_t>(count), size.height, size.width, 3}, at::kFloat);
    const at::Tensor probabilities = script.forward({images}).toTensor().to(at::kFloat).contiguous();
    std::vector<std::vector<float>> rows;
    for (int64_t i = 0; i < probabilities.size(0); ++i) {
        const float* row = probabilities[i].data_ptr<float>();
        rows.emplace_back(row, row + probabilities.size(1));
    }
    return rows;
}

ExportCheckReport checkTorchScript(const TrainedModel& model, const std::filesystem::path& written,
                                   const std::filesystem::path& target, const ExportCheckImages& check) {
    const ImageSize size = model.description().imageSize;
    try {
        std::ifstream in(written, std::ios::binary);
        torch::jit::Module script = torch::jit::load(in);
        script.eval();
        return selfCheckExport(model, target, check, "LibTorch torch::jit::load",
                               [&](const std::vector<float>& batch, std::size_t count) {
                                   return runWithJitLoad(script, batch, count, size);
                               });
    } catch (const c10::Error& e) {
        const std::string message = e.what_without_backtrace();
        throw Error(target, "torch::jit::load cannot run the written module: " +
                                message.substr(0, message.find('\n')));
    }
}

}  // namespace

ExportCheckReport TrainedModel::exportTorchScript(const std::filesystem::path& file,
                                                  const ExportCheckImages& check) const {
    const ModelDescription& description = m_impl->description;
    AtomicFileStream out(file);
    try {
        const torch::jit::Module script = buildScriptModule(description, *m_impl->module);
        // torch.jit.load(f, _extra_files={"tlw_description.json": ""}) gives the whole description back.
        script.save(out, {{"tlw_description.json", modelDescriptionToJson(description)}});
    } catch (const c10::Error& e) {
        // A failed write surfaces in torch as "PytorchStreamWriter failed writing file": say why instead.
        if (out.error()) std::rethrow_exception(out.error());
        const std::string message = e.what_without_backtrace();
        throw Error(file, "cannot export TorchScript: " + message.substr(0, message.find('\n')));
    }
    ExportCheckReport report;
    if (!check.images.empty()) {
        // Every byte in the temporary, then the check on it: a failure leaves nothing at the target.
        out.flush();
        if (out.error()) std::rethrow_exception(out.error());
        report = checkTorchScript(*this, out.temporary(), file, check);
    }
    out.commit();
    return report;
}

}  // namespace tlw
