// tlw_torchscript_probe MODEL.pt IMAGE...: runs a TorchScript file written by `tlw export` the way a
// Python user would (torch.jit.load, then forward on an N x H x W x 3 float RGB batch, 0..255) and prints
// one line of class probabilities per image. The CLI tests compare its numbers with `tlw predict`; it is
// independent of tlw_core (only LibTorch's loader and OpenCV's PNG reader), so it checks the file, not
// the code that wrote it.
#include <ATen/ATen.h>
#include <torch/csrc/jit/serialization/import.h>

#include <cstdio>
#include <exception>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: tlw_torchscript_probe MODEL.pt IMAGE...\n");
        return 2;
    }
    try {
        std::vector<at::Tensor> images;
        for (int i = 2; i < argc; ++i) {
            cv::Mat bgr = cv::imread(argv[i], cv::IMREAD_COLOR);
            if (bgr.empty()) {
                std::fprintf(stderr, "%s: cannot read\n", argv[i]);
                return 1;
            }
            cv::Mat rgb;
            cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
            images.push_back(at::from_blob(rgb.data, {rgb.rows, rgb.cols, 3}, at::kByte).to(at::kFloat));
        }
        torch::jit::Module module = torch::jit::load(argv[1]);
        const at::Tensor probabilities = module.forward({at::stack(images)}).toTensor().contiguous();
        for (int64_t row = 0; row < probabilities.size(0); ++row) {
            for (int64_t column = 0; column < probabilities.size(1); ++column)
                std::printf("%s%.9g", column > 0 ? "," : "", probabilities[row][column].item<double>());
            std::printf("\n");
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
