// tlw export MODEL --torchscript OUT.pt: a trained model for Python (torch.jit.load) or any LibTorch
// program, its preprocessing inside.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "app/tlw/commands.h"
#include "core/models/trained_model.h"

namespace tlw::cli {
namespace {

struct ExportArguments {
    std::string model;
    std::string torchscript;
};

void runExport(const ExportArguments& arguments) {
    const TrainedModel model = TrainedModel::load(std::filesystem::u8path(arguments.model));
    const std::filesystem::path out = std::filesystem::u8path(arguments.torchscript);
    model.exportTorchScript(out);
    const ModelDescription& description = model.description();
    std::string classes;
    for (const std::string& name : description.classNames) classes += (classes.empty() ? "" : ", ") + name;
    std::cout << "wrote " << out.u8string() << ": TorchScript; forward(x) takes float32 N x H x W x 3, RGB "
              << "0..255 (resized to " << toString(description.imageSize) << " when other), and returns N x "
              << description.classNames.size() << " probabilities of " << classes << '\n';
}

}  // namespace

void addExportCommand(CLI::App& app, CommandContext& /*context*/) {
    auto arguments = std::make_shared<ExportArguments>();
    CLI::App* command = app.add_subcommand(
        "export",
        "Export a trained model as TorchScript, preprocessing included, for torch.jit.load in Python");
    command->add_option("model", arguments->model, "The model file (.tlwm) written by tlw train")->required();
    command
        ->add_option("--torchscript", arguments->torchscript,
                     "The .pt file to write (replaced atomically); it also carries class_names, image_size "
                     "and the model's description")
        ->required();
    command->callback([arguments] { runExport(*arguments); });
}

}  // namespace tlw::cli
