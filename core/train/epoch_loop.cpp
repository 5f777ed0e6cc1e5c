#include "core/train/epoch_loop.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <numeric>

#include "core/data/image_batch_loader.h"
#include "core/dist/data_parallel.h"
#include "core/dist/process_group.h"
#include "core/train/mixed_precision.h"

namespace tlw {
namespace {

using Clock = std::chrono::steady_clock;

// One batch of network input and its labels.
struct Batch {
    torch::Tensor input;
    torch::Tensor labels;
};

// Yields the batches of a source in a given order, from the cache or from the decoder.
class BatchStream {
public:
    // sliceSizes, when given, sets each batch's size (a rank's slices of the global batches, some possibly
    // empty: core/dist/data_parallel.h); else every batch but the last holds settings.batchSize images.
    BatchStream(const ImageSource& source, std::vector<int64_t> order, const PassSettings& settings,
                std::vector<std::size_t> sliceSizes = {})
        : m_source(source),
          m_order(std::move(order)),
          m_settings(settings),
          m_sliceSizes(std::move(sliceSizes)) {
        const std::size_t batchSize = static_cast<std::size_t>(std::max(1, settings.batchSize));
        m_batches = m_sliceSizes.empty() ? (m_order.size() + batchSize - 1) / batchSize : m_sliceSizes.size();
        if (source.features == nullptr) {
            std::vector<std::filesystem::path> files;
            files.reserve(m_order.size());
            for (const int64_t index : m_order) files.push_back(source.files[static_cast<size_t>(index)]);
            BatchLoaderOptions options;
            options.preprocess = settings.preprocess;
            options.batchSize = batchSize;
            options.threads = settings.threads;
            if (!m_sliceSizes.empty()) {
                // Slices differ in size: decode image by image and assemble them (nextSlice).
                options.batchSize = 1;
                options.maxQueuedBatches = std::max<std::size_t>(2, 2 * batchSize);
            }
            m_loader = std::make_unique<ImageBatchLoader>(std::move(files), options);
        }
    }

    std::size_t batches() const { return m_batches; }

    std::optional<Batch> next() {
        if (!m_sliceSizes.empty()) return nextSlice();
        const std::size_t batchSize = static_cast<std::size_t>(std::max(1, m_settings.batchSize));
        if (m_source.features != nullptr) {
            if (m_position >= m_order.size()) return std::nullopt;
            const std::size_t end = std::min(m_order.size(), m_position + batchSize);
            std::vector<int64_t> rows;
            std::vector<int64_t> labels;
            for (std::size_t i = m_position; i < end; ++i) {
                rows.push_back(m_source.firstRow + m_order[i]);
                labels.push_back(m_source.labels[static_cast<size_t>(m_order[i])]);
            }
            m_position = end;
            return Batch{gatherRows(rows), torch::tensor(labels, torch::kLong)};
        }
        std::optional<ImageBatch> batch = m_loader->next();
        if (!batch) return std::nullopt;
        for (const ImageFailure& failure : batch->failures)
            if (m_settings.skipped) m_settings.skipped(failure.path, failure.reason);
        std::vector<int64_t> labels;
        for (const std::size_t position : batch->indices)
            labels.push_back(m_source.labels[static_cast<size_t>(m_order[position])]);
        const auto count = static_cast<int64_t>(batch->size());
        // The batch owns the pixels; the clone outlives it.
        torch::Tensor input = count == 0
                                  ? torch::Tensor()
                                  : torch::from_blob(batch->chw.data(),
                                                     {count, 3, batch->height, batch->width}, torch::kFloat32)
                                        .clone();
        return Batch{input, torch::tensor(labels, torch::kLong)};
    }

private:
    // The next slice: its rows of the cache, or its images decoded one by one (those that fail left out).
    // An empty slice gives a batch without input.
    std::optional<Batch> nextSlice() {
        if (m_slice >= m_sliceSizes.size()) return std::nullopt;
        const std::size_t count = m_sliceSizes[m_slice++];
        std::vector<int64_t> rows;
        std::vector<int64_t> labels;
        std::vector<torch::Tensor> images;
        for (std::size_t i = 0; i < count; ++i, ++m_position) {
            const int64_t item = m_order[m_position];
            if (m_source.features != nullptr) {
                rows.push_back(m_source.firstRow + item);
                labels.push_back(m_source.labels[static_cast<size_t>(item)]);
                continue;
            }
            std::optional<ImageBatch> image = m_loader->next();
            if (!image) break;
            for (const ImageFailure& failure : image->failures)
                if (m_settings.skipped) m_settings.skipped(failure.path, failure.reason);
            if (image->size() == 0) continue;
            labels.push_back(m_source.labels[static_cast<size_t>(item)]);
            images.push_back(
                torch::from_blob(image->chw.data(), {1, 3, image->height, image->width}, torch::kFloat32)
                    .clone());
        }
        torch::Tensor input;
        if (!rows.empty()) input = gatherRows(rows);
        if (!images.empty()) input = torch::cat(images);
        return Batch{input, torch::tensor(labels, torch::kLong)};
    }

