#include "core/train/training_session.h"

#include <ATen/Parallel.h>
#include <torch/optim/adam.h>
#include <torch/optim/sgd.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <map>

#include "core/data/split_manifest.h"
#include "core/dist/data_parallel.h"
#include "core/dist/process_group.h"
#include "core/dist/sharded_features.h"
#include "core/models/architecture.h"
#include "core/models/backbone_loader.h"
#include "core/models/classifier_module.h"
#include "core/train/augmentation.h"
#include "core/train/cache_footprint.h"
#include "core/train/checkpoint.h"
#include "core/train/epoch_loop.h"
#include "core/train/exact_head.h"
#include "core/train/feature_cache.h"
#include "core/train/freeze_plan.h"
#include "core/train/frozen_prefix.h"
#include "core/train/mixed_precision.h"
#include "core/train/optimizer_state.h"
#include "core/train/plateau_monitor.h"
#include "core/train/run_record.h"
#include "core/train/run_start_marker.h"
#include "core/train/temperature_calibration.h"
#include "core/train/training_data.h"
#include "core/util/atomic_file.h"
#include "core/util/compute_libraries.h"
#include "core/util/compute_threads.h"
#include "core/util/content_hash.h"
#include "core/util/error.h"
#include "core/util/file_lock.h"
#include "core/util/tensor_memory.h"
#include "core/util/utc_time.h"
#include "core/util/version.h"

namespace tlw {

struct TrainingSession::Impl {
    TrainingConfig config;
    std::optional<Checkpoint> checkpoint;  // set when resuming
    std::atomic<bool> stop{false};
    std::vector<int> alsoCacheFineTuneAt;  // the sweep's other candidates (alsoCacheFineTuneAt())
};

namespace {

using Clock = std::chrono::steady_clock;
using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

struct Phase {
    int number = 1;
    FreezePlan freeze;  // decided once, when the run is planned
    int epochs = 1;
    double learningRate = 0.001;
};

std::filesystem::path splitManifestPathFor(const std::filesystem::path& model) {
    return std::filesystem::path(model).concat(".split.json");
}

std::optional<std::filesystem::path> absoluteOptional(const std::optional<std::filesystem::path>& path) {
    if (!path) return std::nullopt;
    return std::filesystem::absolute(*path);
}

// A run's paths made absolute, so that `tlw resume` works from any working directory.
TrainingConfig withAbsolutePaths(TrainingConfig config) {
    config.dataDir = std::filesystem::absolute(config.dataDir);
    config.validationDir = absoluteOptional(config.validationDir);
    config.testDir = absoluteOptional(config.testDir);
    config.manifest = absoluteOptional(config.manifest);
    config.weightsFile = absoluteOptional(config.weightsFile);
    config.outputModel = std::filesystem::absolute(config.outputModel);
    if (!config.cache.directory.empty())
        config.cache.directory = std::filesystem::absolute(config.cache.directory);
    return config;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainingConfig& config,
                                                       const std::vector<torch::Tensor>& parameters,
                                                       double learningRate) {
    if (config.optimizer == OptimizerKind::Sgd)
        return std::make_unique<torch::optim::SGD>(
            parameters, torch::optim::SGDOptions(learningRate).momentum(config.momentum));
    // Keras's Adam defaults: beta_1 0.9, beta_2 0.999, epsilon 1e-7.
    return std::make_unique<torch::optim::Adam>(
        parameters, torch::optim::AdamOptions(learningRate).betas(std::make_tuple(0.9, 0.999)).eps(1e-7));
}

void setLearningRate(torch::optim::Optimizer& optimizer, double learningRate) {
    for (torch::optim::OptimizerParamGroup& group : optimizer.param_groups())
        group.options().set_lr(learningRate);
}

// A checkpoint of format 2 or before: the optimizer as torch::serialize wrote it.
void restoreLegacyOptimizer(torch::optim::Optimizer& optimizer, const torch::Tensor& state,
                            const std::filesystem::path& file) {
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(static_cast<const char*>(state.data_ptr()), static_cast<size_t>(state.numel()));
        optimizer.load(archive);
    } catch (const c10::Error& e) {
        const std::string what = e.what_without_backtrace();
        throw Error(file, "the optimizer state cannot be restored: " + what.substr(0, what.find('\n')));
    }
}

MetricDirection directionOf(MonitoredMetric metric) { return {metric == MonitoredMetric::ValAccuracy}; }

// The monitored value of an epoch; without validation data the training figures stand in.
double monitoredValue(const EpochMetrics& metrics, MonitoredMetric metric) {
    if (metric == MonitoredMetric::ValAccuracy) return metrics.valAccuracy.value_or(metrics.accuracy);
    return metrics.valLoss.value_or(metrics.loss);
}

std::string monitorName(MonitoredMetric metric, bool validation) {
    if (validation) return monitoredMetricId(metric);
    return metric == MonitoredMetric::ValAccuracy ? "accuracy" : "loss";
}

// A subset's files and labels, read from the files until prepareFeatures points it at cached features.
ImageSource decodedSource(const std::vector<LabelledImage>& images) {
    ImageSource source;
    for (const LabelledImage& image : images)
        source.files.push_back(image.path), source.labels.push_back(image.label);
    return source;
}

// Everything one run of TrainingSession::run holds, from the data to the last checkpoint.
class TrainingRun {
public:
    TrainingRun(TrainingSession::Impl& session, TrainingObserver& observer)
        : m_session(session), m_config(session.config), m_observer(observer) {}

