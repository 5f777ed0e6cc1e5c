// tlw export MODEL --torchscript OUT.pt | --onnx OUT.onnx: a trained model for Python (torch.jit.load), any
// LibTorch program, or any ONNX runtime (OpenCV DNN, ONNX Runtime), its preprocessing inside; each file is
// run again by an independent runtime and compared with the workbench's own probabilities before it is kept.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/tlw/commands.h"
#include "core/infer/export_check_images.h"
#include "core/models/trained_model.h"
#include "core/util/error.h"

namespace tlw::cli {
namespace {

struct ExportArguments {
    std::string model;
    std::string torchscript;
    std::string onnx;
    std::string checkImages;
    bool noCheck = false;
};

std::string classList(const ModelDescription& description) {
    std::string classes;
    for (const std::string& name : description.classNames) classes += (classes.empty() ? "" : ", ") + name;
    return classes;
}

void printCheck(const ExportCheckReport& report) {
    if (report.checked()) std::cout << "  " << exportCheckSummary(report) << '\n';
}

void runExport(const ExportArguments& arguments) {
    if (arguments.torchscript.empty() && arguments.onnx.empty())
        throw Error("tlw export: give --torchscript OUT.pt, --onnx OUT.onnx, or both");
    const TrainedModel model = TrainedModel::load(std::filesystem::u8path(arguments.model));
    const ModelDescription& description = model.description();
    ExportCheckImages check;
    if (!arguments.noCheck) {
        std::optional<std::filesystem::path> folder;
        if (!arguments.checkImages.empty()) folder = std::filesystem::u8path(arguments.checkImages);
        check = findExportCheckImages(description, folder);
    }
    const std::string classes = classList(description);
    if (!arguments.torchscript.empty()) {
        const std::filesystem::path out = std::filesystem::u8path(arguments.torchscript);
        const ExportCheckReport report = model.exportTorchScript(out, check);
        std::cout << "wrote " << out.u8string()
                  << ": TorchScript; forward(x) takes float32 N x H x W x 3, RGB "
                  << "0..255 (resized to " << toString(description.imageSize)
                  << " when other), and returns N x " << description.classNames.size() << " probabilities of "
                  << classes << '\n';
        printCheck(report);
    }
    if (!arguments.onnx.empty()) {
        const std::filesystem::path out = std::filesystem::u8path(arguments.onnx);
        const ExportCheckReport report = model.exportOnnx(out, check);
        std::cout << "wrote " << out.u8string() << ": ONNX opset " << kOnnxOpset
                  << "; input `image` float32 N x " << description.imageSize.height << " x "
                  << description.imageSize.width
                  << " x 3, RGB 0..255 (resize beforehand), output `probabilities` N x "
                  << description.classNames.size() << " of " << classes << '\n';
        printCheck(report);
    }
}

}  // namespace

void addExportCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<ExportArguments>();
    CLI::App* command = app.add_subcommand(
        "export",
        "Export a trained model as TorchScript (torch.jit.load) or ONNX (opset 11), preprocessing included; "
        "each file is checked by an independent runtime before it is kept");
    command->add_option("model", arguments->model, "The model file (.tlwm) written by tlw train")->required();
    command->add_option(
        "--torchscript", arguments->torchscript,
        "The .pt file to write (replaced atomically); it also carries class_names, image_size "
        "and the model's description");
    command->add_option(
        "--onnx", arguments->onnx,
        "The .onnx file to write (replaced atomically): input `image` N x H x W x 3 RGB 0..255 at "
        "the model's size, output `probabilities`; class names, image size, temperature and "
        "thresholds in its metadata");
    CLI::Option* checkImages = command->add_option(
        "--check-images", arguments->checkImages,
        "Check the written files on up to 20 images from this folder (default: the model's test "
        "or validation images when its dataset is here, else generated images)");
    command
        ->add_flag("--no-check", arguments->noCheck,
                   "Skip the check (loading the written file with torch::jit::load or OpenCV DNN and "
                   "comparing its probabilities with the workbench's, tolerance 1e-4)")
        ->excludes(checkImages);
    command->callback([arguments] { runExport(*arguments); });
}

}  // namespace tlw::cli