    torch::Tensor gatherRows(const std::vector<int64_t>& rows) const {
        if (!m_source.channelsLastRows.defined()) return m_source.features->gather(rows);
        const torch::Tensor index = torch::tensor(rows, torch::kLong);
        // N x H x W x C viewed as N x C x H x W: a channels-last batch, no copy beyond the rows'.
        return m_source.channelsLastRows.index_select(0, index).permute({0, 3, 1, 2});
    }

    const ImageSource& m_source;
    std::vector<int64_t> m_order;
    const PassSettings& m_settings;
    std::vector<std::size_t> m_sliceSizes;
    std::size_t m_batches = 0;
    std::size_t m_position = 0;
    std::size_t m_slice = 0;
    std::unique_ptr<ImageBatchLoader> m_loader;
};

bool readsPooledCache(const ImageSource& source) {
    return source.features != nullptr && source.features->tensor() == CachedTensor::Pooled;
}

// The head on pooled features (N x C). Its GlobalAveragePooling2D of a 1 x 1 map gives that map's values
// exactly (a mean of one value), so the head runs unchanged from there on.
torch::Tensor headOnPooled(ClassifierModule& module, const torch::Tensor& pooled) {
    return module.headForward(pooled.view({pooled.size(0), pooled.size(1), 1, 1}));
}

// Logits, float32. A pooled cache leaves only the head, which runs in float32 at any precision.
torch::Tensor forwardBatch(ClassifierModule& module, const ImageSource& source, const torch::Tensor& input,
                           Precision precision) {
    if (readsPooledCache(source)) return headOnPooled(module, input);
    const int from = source.features != nullptr ? source.features->cut() : 0;
    return forwardInPrecision(module, input, from, precision);
}

void reportPreparing(const PassSettings& settings, std::size_t done, std::size_t total) {
    if (!settings.progress) return;
    BatchProgress progress;
    progress.stage = TrainingStage::Preparing;
    progress.batch = done;
    progress.batches = total;
    settings.progress(progress);
}

// The source's rows of a pooled cache: the matrix is already there.
PooledFeatures cachedPooledMatrix(const ImageSource& source, const PassSettings& settings) {
    if (source.size() == 0) return {};
    std::vector<int64_t> rows(source.size());
    std::iota(rows.begin(), rows.end(), source.firstRow);
    PooledFeatures pooled{source.features->gather(rows), torch::tensor(source.labels, torch::kLong)};
    reportPreparing(settings, source.size(), source.size());
    return pooled;
}

// Running sums kept as tensors: reading a value (item()) only when progress is reported.
struct RunningFigures {
    torch::Tensor lossSum = torch::zeros({}, torch::kFloat64);
    torch::Tensor correct = torch::zeros({}, torch::kLong);
    std::size_t images = 0;