    TrainingResult execute();

private:
    bool stopRequested() const { return m_session.stop.load(); }
    // In a data-parallel run (core/dist) only rank 0 writes the run's files; the others train alongside.
    bool writesFiles() const { return m_group == nullptr || m_group->rank() == 0; }
    // Data-parallel: whether any rank asked to stop, agreed by all; a stop there becomes a stop here.
    bool ranksStop(bool stopHere);
    // imagesPerSecond > 0 also gives the time left of the stage (passes counted in images).
    void progress(TrainingStage stage, std::size_t done, std::size_t total, int epoch = 0,
                  double imagesPerSecond = 0.0);
    void loadData();
    void buildModel();
    void restoreFromCheckpoint();
    void planPhases();
    // Precision auto becomes what this CPU does best; the config (and so the checkpoint and the model's
    // description) records what was used.
    void resolveAutoPrecision();
    // Phase phaseIndex ends with lastEpoch; each later phase follows with its planned number of epochs.
    void planEpochsFrom(std::size_t phaseIndex, int lastEpoch);
    // Where the phase reads cached features: the cut's map, or the head's pooled vector.
    CachePoint cachePointOf(std::size_t phaseIndex) const;
    // Returns false when the run was stopped during the cache pass.
    bool prepareFeatures(std::size_t phaseIndex, ImageSource& train, ImageSource& validation,
                         PhaseStarted& started);
    // bf16 training: the sources read their batches from a bfloat16 channels-last copy of the set.
    void keepBf16Rows(const FeatureSet& set, ImageSource& train, ImageSource& validation);
    // The points of the phase and of later phases whose frozen prefix ends no later: one pass computes all.
    std::vector<CachePoint> cachePointsFrom(std::size_t phaseIndex) const;
    // Runs (or reuses) the cache pass for `points` and keeps their sets; false when stopped.
    bool computeFeatures(const std::vector<CachePoint>& points);
    // What all the run's cached features take now.
    CacheFootprint cacheFootprint() const;
    // Returns false when stopped.
    bool runPhase(std::size_t phaseIndex);
    // Whether the first phase's head is solved exactly (HeadSolver::Exact and a convex problem); when the
    // exact solver was asked for but steps aside, m_exactHeadRefusal says why.
    void decideHeadSolver();
    // The first phase as one solve: the exact head, then its figures as the phase's one epoch. Returns
    // false when stopped.
    bool solveHeadPhase(std::size_t phaseIndex, const PooledFeatures& pooled, const ImageSource& train,
                        const ImageSource& validation);
    // Before the first epoch: the Normalization adapted and, with the exact solver, the head solved, from one
    // pooled pass (none with a pooled cache). Returns false when stopped; sets `solved` when the solve
    // stood for the phase.
    bool prepareHead(std::size_t phaseIndex, const ImageSource& train, const ImageSource& validation,
                     bool& solved);
    void reportHeadSolve(const HeadSolveReport& report);
    // The phase's optimizer; the first phase resumed gets the checkpoint's optimizer state back.
    std::unique_ptr<torch::optim::Optimizer> makePhaseOptimizer(const Phase& phase, bool resumingThisPhase);
    // The phase's epochs from m_nextEpoch on, each followed by a checkpoint. Returns false when stopped.
    bool runEpochs(std::size_t phaseIndex, torch::optim::Optimizer& optimizer, const ImageSource& train,
                   const ImageSource& validation);
    // Training, then validation when there are validation images; nullopt when stopped.
    std::optional<EpochMetrics> runEpoch(std::size_t phaseIndex, int epoch,
                                         torch::optim::Optimizer& optimizer, const ImageSource& train,
                                         const ImageSource& validation);
    BatchProgressFn epochProgress(int epoch, int lastEpoch);
    EpochMetrics epochMetrics(const Phase& phase, int epoch, const PassResult& trained,
                              const std::optional<PassResult>& validated, bool fromCache) const;
    void endPhase(std::size_t phaseIndex, int epoch);
    // The training images' pooled features, in one pass; undefined when stopped.
    PooledFeatures pooledTrainingFeatures(const ImageSource& train);
    // What every pass over images shares: resize, batches, threads, the stop flag and the log.
    PreprocessOptions preprocessOptions() const;
    BatchRunOptions batchRunOptions(TrainingStage stage);  // progress reported as this stage
    PassSettings passSettings();
    void finishEpoch(const Phase& phase, const EpochMetrics& metrics, bool& phaseEnds);
    void stopOnNonFiniteLoss(const EpochMetrics& metrics) const;
    bool keepsBest() const { return m_config.keptWeights == KeptWeights::Best; }
    void snapshotBest();
    void restoreBest();
    // A stopped run keeping the last epoch: the weights of the last whole epoch, from its checkpoint, not
    // those of the epoch cut short.
    void restoreLastCheckpointedEpoch();
    void writeCheckpoint(int nextEpoch, int nextPhase, int nextPhaseFirstEpoch,
                         torch::optim::Optimizer* optimizer);
    void writeHistory();
    // Temperature scaling on the validation images with the weights about to be saved (none without them).
    void calibrate();
    TrainedModel makeModel() const;
    // Saves the model (the kept epoch's weights) and returns it, for the test pass.
    TrainedModel saveModel(TrainingResult& result);
    void testModel(TrainingResult& result, const TrainedModel& model);

    TrainingSession::Impl& m_session;
    TrainingConfig& m_config;
    ProcessGroup* m_group = activeProcessGroup();  // null in a single process
    std::optional<RunNotice> m_precisionNote;      // what precision "auto" chose, and why
    TrainingObserver& m_observer;

