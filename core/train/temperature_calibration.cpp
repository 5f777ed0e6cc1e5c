#include "core/train/temperature_calibration.h"

#include "core/eval/temperature_scaling.h"

namespace tlw {
namespace {

LogitRows logitRowsOf(const PassLogits& pass) {
    const torch::Tensor logits = pass.logits.to(torch::kFloat32).contiguous();
    const torch::Tensor labels = pass.labels.to(torch::kLong).contiguous();
    LogitRows rows;
    rows.columns = static_cast<std::size_t>(logits.size(1));
    rows.values.assign(logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel());
    rows.labels.assign(labels.data_ptr<int64_t>(), labels.data_ptr<int64_t>() + labels.numel());
    return rows;
}

}  // namespace

std::optional<ModelCalibration> calibrateOnValidation(ClassifierModule& module, const ImageSource& validation,
                                                      const PassSettings& settings) {
    const PassLogits pass = passLogits(module, validation, settings);
    if (!pass.logits.defined()) return std::nullopt;
    const LogitRows rows = logitRowsOf(pass);
    const TemperatureFit fit = fitTemperature(rows);
    ModelCalibration calibration;
    calibration.temperature = fit.temperature;
    calibration.fitted = rows.rows() > 0;
    calibration.validationImages = rows.rows();
    calibration.eceBefore = fit.before.expectedCalibrationError;
    calibration.eceAfter = fit.after.expectedCalibrationError;
    calibration.nllBefore = fit.nllBefore;
    calibration.nllAfter = fit.nllAfter;
    if (rows.rows() == 0) calibration.note = "no readable validation images";
    return calibration;
}

}  // namespace tlw