    void add(const torch::Tensor& perImageLoss, const torch::Tensor& predicted, const torch::Tensor& labels) {
        lossSum += perImageLoss.detach().sum().to(torch::kFloat64);
        correct += (predicted == labels).sum();
        images += static_cast<std::size_t>(labels.size(0));
    }
    double loss() const { return images ? lossSum.item<double>() / static_cast<double>(images) : 0.0; }
    double accuracy() const {
        return images ? static_cast<double>(correct.item<int64_t>()) / static_cast<double>(images) : 0.0;
    }
};

// A few reports a second and the last batch: reading the running figures costs a synchronisation.
constexpr std::chrono::milliseconds kReportInterval{100};

void report(const PassSettings& settings, TrainingStage stage, std::size_t batch, std::size_t batches,
            const RunningFigures& figures, Clock::time_point start, Clock::time_point& lastReport) {
    if (!settings.progress) return;
    const auto now = Clock::now();
    if (batch < batches && now - lastReport < kReportInterval) return;
    lastReport = now;
    BatchProgress progress;
    progress.stage = stage;
    progress.batch = batch;
    progress.batches = batches;
    progress.loss = figures.loss();
    progress.accuracy = figures.accuracy();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    progress.imagesPerSecond = seconds > 0 ? static_cast<double>(figures.images) / seconds : 0.0;
    settings.progress(progress);
}

PassResult finish(const RunningFigures& figures, Clock::time_point start, bool stopped) {
    PassResult result;
    result.loss = figures.loss();
    result.accuracy = figures.accuracy();
    result.images = figures.images;
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    result.stopped = stopped;
    return result;
}

// trainEpoch as one rank of a data-parallel job: this rank's slice of every global batch, the gradients
// and figures summed over the ranks after each backward (core/dist/data_parallel.h), a stop request on any
// rank ending the epoch on all of them before the step. Augmentation draws from a generator of this rank's
// own, so that the shared one (the order of the next epochs) stays the same on every rank.
PassResult trainEpochAcrossRanks(ClassifierModule& module, torch::optim::Optimizer& optimizer,
                                 const ImageSource& source, const PassSettings& settings,
                                 const BatchAugmenter& augmenter, const torch::Tensor& classWeights,
                                 std::vector<int64_t> order, std::mt19937_64& random, ProcessGroup& group) {
    const auto start = Clock::now();
    std::mt19937_64 augmentRandom(random() + static_cast<uint64_t>(group.rank()));
    RankBatches mine = rankBatches(order, static_cast<std::size_t>(std::max(1, settings.batchSize)),
                                   group.rank(), group.size());
    module.setTrainingMode(true);
    BatchStream stream(source, std::move(mine.order), settings, std::move(mine.sizes));
    const std::vector<torch::Tensor> parameters = module.trainableParameters();
    RunningFigures figures;
    std::size_t batchNumber = 0;
    Clock::time_point lastReport = start;
    while (std::optional<Batch> batch = stream.next()) {
        ++batchNumber;
        optimizer.zero_grad();
        BatchFigures local;
        if (batch->input.defined()) {
            torch::Tensor input = batch->input;
            if (source.features == nullptr && augmenter.active())
                input = augmenter.apply(input, augmentRandom);
            const torch::Tensor logits = forwardBatch(module, source, input, settings.precision);
            const torch::Tensor loss = module.perImageLoss(logits, batch->labels, classWeights);
            loss.sum().backward();
            local.lossSum = loss.detach().sum().item<double>();
            local.correct = (module.predictedLabels(logits.detach()) == batch->labels).sum().item<int64_t>();
            local.images = batch->labels.size(0);
        }
        local.stop = settings.cancelRequested();
        const BatchFigures total = exchangeGradients(parameters, local, group);
        if (total.stop) return finish(figures, start, true);
        if (total.images == 0) continue;
        optimizer.step();
        figures.lossSum += total.lossSum;
        figures.correct += total.correct;
        figures.images += static_cast<std::size_t>(total.images);
        report(settings, TrainingStage::Training, batchNumber, stream.batches(), figures, start, lastReport);
    }
    return finish(figures, start, false);
}

}  // namespace

PassResult trainEpoch(ClassifierModule& module, torch::optim::Optimizer& optimizer, const ImageSource& source,
                      const PassSettings& settings, const BatchAugmenter& augmenter,
                      const torch::Tensor& classWeights, std::mt19937_64& random) {
    const auto start = Clock::now();
    std::vector<int64_t> order(source.size());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), random);
    if (ProcessGroup* group = activeProcessGroup())
        return trainEpochAcrossRanks(module, optimizer, source, settings, augmenter, classWeights,
                                     std::move(order), random, *group);
    module.setTrainingMode(true);
    BatchStream stream(source, std::move(order), settings);
    RunningFigures figures;
    std::size_t batchNumber = 0;
    Clock::time_point lastReport = start;
    while (std::optional<Batch> batch = stream.next()) {
        if (settings.cancelRequested()) return finish(figures, start, true);
        ++batchNumber;
        if (!batch->input.defined()) continue;  // every image of the batch failed to decode
        torch::Tensor input = batch->input;
        if (source.features == nullptr && augmenter.active()) input = augmenter.apply(input, random);
        const torch::Tensor logits = forwardBatch(module, source, input, settings.precision);
        const torch::Tensor loss = module.perImageLoss(logits, batch->labels, classWeights);
        optimizer.zero_grad();
        loss.mean().backward();
        optimizer.step();
        figures.add(loss, module.predictedLabels(logits.detach()), batch->labels);
        report(settings, TrainingStage::Training, batchNumber, stream.batches(), figures, start, lastReport);
    }
    return finish(figures, start, settings.cancelRequested());
}