    TrainingData m_data;
    std::shared_ptr<ClassifierModule> m_module;
    std::string m_weightsNote;
    std::vector<Phase> m_phases;
    bool m_exactHead = false;
    HeadSolveRefusal m_exactHeadRefusal = HeadSolveRefusal::None;
    std::vector<int> m_lastEpochOfPhase;
    MonitoredMetric m_bestMetric = MonitoredMetric::ValLoss;
    std::unique_ptr<BestEpochTracker> m_best;
    std::unique_ptr<EarlyStopping> m_earlyStopping;
    std::unique_ptr<LrPlateauReducer> m_reduceLr;
    std::vector<torch::Tensor> m_bestWeights;  // the best epoch's weights, in namedWeights() order
    TrainingHistory m_history;
    // When this run (or this resumed part of one) began: its record says so beside the model.
    std::string m_startedAt = utcNow();
    Clock::time_point m_runStart = Clock::now();
    ImageSource m_lastValidation;  // the last phase's validation images, from its cache where it has one
    ModelCalibration m_calibration;
    double m_learningRate = 0.0;
    torch::Tensor m_classWeights;
    std::map<CachePoint, FeatureSet> m_features;
    std::int64_t m_cacheRamBudget = 0;
    std::string m_passNote;  // the last cache pass's figures, for the phase that ran it
    // Why the cache could not be written (a full disk); the run's later phases go without it as well.
    std::string m_cacheUnwritable;
    int m_nextEpoch = 1;
    std::size_t m_startPhase = 0;
    bool m_lastPhaseStoppedEarly = false;
    std::vector<double> m_epochSeconds;  // of the current phase, for the ETA
    Clock::time_point m_epochStart;
    int m_currentEpoch = 0;
    int m_currentPhase = 1;
};

void TrainingRun::progress(TrainingStage stage, std::size_t done, std::size_t total, int epoch,
                           double imagesPerSecond) {
    BatchProgress p;
    p.imagesPerSecond = imagesPerSecond;
    if (imagesPerSecond > 0 && total >= done)
        p.etaSeconds = static_cast<double>(total - done) / imagesPerSecond;
    p.stage = stage;
    p.phase = m_currentPhase;
    p.epoch = epoch;
    p.epochs = m_lastEpochOfPhase.empty() ? m_config.epochs : m_lastEpochOfPhase.back();
    p.batch = done;
    p.batches = total;
    m_observer.onProgress(p);
}

void TrainingRun::loadData() {
    m_data = loadTrainingData(
        m_config,
        [this](std::size_t done, std::size_t total) { progress(TrainingStage::Preparing, done, total); },
        &m_session.stop);
    for (const RunNotice& note : m_data.notes) m_observer.onNotice(note);
    if (m_config.classWeighting == ClassWeighting::Balanced) {
        const std::vector<float> weights = balancedClassWeights(m_data);
        m_classWeights = torch::tensor(weights, torch::kFloat32);
        m_observer.onNotice({RunNotice::Kind::ClassWeights, m_data.classNames,
                             std::vector<double>(weights.begin(), weights.end())});
    }
}

void TrainingRun::buildModel() {
    std::shared_ptr<BackboneModule> backbone;
    if (m_session.checkpoint) {
        backbone = BackboneModule::create(m_config.backbone, m_config.replaceImageNetTop);
        backbone->setPretrained(m_session.checkpoint->state.pretrained);
        m_weightsNote = m_session.checkpoint->state.weightsNote;
    } else {
        BackboneRequest request;
        request.kind = m_config.backbone;
        request.includeTop = m_config.replaceImageNetTop;
        request.weightsFile = m_config.weightsFile;
        request.download.allowed = m_config.allowDownload;
        request.download.cancel = &m_session.stop;
        request.allowRandomInit = m_config.allowRandomInit;
        request.randomSeed = m_config.seed;
        PreparedBackbone prepared = prepareBackbone(request);
        backbone = prepared.module;
        m_weightsNote = prepared.weightsNote;
    }
    torch::manual_seed(m_config.seed);
    HeadSpec head;
    head.classCount = static_cast<int>(m_data.classNames.size());
    head.dropout = m_config.dropout;
    head.imageNetTop = m_config.replaceImageNetTop;
    head.normalizeFeatures = m_config.normalizeFeatures;
    m_module = std::make_shared<ClassifierModule>(backbone, head);
    m_module->backbone().setBatchNormUpdates(m_config.updateBatchNormStatistics);
}

void TrainingRun::planPhases() {
    const Architecture& architecture = m_module->backbone().architecture();
    const auto plan = [&](const FreezeSpec& spec) {
        return planFreeze(architecture, spec, m_module->backboneEnd());
    };
    m_phases.push_back({1, plan(m_config.freeze), m_config.epochs, m_config.learningRate});
    decideHeadSolver();
    if (m_exactHead) m_phases.front().epochs = 1;  // the solve stands for the phase's epochs
    if (m_config.fineTune)
        m_phases.push_back({2, plan(fineTuneFreeze(architecture, m_config.fineTune->unfreezeFrom)),
                            m_config.fineTune->epochs, m_config.fineTune->learningRate});
    // As planned. A phase ended early starts the next one sooner, which keeps its last epoch (endPhase).
    planEpochsFrom(0, m_phases.front().epochs);

    const bool validation = !m_data.validation.empty();
    // The monitor picks the best epoch also without early stopping: a user who says "val_accuracy" means it.
    m_bestMetric = m_config.earlyStopping.monitor;
    m_history.monitor = monitorName(m_bestMetric, validation);
    m_best = std::make_unique<BestEpochTracker>(directionOf(m_bestMetric));
    m_earlyStopping =
        std::make_unique<EarlyStopping>(m_config.earlyStopping, directionOf(m_config.earlyStopping.monitor));
    m_reduceLr =
        std::make_unique<LrPlateauReducer>(m_config.reduceLr, directionOf(m_config.reduceLr.monitor));
    if (!validation && (m_config.earlyStopping.enabled || m_config.reduceLr.enabled))
        m_observer.onNotice({RunNotice::Kind::NoValidationImages, {}});
}

void TrainingRun::decideHeadSolver() {
    if (m_config.headSolver != HeadSolver::Exact) return;
    m_module->applyFreeze(m_phases.front().freeze.frozen);
    m_exactHeadRefusal = exactHeadRefusal(m_config, *m_module);
    m_exactHead = m_exactHeadRefusal == HeadSolveRefusal::None;
}

bool TrainingRun::solveHeadPhase(std::size_t phaseIndex, const PooledFeatures& pooled,
                                 const ImageSource& train, const ImageSource& validation) {
    const Phase& phase = m_phases[phaseIndex];
    m_currentEpoch = m_nextEpoch;
    m_epochStart = Clock::now();
    m_observer.onNotice({RunNotice::Kind::SolvingHead, {}, {static_cast<double>(pooled.labels.size(0))}});
    PassSettings settings = passSettings();
    const ExactHeadResult solved =
        solveHeadExactly(*m_module, pooled, settings, m_classWeights, m_config.seed);
    if (ranksStop(solved.stopped)) return false;
    // Data-parallel: every rank solves on the same gathered features (so that none waits out the timeout
    // for another's solve), and rank 0's head stands, identical everywhere.
    if (m_group != nullptr) broadcastWeights(*m_module, *m_group);
    reportHeadSolve(solved.report);

    settings.progress = epochProgress(m_currentEpoch, m_currentEpoch);
    const PassResult trained = evaluatePass(*m_module, train, settings, TrainingStage::Validating);
    if (trained.stopped && m_group == nullptr) return false;
    std::optional<PassResult> validated;
    if (validation.size() > 0) {
        validated = evaluatePass(*m_module, validation, settings, TrainingStage::Validating);
        if (validated->stopped && m_group == nullptr) return false;
    }
    if (m_group != nullptr && checkRanksAgree(*m_module, *m_group, stopRequested())) {
        m_session.stop = true;
        return false;
    }
    EpochMetrics metrics = epochMetrics(phase, m_currentEpoch, trained, validated, train.features != nullptr);
    metrics.learningRate = 0.0;  // no learning rate: L-BFGS's line search chooses every step
    bool phaseEnds = true;
    finishEpoch(phase, metrics, phaseEnds);
    m_nextEpoch = m_currentEpoch + 1;
    endPhase(phaseIndex, m_currentEpoch);
    return true;
}

void TrainingRun::reportHeadSolve(const HeadSolveReport& report) {
    m_history.headSolve = report;
    for (std::size_t i = 0; i < report.path.size(); ++i) {
        const CrossValidationPoint& point = report.path[i];
        m_observer.onNotice({RunNotice::Kind::CrossValidationPoint,
                             {},
                             {point.l2Strength, point.accuracy, point.loss,
                              static_cast<double>(point.iterations), i == report.chosenIndex ? 1.0 : 0.0}});
    }
    m_observer.onNotice(headSolvedNotice(report));
    m_observer.onHeadSolved(report);
}

void TrainingRun::restoreFromCheckpoint() {
    const Checkpoint& checkpoint = *m_session.checkpoint;
    const CheckpointState& state = checkpoint.state;
    const std::filesystem::path file = checkpointPathFor(m_config.outputModel);
    if (state.classNames != m_data.classNames)
        throw Error(file, "the dataset's classes are not those of the checkpoint");
    if (state.manifestFingerprint != m_data.manifestFingerprint)
        m_observer.onNotice({RunNotice::Kind::DatasetChanged, {}});
    m_module->loadNamedWeights(checkpoint.weights, file);
    m_history = state.history;
    m_nextEpoch = state.nextEpoch;
    m_learningRate = state.learningRate;
    m_startPhase = static_cast<std::size_t>(state.phase - 1);
    if (m_startPhase >= m_phases.size() || m_nextEpoch > m_lastEpochOfPhase.back())
        throw Error(file, "this run has finished: there is nothing left to resume");
    // Phase ends move later phases forward; recompute from where the checkpoint says this phase began.
    planEpochsFrom(m_startPhase, state.phaseFirstEpoch + m_phases[m_startPhase].epochs - 1);
    const auto worstIfAbsent = [](const std::optional<double>& value, MonitoredMetric metric) {
        return value.value_or(directionOf(metric).worst());
    };
    m_earlyStopping->restore(
        {worstIfAbsent(state.earlyStoppingBest, m_config.earlyStopping.monitor), state.earlyStoppingWait});
    m_reduceLr->restore({worstIfAbsent(state.reduceLrBest, m_config.reduceLr.monitor), state.reduceLrWait,
                         state.reduceLrCooldown});
    if (state.bestEpoch > 0) m_best->restore(state.bestEpoch, worstIfAbsent(state.bestValue, m_bestMetric));
    if (state.bestEpoch > 0 && keepsBest()) {
        std::map<std::string, torch::Tensor> best(checkpoint.bestWeights.begin(),
                                                  checkpoint.bestWeights.end());
        for (const auto& [name, tensor] : m_module->namedWeights()) {
            const auto found = best.find(name);
            if (found == best.end() || !found->second.sizes().equals(tensor.sizes()))
                throw Error(file, "the best epoch's weight '" + name + "' is missing or has the wrong shape");
            m_bestWeights.push_back(found->second.clone());
        }
    }
    m_observer.onNotice({RunNotice::Kind::Resuming, {file.u8string()}, {static_cast<double>(m_nextEpoch)}});
}

void TrainingRun::resolveAutoPrecision() {
    if (m_config.precision != Precision::Auto) return;
    if (!backboneArchitecture(m_config.backbone, false).bf16ByDefault) {
        m_config.precision = Precision::Float32;
        m_precisionNote =
            RunNotice{RunNotice::Kind::PrecisionAutoBackbone, {backboneDisplayName(m_config.backbone)}};
        return;
    }
    m_config.precision = resolvePrecision(Precision::Auto);
    m_precisionNote = RunNotice{
        RunNotice::Kind::PrecisionAutoCpu, {}, {m_config.precision == Precision::BFloat16 ? 1.0 : 0.0}};
}

void TrainingRun::planEpochsFrom(std::size_t phaseIndex, int lastEpoch) {
    m_lastEpochOfPhase.resize(m_phases.size());
    m_lastEpochOfPhase[phaseIndex] = lastEpoch;
    for (std::size_t p = phaseIndex + 1; p < m_phases.size(); ++p)
        m_lastEpochOfPhase[p] = m_lastEpochOfPhase[p - 1] + m_phases[p].epochs;
}

CachePoint TrainingRun::cachePointOf(std::size_t phaseIndex) const {
    const bool headPools = !m_module->head().imageNetTop && m_config.cache.poolForHead;
    return phaseCachePoint(m_phases[phaseIndex].freeze.cacheCut, m_module->backboneEnd(), headPools,
                           m_config.augmentation.any());
}

bool TrainingRun::prepareFeatures(std::size_t phaseIndex, ImageSource& train, ImageSource& validation,
                                  PhaseStarted& started) {
    const CachePoint point = cachePointOf(phaseIndex);
    const bool augmenting = m_config.augmentation.any();
    started.cacheRefusal = cacheRefusalOf(m_config.cache.enabled, augmenting, point.cut);
    started.cacheNote = cacheRefusalReason(started.cacheRefusal);
    if (!m_config.cache.enabled || point.cut == 0) return true;
    if (!m_cacheUnwritable.empty()) {
        started.cacheNote = "the cache cannot be written: " + m_cacheUnwritable;
        return true;
    }
    started.cachedLayer =
        m_module->backbone().architecture().layers.at(static_cast<size_t>(point.cut - 1)).name;
    started.cacheUsed = !augmenting;
    started.cachePooled = point.tensor == CachedTensor::Pooled;

    if (m_features.count(point) == 0) {
        if (!computeFeatures(cachePointsFrom(phaseIndex))) return false;  // stopped
        if (!m_cacheUnwritable.empty()) {
            started.cachedLayer.clear();
            started.cacheUsed = started.cachePooled = false;
            started.cacheNote = "the cache cannot be written: " + m_cacheUnwritable;
            return true;
        }
        // With augmentation only the validation images come from the cache; the reason stays in front.
        started.cacheNote = augmenting ? started.cacheNote + " (validation images are cached)" : m_passNote;
    }
    const FeatureSet& set = m_features.at(point);
    started.cachedValuesPerImage = 1;
    for (const int64_t side : set.rowShape()) started.cachedValuesPerImage *= side;
    started.cacheFootprint = cacheFootprint();
    if (!augmenting) {
        train.features = &set;
        train.firstRow = 0;
    }
    validation.features = &set;
    validation.firstRow = augmenting ? 0 : static_cast<int64_t>(m_data.train.size());
    if (trainsInBf16(resolvePrecision(m_config.precision))) keepBf16Rows(set, train, validation);
    return true;
}

void TrainingRun::keepBf16Rows(const FeatureSet& set, ImageSource& train, ImageSource& validation) {
    const torch::Tensor rows = channelsLastBf16Rows(set);
    if (!rows.defined()) return;
    if (train.features == &set) train.channelsLastRows = rows;
    validation.channelsLastRows = rows;
    m_observer.onNotice({RunNotice::Kind::Bf16CachedCopy, {}, {static_cast<double>(rows.nbytes())}});
}

std::vector<CachePoint> TrainingRun::cachePointsFrom(std::size_t phaseIndex) const {
    const CachePoint point = cachePointOf(phaseIndex);
    // Later phases whose frozen prefix ends at or before this one's are frozen now as well, so their
    // features come out of the same pass: a head phase's pooled vector and a fine-tuning phase's map.
    std::vector<CachePoint> points{point};
    for (std::size_t later = phaseIndex + 1; later < m_phases.size(); ++later) {
        const CachePoint laterPoint = cachePointOf(later);
        if (laterPoint.cut > 0 && laterPoint.cut <= point.cut) points.push_back(laterPoint);
    }
    // The sweep's other candidates: their maps come out of this pass too, for their own runs to reuse.
    const Architecture& architecture = m_module->backbone().architecture();
    for (const int fineTuneAt : m_session.alsoCacheFineTuneAt) {
        const int cut =
            planFreeze(architecture, fineTuneFreeze(architecture, fineTuneAt), m_module->backboneEnd())
                .cacheCut;
        if (cut > 1 && cut <= point.cut && !m_config.augmentation.any())
            points.push_back({cut, CachedTensor::LayerOutput});
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    return points;
}

bool TrainingRun::computeFeatures(const std::vector<CachePoint>& points) {
    std::vector<std::filesystem::path> files;
    std::vector<ContentHash> hashes;
    // Augmentation is the same in every phase: without it the sets hold the training rows, then the
    // validation rows; with it only the validation rows.
    if (!m_config.augmentation.any())
        for (const LabelledImage& image : m_data.train)
            files.push_back(image.path), hashes.push_back(image.hash);
    for (const LabelledImage& image : m_data.validation)
        files.push_back(image.path), hashes.push_back(image.hash);

    const FeatureCache cache(m_config.cache);
    m_cacheRamBudget = cache.ramBudgetBytes();
    const Architecture& architecture = m_module->backbone().architecture();
    RunNotice computing{
        RunNotice::Kind::ComputingCache, {cache.directory().u8string()}, {static_cast<double>(files.size())}};
    for (const CachePoint& point : points) {
        computing.texts.push_back(architecture.layers.at(static_cast<size_t>(point.cut - 1)).name);
        computing.values.push_back(point.tensor == CachedTensor::Pooled ? 1.0 : 0.0);
    }
    m_observer.onNotice(computing);
    FeaturePreparation prepared =
        m_group != nullptr
            ? prepareShardedFeatures(m_config.cache, m_module->backbone(), points, files, hashes,
                                     preprocessOptions(), m_config.precision,
                                     batchRunOptions(TrainingStage::CachingFeatures), *m_group)
            : cache.prepare(m_module->backbone(), points, files, hashes, preprocessOptions(),
                            m_config.precision, batchRunOptions(TrainingStage::CachingFeatures));
    for (const RunNotice& note : prepared.notes) m_observer.onNotice(note);
    if (!prepared.unwritable.empty()) {
        m_cacheUnwritable = prepared.unwritable;
        m_observer.onNotice({RunNotice::Kind::CacheUnwritable, {m_cacheUnwritable}});
        return true;
    }
    if (prepared.sets.empty()) return false;  // stopped
    const RunNotice done{RunNotice::Kind::CachePassDone,
                         {},
                         {static_cast<double>(prepared.reused), static_cast<double>(prepared.computed),
                          prepared.seconds, prepared.readySeconds}};
    m_passNote = done.english().substr(std::string("frozen prefix: ").size());  // the figures, for the CLI
    m_observer.onNotice(done);
    for (FeatureSet& set : prepared.sets) m_features[set.point()] = std::move(set);
    const CacheFootprint footprint = cacheFootprint();
    m_observer.onNotice(
        {RunNotice::Kind::CacheFootprint,
         {},
         {static_cast<double>(footprint.ramBytes), static_cast<double>(footprint.ramBudgetBytes),
          static_cast<double>(footprint.mappedBytes), static_cast<double>(footprint.diskBytes)}});
    return true;
}

CacheFootprint TrainingRun::cacheFootprint() const {
    CacheFootprint footprint;
    footprint.ramBudgetBytes = m_cacheRamBudget;
    for (const auto& [point, set] : m_features) {
        (set.inMemory() ? footprint.ramBytes : footprint.mappedBytes) += set.bytes();
        footprint.diskBytes += set.diskBytes();
    }
    return footprint;
}

bool TrainingRun::ranksStop(bool stopHere) {
    if (m_group == nullptr) return stopHere;
    if (!anyRank(*m_group, stopHere)) return false;
    m_session.stop = true;
    return true;
}

bool TrainingRun::runPhase(std::size_t phaseIndex) {
    const Phase& phase = m_phases[phaseIndex];
    m_currentPhase = phase.number;
    m_module->applyFreeze(phase.freeze.frozen);
    const bool resumingThisPhase = m_session.checkpoint && phaseIndex == m_startPhase;
    if (!resumingThisPhase) {
        m_learningRate = phase.learningRate;
        m_earlyStopping->reset();
        m_reduceLr->reset();
    }
    m_epochSeconds.clear();

    PhaseStarted started;
    started.phase = phase.number;
    started.firstEpoch = m_nextEpoch;
    started.lastEpoch = m_lastEpochOfPhase[phaseIndex];
    started.learningRate = m_learningRate;
    started.freeze = phase.freeze.spec.describe();
    const ParamTotals totals = m_module->paramTotals();
    started.trainableParams = totals.trainable;
    started.totalParams = totals.total;

    ImageSource train = decodedSource(m_data.train);
    ImageSource validation = decodedSource(m_data.validation);
    if (!prepareFeatures(phaseIndex, train, validation, started)) return false;
    m_lastValidation = validation;
    m_observer.onPhaseStarted(started);
    bool solved = false;
    if (phaseIndex == 0 && !prepareHead(phaseIndex, train, validation, solved)) return false;
    if (solved) return true;
    const std::unique_ptr<torch::optim::Optimizer> optimizer = makePhaseOptimizer(phase, resumingThisPhase);
    return runEpochs(phaseIndex, *optimizer, train, validation);
}

bool TrainingRun::prepareHead(std::size_t phaseIndex, const ImageSource& train, const ImageSource& validation,
                              bool& solved) {
    // Also when resuming a run stopped during the first epoch.
    const bool adapting = m_nextEpoch == 1 && m_module->head().normalizeFeatures;
    PooledFeatures pooled;
    if (adapting || m_exactHead) {
        if (adapting)
            m_observer.onNotice({RunNotice::Kind::AdaptingNormalization,
                                 {},
                                 {static_cast<double>(train.size()), train.features != nullptr ? 1.0 : 0.0}});
        pooled = pooledTrainingFeatures(train);
        if (ranksStop(!pooled.features.defined())) return false;
    }
    if (adapting) {
        const FeatureMoments moments = featureMoments(pooled.features);
        m_module->setNormalization(moments.mean, moments.variance);
        if (m_group != nullptr) broadcastWeights(*m_module, *m_group);
    }
    if (m_exactHeadRefusal != HeadSolveRefusal::None)
        m_observer.onNotice({RunNotice::Kind::AdamInsteadOfExact,
                             {headSolveRefusalReason(m_exactHeadRefusal)},
                             {static_cast<double>(m_exactHeadRefusal)}});
    if (!m_exactHead) return true;
    solved = true;
    return solveHeadPhase(phaseIndex, pooled, train, validation);
}

std::unique_ptr<torch::optim::Optimizer> TrainingRun::makePhaseOptimizer(const Phase& phase,
                                                                         bool resumingThisPhase) {
    std::unique_ptr<torch::optim::Optimizer> optimizer =
        makeOptimizer(m_config, m_module->trainableParameters(), m_learningRate);
    if (resumingThisPhase && m_session.checkpoint->state.optimizerPhase == phase.number) {
        const Checkpoint& checkpoint = *m_session.checkpoint;
        const std::filesystem::path file = checkpointPathFor(m_config.outputModel);
        if (checkpoint.legacyOptimizer.defined())
            restoreLegacyOptimizer(*optimizer, checkpoint.legacyOptimizer, file);
        else
            restoreOptimizerState(*optimizer, checkpoint.optimizer, file);
    }
    setLearningRate(*optimizer, m_learningRate);
    return optimizer;
}

bool TrainingRun::runEpochs(std::size_t phaseIndex, torch::optim::Optimizer& optimizer,
                            const ImageSource& train, const ImageSource& validation) {
    const Phase& phase = m_phases[phaseIndex];
    const int lastEpoch = m_lastEpochOfPhase[phaseIndex];
    for (int epoch = m_nextEpoch; epoch <= lastEpoch; ++epoch) {
        const std::optional<EpochMetrics> metrics = runEpoch(phaseIndex, epoch, optimizer, train, validation);
        if (!metrics) return false;
        stopOnNonFiniteLoss(*metrics);
        bool phaseEnds = epoch == lastEpoch;
        finishEpoch(phase, *metrics, phaseEnds);
        if (m_learningRate != metrics->learningRate) setLearningRate(optimizer, m_learningRate);
        m_nextEpoch = epoch + 1;
        if (phaseEnds) {
            endPhase(phaseIndex, epoch);
            return true;
        }
        writeCheckpoint(epoch + 1, phase.number, lastEpoch - phase.epochs + 1, &optimizer);
    }
    return true;
}

// Keras's TerminateOnNaN: weights that produced a NaN or infinite loss are lost, and every later epoch would
// train on in vain (and write a history no JSON reader takes). The epoch is not recorded; the checkpoint and
// history of the epoch before stay as they are, for `tlw resume` with other settings.
void TrainingRun::stopOnNonFiniteLoss(const EpochMetrics& metrics) const {
    const bool lossBad = !std::isfinite(metrics.loss);
    if (!lossBad && (!metrics.valLoss || std::isfinite(*metrics.valLoss))) return;
    throw Error(
        "epoch " + std::to_string(metrics.epoch) + ": the " + (lossBad ? "training" : "validation") +
        " loss is " + formatValue(lossBad ? metrics.loss : *metrics.valLoss) +
        ", so the run stopped there (as Keras's TerminateOnNaN does); the weights had diverged, which a "
        "learning rate of " +
        formatValue(metrics.learningRate) +
        " may well cause: try a smaller one. What was saved before this epoch is kept.");
}

std::optional<EpochMetrics> TrainingRun::runEpoch(std::size_t phaseIndex, int epoch,
                                                  torch::optim::Optimizer& optimizer,
                                                  const ImageSource& train, const ImageSource& validation) {
    m_currentEpoch = epoch;
    m_epochStart = Clock::now();
    // Every epoch's randomness (order, dropout, augmentation) follows from the seed and the epoch
    // number alone, so a resumed run draws exactly what the uninterrupted one would have.
    const uint64_t epochSeed = hashKey64("epoch " + std::to_string(epoch), m_config.seed);
    torch::manual_seed(epochSeed);
    std::mt19937_64 random(epochSeed);

    PassSettings settings = passSettings();
    settings.progress = epochProgress(epoch, m_lastEpochOfPhase[phaseIndex]);
    const BatchAugmenter augmenter(m_config.augmentation);
    const PassResult trained =
        trainEpoch(*m_module, optimizer, train, settings, augmenter, m_classWeights, random);
    if (trained.stopped) {
        m_session.stop = true;  // data-parallel: the stop may have come from another rank
        return std::nullopt;
    }
    std::optional<PassResult> validated;
    if (validation.size() > 0) {
        validated = evaluatePass(*m_module, validation, settings, TrainingStage::Validating);
        if (validated->stopped && m_group == nullptr) return std::nullopt;
    }
    // Data-parallel, once per epoch: the ranks' parameters compared and a stop during validation shared.
    if (m_group != nullptr) {
        if (checkRanksAgree(*m_module, *m_group, stopRequested())) {
            m_session.stop = true;
            return std::nullopt;
        }
        // Trainable BatchNorm layers normalised by each rank's slice; rank 0's running statistics stand.
        if (m_config.updateBatchNormStatistics) broadcastWeights(*m_module, *m_group);
    }
    const EpochMetrics metrics =
        epochMetrics(m_phases[phaseIndex], epoch, trained, validated, train.features != nullptr);
    m_epochSeconds.push_back(metrics.seconds);
    return metrics;
}

// Batch progress within the epoch, with the time left to the phase's last epoch: this epoch's pace until
// an epoch of the phase has finished, that epoch's time after.
BatchProgressFn TrainingRun::epochProgress(int epoch, int lastEpoch) {
    return [this, epoch, lastEpoch](const BatchProgress& batch) {
        BatchProgress p = batch;
        p.phase = m_currentPhase;
        p.epoch = epoch;
        p.epochs = m_lastEpochOfPhase.back();
        if (p.stage == TrainingStage::Training && p.batch > 0 && p.batches > 0) {
            const double elapsed = std::chrono::duration<double>(Clock::now() - m_epochStart).count();
            const double estimate = m_epochSeconds.empty() ? elapsed * static_cast<double>(p.batches) /
                                                                 static_cast<double>(p.batch)
                                                           : m_epochSeconds.back();
            p.etaSeconds = std::max(0.0, estimate - elapsed) + estimate * (lastEpoch - epoch);
        }
        m_observer.onProgress(p);
    };
}

EpochMetrics TrainingRun::epochMetrics(const Phase& phase, int epoch, const PassResult& trained,
                                       const std::optional<PassResult>& validated, bool fromCache) const {
    EpochMetrics metrics;
    metrics.epoch = epoch;
    metrics.phase = phase.number;
    metrics.loss = trained.loss;
    metrics.accuracy = trained.accuracy;
    if (validated) {
        metrics.valLoss = validated->loss;
        metrics.valAccuracy = validated->accuracy;
    }
    metrics.learningRate = m_learningRate;
    metrics.seconds = std::chrono::duration<double>(Clock::now() - m_epochStart).count();
    metrics.imagesPerSecond =
        trained.seconds > 0 ? static_cast<double>(trained.images) / trained.seconds : 0.0;
    metrics.fromCache = fromCache;
    return metrics;
}

// After the phase's last epoch, planned or by early stopping. Later phases keep their last epochs: the
// next one starts right after this epoch, as Keras's initial_epoch does, and ends where it was planned to.
void TrainingRun::endPhase(std::size_t phaseIndex, int epoch) {
    m_lastEpochOfPhase[phaseIndex] = epoch;
    const int phaseNumber = m_phases[phaseIndex].number;
    const bool more = phaseIndex + 1 < m_phases.size();
    if (more) {
        // The checkpoint holds what the next phase starts from.
        m_learningRate = m_phases[phaseIndex + 1].learningRate;
        m_earlyStopping->reset();
        m_reduceLr->reset();
    }
    // The next phase starts now but keeps its planned last epoch (Keras's fit(epochs=total_epochs,
    // initial_epoch=...)). The checkpoint anchors it there, as mid-phase checkpoints do, so that a run
    // resumed from here ends where this one will.
    const int nextPhaseFirstEpoch =
        more ? m_lastEpochOfPhase[phaseIndex + 1] - m_phases[phaseIndex + 1].epochs + 1 : epoch + 1;
    writeCheckpoint(epoch + 1, more ? phaseNumber + 1 : phaseNumber, nextPhaseFirstEpoch, nullptr);
}

PreprocessOptions TrainingRun::preprocessOptions() const {
    return PreprocessOptions{m_config.imageSize.width, m_config.imageSize.height, m_config.cropToAspectRatio};
}

BatchRunOptions TrainingRun::batchRunOptions(TrainingStage stage) {
    BatchRunOptions options;
    options.batchSize = m_config.batchSize;
    options.threads = m_config.threads;
    options.cancel = &m_session.stop;
    // These passes count images: their pace is what the window shows while the cache is computed (it said
    // 0.0 images/s).
    const Clock::time_point start = Clock::now();
    options.progress = [this, stage, start](std::size_t done, std::size_t total) {
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        progress(stage, done, total, 0, elapsed > 0 && done > 0 ? static_cast<double>(done) / elapsed : 0.0);
    };
    return options;
}

PassSettings TrainingRun::passSettings() {
    PassSettings settings;
    settings.preprocess = preprocessOptions();
    settings.batchSize = m_config.batchSize;
    settings.threads = m_config.threads;
    settings.cancel = &m_session.stop;
    settings.skipped = [this](const std::filesystem::path& file, const std::string& reason) {
        m_observer.onNotice({RunNotice::Kind::EpochImageSkipped, {file.u8string(), reason}});
    };
    settings.precision = resolvePrecision(m_config.precision);
    return settings;
}

PooledFeatures TrainingRun::pooledTrainingFeatures(const ImageSource& train) {
    PassSettings settings = passSettings();
    settings.progress = [this](const BatchProgress& batch) {
        progress(TrainingStage::Preparing, batch.batch, batch.batches);
    };
    return pooledFeatureMatrix(*m_module, train, settings);
}

void TrainingRun::finishEpoch(const Phase& phase, const EpochMetrics& metrics, bool& phaseEnds) {
    m_history.epochs.push_back(metrics);
    if (phase.number == 2 && m_history.fineTuneStartEpoch == 0) m_history.fineTuneStartEpoch = metrics.epoch;
    const bool improved = m_best->update(metrics.epoch, monitoredValue(metrics, m_bestMetric));
    if (improved && keepsBest()) snapshotBest();  // with Last, no copy of the weights is needed
    m_history.bestEpoch = m_best->bestEpoch();
    m_history.keptEpoch = keepsBest() ? m_history.bestEpoch : metrics.epoch;
    m_observer.onEpochEnded(metrics);
    writeHistory();

    if (m_config.earlyStopping.enabled &&
        m_earlyStopping->update(monitoredValue(metrics, m_config.earlyStopping.monitor)) && !phaseEnds) {
        phaseEnds = true;
        m_lastPhaseStoppedEarly = true;
        m_observer.onNotice({RunNotice::Kind::EarlyStopping,
                             {monitorName(m_config.earlyStopping.monitor, metrics.valLoss.has_value())},
                             {static_cast<double>(m_config.earlyStopping.patience)}});
    } else if (phaseEnds) {
        m_lastPhaseStoppedEarly = false;
    }
    if (m_config.reduceLr.enabled) {
        const double next =
            m_reduceLr->update(monitoredValue(metrics, m_config.reduceLr.monitor), m_learningRate);
        if (next != m_learningRate)
            m_observer.onNotice({RunNotice::Kind::LearningRateReduced, {}, {m_learningRate, next}});
        m_learningRate = next;
    }
    // Keeping the best, the phase's best weights go on to the next phase and into the model, whether or not
    // stopping fired. Keeping the last, the weights are already those of this epoch.
    if (keepsBest() && phaseEnds && m_best->bestEpoch() != metrics.epoch && !m_bestWeights.empty()) {
        restoreBest();
        m_observer.onNotice({RunNotice::Kind::RestoredBest,
                             {m_history.monitor},
                             {static_cast<double>(m_best->bestEpoch()), m_best->bestValue()}});
    }
}

void TrainingRun::snapshotBest() {
    const NamedTensors weights = m_module->namedWeights();
    torch::NoGradGuard noGrad;
    if (m_bestWeights.size() != weights.size()) {
        m_bestWeights.clear();
        for (const auto& entry : weights) m_bestWeights.push_back(entry.second.detach().clone());
        return;
    }
    for (size_t i = 0; i < weights.size(); ++i) m_bestWeights[i].copy_(weights[i].second);
}

void TrainingRun::restoreBest() {
    const NamedTensors weights = m_module->namedWeights();
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < weights.size() && i < m_bestWeights.size(); ++i) {
        torch::Tensor target = weights[i].second;
        target.copy_(m_bestWeights[i]);
    }
}

void TrainingRun::restoreLastCheckpointedEpoch() {
    const std::filesystem::path file = checkpointPathFor(m_config.outputModel);
    m_module->loadNamedWeights(readCheckpoint(file).weights, file);
}

void TrainingRun::writeCheckpoint(int nextEpoch, int nextPhase, int nextPhaseFirstEpoch,
                                  torch::optim::Optimizer* optimizer) {
    if (!writesFiles()) return;
    Checkpoint checkpoint;
    CheckpointState& s = checkpoint.state;
    s.configJson = trainingConfigToJson(m_config);
    s.history = m_history;
    s.nextEpoch = nextEpoch;
    s.phase = nextPhase;
    s.phaseFirstEpoch = nextPhaseFirstEpoch;
    s.optimizerPhase = optimizer != nullptr ? nextPhase : 0;
    s.learningRate = m_learningRate;
    const auto finite = [](double value) {
        return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
    };
    s.earlyStoppingBest = finite(m_earlyStopping->state().best);
    s.earlyStoppingWait = m_earlyStopping->state().wait;
    s.reduceLrBest = finite(m_reduceLr->state().best);
    s.reduceLrWait = m_reduceLr->state().wait;
    s.reduceLrCooldown = m_reduceLr->state().cooldownCounter;
    s.bestEpoch = m_best->bestEpoch();
    if (s.bestEpoch > 0) s.bestValue = m_best->bestValue();
    s.classNames = m_data.classNames;
    s.pretrained = m_module->backbone().pretrained();
    s.weightsNote = m_weightsNote;
    s.manifestFingerprint = m_data.manifestFingerprint;
    checkpoint.weights = m_module->namedWeights();
    for (size_t i = 0; i < m_bestWeights.size() && i < checkpoint.weights.size(); ++i)
        checkpoint.bestWeights.emplace_back(checkpoint.weights[i].first, m_bestWeights[i]);
    if (optimizer != nullptr) checkpoint.optimizer = optimizerStateTensors(*optimizer);
    const std::filesystem::path file = checkpointPathFor(m_config.outputModel);
    tlw::writeCheckpoint(file, checkpoint);
    m_observer.onCheckpointSaved(file);
}

void TrainingRun::writeHistory() {
    if (!writesFiles()) return;
    writeFileAtomically(historyCsvPathFor(m_config.outputModel), historyToCsv(m_history));
    writeFileAtomically(historyJsonPathFor(m_config.outputModel), historyToJson(m_history));
}

void TrainingRun::calibrate() {
    if (m_data.validation.empty()) {
        m_calibration.note = "no validation images";
    } else {
        PassSettings settings = passSettings();
        settings.progress = [this](const BatchProgress& batch) {
            progress(TrainingStage::Validating, batch.batch, batch.batches);
        };
        const std::optional<ModelCalibration> fitted =
            calibrateOnValidation(*m_module, m_lastValidation, settings);
        if (fitted)
            m_calibration = *fitted;
        else
            m_calibration.note = "stopped before calibration";
    }
    m_observer.onNotice(calibrationNotice(m_calibration));
}

TrainedModel TrainingRun::makeModel() const {
    ModelDescription description;
    description.backbone = m_config.backbone;
    description.head = m_module->head();
    description.classNames = m_data.classNames;
    description.imageSize = m_config.imageSize;
    description.cropToAspectRatio = m_config.cropToAspectRatio;
    description.preprocessing = backbonePreprocessingId(m_config.backbone);
    const std::vector<bool> frozen = m_module->backbone().frozenMask();
    for (int layer = 0; layer < m_module->backboneEnd(); ++layer)
        if (frozen[static_cast<size_t>(layer)]) description.frozenLayers.push_back(layer);
    description.pretrained = m_module->backbone().pretrained();
    description.weightsNote = m_weightsNote;
    description.trainingConfigJson = trainingConfigToJson(m_config);
    description.historyJson = historyToJson(m_history);
    description.manifestFingerprint = m_data.manifestFingerprint;
    description.createdBy = "tlw " + tlwVersion() + " (LibTorch " + libtorchVersion() + ")";
    description.createdAt = utcNow();
    description.calibration = m_calibration;
    return makeTrainedModel(std::move(description), m_module);
}

TrainedModel TrainingRun::saveModel(TrainingResult& result) {
    progress(TrainingStage::Saving, 0, 1);
    m_history.stoppedEarly = m_lastPhaseStoppedEarly;
    if (!keepsBest())
        m_observer.onNotice(
            {RunNotice::Kind::KeptLast,
             {m_history.monitor},
             {static_cast<double>(m_history.keptEpoch), static_cast<double>(m_history.bestEpoch)}});
    writeHistory();
    TrainedModel model = makeModel();
    model.save(m_config.outputModel);
    result.modelFile = m_config.outputModel;
    const double wallSeconds = std::chrono::duration<double>(Clock::now() - m_runStart).count();
    writeRunRecord(makeRunRecord(m_config, m_history, m_startedAt, wallSeconds, result.cancelled));
    m_observer.onNotice({RunNotice::Kind::Saved, {m_config.outputModel.u8string()}});
    return model;
}

void TrainingRun::testModel(TrainingResult& result, const TrainedModel& model) {
    std::vector<std::filesystem::path> files;
    std::vector<int> labels;
    for (const LabelledImage& image : m_data.test) files.push_back(image.path), labels.push_back(image.label);
    result.test = evaluateFiles(model, files, labels, batchRunOptions(TrainingStage::Testing));
    m_observer.onNotice(
        {RunNotice::Kind::TestResult,
         {},
         {result.test->loss, result.test->accuracy, static_cast<double>(result.test->imageCount())}});
}

TrainingResult TrainingRun::execute() {
    TrainingResult result;
    setComputeThreads(m_config.threads);
    resolveAutoPrecision();
    progress(TrainingStage::Preparing, 0, 0);
    try {
        loadData();
    } catch (const Error&) {
        if (stopRequested()) {
            result.cancelled = true;
            return result;
        }
        throw;
    }
    const std::filesystem::path splitFile = splitManifestPathFor(m_config.outputModel);
    if (!m_session.checkpoint) {
        std::filesystem::create_directories(m_config.outputModel.parent_path());
        // The split as used, pinned for `tlw resume` and for people: the run's files and their subsets.
        if (writesFiles()) writeSplitManifest(m_data.manifest, splitFile);
        if (!m_config.validationDir) m_config.manifest = splitFile;
    }
    buildModel();
    planPhases();
    m_learningRate = m_config.learningRate;

    RunStarted started;
    started.classNames = m_data.classNames;
    for (int label = 0; label < static_cast<int>(m_data.classNames.size()); ++label)
        started.trainImagesPerClass.push_back(m_data.count(label));
    started.trainImages = m_data.train.size();
    started.validationImages = m_data.validation.size();
    started.testImages = m_data.test.size();
    started.totalEpochs = m_lastEpochOfPhase.back();
    started.pretrained = m_module->backbone().pretrained();
    started.weightsNote = m_weightsNote;
    started.lossName = m_module->head().lossName();

    if (m_session.checkpoint) {
        restoreFromCheckpoint();
    } else {
        m_module->applyFreeze(m_phases.front().freeze.frozen);
        writeCheckpoint(1, 1, 1, nullptr);  // even a run stopped in its first epoch leaves one to resume
        if (writesFiles()) clearRunStarted(m_config.outputModel);
    }
    // Data-parallel: every rank starts from rank 0's weights (the same already, from the same files and seed;
    // this makes sure).
    if (m_group != nullptr) broadcastWeights(*m_module, *m_group);
    started.firstEpoch = m_nextEpoch;
    started.totalEpochs = m_lastEpochOfPhase.back();
    m_observer.onRunStarted(started);
    m_observer.onNotice(weightsNotice(m_weightsNote));
    if (m_precisionNote) m_observer.onNotice(*m_precisionNote);
    m_observer.onNotice({RunNotice::Kind::ComputePrecision,
                         {precisionId(m_config.precision)},
                         {trainsInBf16(m_config.precision) ? 1.0 : 0.0}});
    const BlasLibrary blas = loadedBlas();
    if (blas.kind == BlasKind::Reference) m_observer.onNotice({RunNotice::Kind::ReferenceBlas, {blas.path}});

    for (std::size_t phase = m_startPhase; phase < m_phases.size(); ++phase) {
        if (!runPhase(phase)) {
            result.cancelled = true;
            m_observer.onNotice({RunNotice::Kind::Stopped, {}, {static_cast<double>(m_nextEpoch - 1)}});
            break;
        }
    }
    result.history = m_history;
    if (m_history.epochs.empty() || !writesFiles()) return result;
    if (result.cancelled && keepsBest() && !m_bestWeights.empty()) restoreBest();
    if (result.cancelled && !keepsBest()) restoreLastCheckpointedEpoch();
    if (!result.cancelled)
        calibrate();
    else
        m_calibration.note = "the run was stopped before calibration";
    const TrainedModel model = saveModel(result);
    result.history = m_history;
    // The network just saved is the one tested: no need to read the file back.
    if (!result.cancelled && !m_data.test.empty()) testModel(result, model);
    return result;
}

}  // namespace