PooledFeatures pooledFeatureMatrix(ClassifierModule& module, const ImageSource& source,
                                   const PassSettings& settings) {
    if (readsPooledCache(source)) return cachedPooledMatrix(source, settings);
    std::vector<int64_t> order(source.size());
    std::iota(order.begin(), order.end(), 0);
    module.setTrainingMode(false);
    torch::NoGradGuard noGrad;
    BatchStream stream(source, std::move(order), settings);
    const int from = source.features != nullptr ? source.features->cut() : 0;
    std::vector<torch::Tensor> features;
    std::vector<torch::Tensor> labels;
    std::size_t done = 0;
    while (std::optional<Batch> batch = stream.next()) {
        if (settings.cancelRequested()) return {};
        if (batch->input.defined()) {
            const torch::Tensor map = backboneForward(module, batch->input, from, settings.precision);
            features.push_back(module.pooledFeatures(map.to(torch::kFloat32)));
            labels.push_back(batch->labels);
            done += static_cast<std::size_t>(batch->labels.size(0));
        }
        reportPreparing(settings, done, source.size());
    }
    if (features.empty()) return {};
    return {torch::cat(features), torch::cat(labels)};
}

FeatureMoments featureMoments(const torch::Tensor& pooled) {
    const torch::Tensor values = pooled.to(torch::kFloat64);
    const auto count = static_cast<double>(values.size(0));
    const torch::Tensor mean = values.sum(0) / count;
    const torch::Tensor variance = ((values * values).sum(0) / count - mean * mean).clamp_min(0.0);
    return {mean.to(torch::kFloat32), variance.to(torch::kFloat32)};
}

PassResult evaluatePass(ClassifierModule& module, const ImageSource& source, const PassSettings& settings,
                        TrainingStage stage) {
    const auto start = Clock::now();
    std::vector<int64_t> order(source.size());
    std::iota(order.begin(), order.end(), 0);
    module.setTrainingMode(false);
    torch::NoGradGuard noGrad;
    BatchStream stream(source, std::move(order), settings);
    RunningFigures figures;
    std::size_t batchNumber = 0;
    Clock::time_point lastReport = start;
    while (std::optional<Batch> batch = stream.next()) {
        if (settings.cancelRequested()) return finish(figures, start, true);
        ++batchNumber;
        if (!batch->input.defined()) continue;
        const torch::Tensor logits = forwardBatch(module, source, batch->input, settings.precision);
        figures.add(module.perImageLoss(logits, batch->labels), module.predictedLabels(logits),
                    batch->labels);
        report(settings, stage, batchNumber, stream.batches(), figures, start, lastReport);
    }
    return finish(figures, start, settings.cancelRequested());
}

PassLogits passLogits(ClassifierModule& module, const ImageSource& source, const PassSettings& settings) {
    std::vector<int64_t> order(source.size());
    std::iota(order.begin(), order.end(), 0);
    module.setTrainingMode(false);
    torch::NoGradGuard noGrad;
    BatchStream stream(source, std::move(order), settings);
    std::vector<torch::Tensor> logits;
    std::vector<torch::Tensor> labels;
    while (std::optional<Batch> batch = stream.next()) {
        if (settings.cancelRequested()) return {};
        if (!batch->input.defined()) continue;
        logits.push_back(forwardBatch(module, source, batch->input, settings.precision)
                             .to(torch::kCPU, torch::kFloat32)
                             .reshape({batch->labels.size(0), -1}));
        labels.push_back(batch->labels);
    }
    if (settings.cancelRequested()) return {};
    if (logits.empty()) return {torch::zeros({0, module.head().units()}), torch::zeros({0}, torch::kLong)};
    return {torch::cat(logits), torch::cat(labels)};
}

}  // namespace tlw