TrainingSession::TrainingSession(TrainingConfig config) : m_impl(std::make_unique<Impl>()) {
    config.validate();
    m_impl->config = withAbsolutePaths(std::move(config));
}

TrainingSession::TrainingSession(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TrainingSession::TrainingSession(TrainingSession&&) noexcept = default;
TrainingSession::~TrainingSession() = default;

namespace {

// A resumed run writes beside the checkpoint it was given, wherever the run's files were copied or moved,
// never to the paths it was first started with (resuming a copy overwrote the original's model, issue 18).
// Its pinned split moves along when it was the one written beside the model.
void moveRunBeside(TrainingConfig& config, const std::filesystem::path& model) {
    if (config.manifest && *config.manifest == splitManifestPathFor(config.outputModel))
        config.manifest = splitManifestPathFor(model);
    config.outputModel = model;
}

// One run at a time writes a model and its files: a second `tlw train --out` the same path (or the window
// and a terminal) stops at once instead of both succeeding and the last silently winning.
void lockOutput(const std::filesystem::path& model, std::optional<FileLock>& lock) {
    std::filesystem::create_directories(model.parent_path());
    const std::filesystem::path lockFile = model.parent_path() / ("." + model.filename().string() + ".lock");
    try {
        lock.emplace(lockFile, FileLock::Wait::No);
    } catch (const Error&) {
        throw Error(model, "another training run is writing this model now (it holds " +
                               lockFile.filename().u8string() + "); give another output, or wait for it");
    }
}

}  // namespace

TrainingSession TrainingSession::resume(const std::filesystem::path& checkpointOrModel) {
    std::filesystem::path file = checkpointOrModel;
    if (file.extension() != ".checkpoint") file = checkpointPathFor(checkpointOrModel);
    auto impl = std::make_unique<Impl>();
    impl->checkpoint = readCheckpoint(file);
    impl->config = trainingConfigFromJson(impl->checkpoint->state.configJson);
    moveRunBeside(impl->config, std::filesystem::absolute(file).replace_extension());
    return TrainingSession(std::move(impl));
}

const TrainingConfig& TrainingSession::config() const { return m_impl->config; }

TrainingResult TrainingSession::run(TrainingObserver& observer) {
    m_impl->stop = false;
    // Data-parallel (core/dist): rank 0 alone writes the model and its files, so it alone holds the lock.
    const ProcessGroup* group = activeProcessGroup();
    const bool writesFiles = group == nullptr || group->rank() == 0;
    std::optional<FileLock> output;
    if (writesFiles) lockOutput(m_impl->config.outputModel, output);
    if (m_impl->checkpoint)
        refuseCheckpointOfAnEarlierRun(m_impl->config.outputModel,
                                       checkpointPathFor(m_impl->config.outputModel));
    else if (writesFiles)
        markRunStarted(m_impl->config.outputModel);
    const TensorMemoryScope memory;
    TrainingRun run(*m_impl, observer);
    try {
        return run.execute();
    } catch (const c10::Error& e) {
        const std::string what = e.what_without_backtrace();
        throw Error("training failed: " + what.substr(0, what.find('\n')));
    }
}

void TrainingSession::requestStop() noexcept { m_impl->stop = true; }

void TrainingSession::alsoCacheFineTuneAt(std::vector<int> fineTuneAt) {
    m_impl->alsoCacheFineTuneAt = std::move(fineTuneAt);
}

}  // namespace tlw
