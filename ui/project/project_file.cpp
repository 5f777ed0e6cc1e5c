#include "ui/project/project_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <cmath>

#include "core/models/backbone.h"
#include "core/util/error.h"
#include "ui/adapters/paths.h"

namespace tlw::ui {

namespace {

// A project is a few kilobytes; anything this big is something else, read by mistake.
constexpr qint64 kMaxProjectBytes = 16 * 1024 * 1024;

[[noreturn]] void fail(const QString& file, const QString& reason) {
    throw tlw::Error(toPath(file), reason.toStdString());
}

QString storedPath(const QString& path, const QDir& projectDir) {
    if (path.isEmpty()) return path;
    const QString relative = projectDir.relativeFilePath(path);
    return relative.startsWith(QLatin1String("..")) || QDir::isAbsolutePath(relative) ? QDir::cleanPath(path)
                                                                                      : relative;
}

QString resolvedPath(const QString& stored, const QDir& projectDir) {
    if (stored.isEmpty()) return stored;
    return QDir::cleanPath(projectDir.absoluteFilePath(stored));
}

// Reads one JSON object's fields with their dotted name in every error ("model.image_size: ...").
class FieldReader {
public:
    FieldReader(QJsonObject object, QString prefix, QString file)
        : m_object(std::move(object)), m_prefix(std::move(prefix)), m_file(std::move(file)) {}

    FieldReader section(const char* key) const {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined()) fail(m_file, QStringLiteral("no \"%1\" section").arg(name(key)));
        if (!value.isObject()) fail(m_file, QStringLiteral("%1: expected an object").arg(name(key)));
        return FieldReader(value.toObject(), name(key) + QLatin1Char('.'), m_file);
    }

    const QJsonObject& object() const { return m_object; }
    bool has(const char* key) const { return !m_object.value(QLatin1String(key)).isUndefined(); }
    bool isBoolean(const char* key) const { return m_object.value(QLatin1String(key)).isBool(); }

    QString string(const char* key, const QString& fallback = {}) const {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull()) return fallback;
        if (!value.isString()) fail(m_file, QStringLiteral("%1: expected a string").arg(name(key)));
        return value.toString();
    }

    bool boolean(const char* key, bool fallback) const {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined()) return fallback;
        if (!value.isBool()) fail(m_file, QStringLiteral("%1: expected true or false").arg(name(key)));
        return value.toBool();
    }

    double number(const char* key, double fallback, double minimum, double maximum) const {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined()) return fallback;
        if (!value.isDouble()) fail(m_file, QStringLiteral("%1: expected a number").arg(name(key)));
        const double number = value.toDouble();
        if (!(number >= minimum && number <= maximum))
            fail(m_file, QStringLiteral("%1: %2 is out of range (%3 to %4)")
                             .arg(name(key))
                             .arg(number)
                             .arg(minimum)
                             .arg(maximum));
        return number;
    }

    int integer(const char* key, int fallback, int minimum, int maximum) const {
        const double value = number(key, fallback, minimum, maximum);
        if (value != std::floor(value))
            fail(m_file, QStringLiteral("%1: expected a whole number").arg(name(key)));
        return static_cast<int>(value);
    }

    std::vector<bool> flags(const char* key) const {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull()) return {};
        if (!value.isArray())
            fail(m_file, QStringLiteral("%1: expected a list of true/false").arg(name(key)));
        std::vector<bool> flags;
        for (const QJsonValue& flag : value.toArray()) {
            if (!flag.isBool())
                fail(m_file, QStringLiteral("%1: expected a list of true/false").arg(name(key)));
            flags.push_back(flag.toBool());
        }
        return flags;
    }

    QStringList strings(const char* key) const {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull()) return {};
        if (!value.isArray()) fail(m_file, QStringLiteral("%1: expected a list of strings").arg(name(key)));
        QStringList strings;
        for (const QJsonValue& item : value.toArray()) {
            if (!item.isString())
                fail(m_file, QStringLiteral("%1: expected a list of strings").arg(name(key)));
            strings.push_back(item.toString());
        }
        return strings;
    }

private:
    QString name(const char* key) const { return m_prefix + QLatin1String(key); }

    QJsonObject m_object;
    QString m_prefix;
    QString m_file;
};

QJsonObject datasetToJson(const WorkbenchProject& project, const QDir& dir) {
    QJsonObject dataset;
    dataset[QStringLiteral("folder")] = storedPath(project.datasetFolder, dir);
    dataset[QStringLiteral("validation_split")] = project.split.validationFraction;
    dataset[QStringLiteral("seed")] = project.split.seed;
    dataset[QStringLiteral("manifest")] = storedPath(project.split.manifestPath, dir);
    return dataset;
}

QJsonObject modelToJson(const ModelSettings& model, const QDir& dir) {
    QJsonObject object;
    object[QStringLiteral("backbone")] = model.backbone;
    object[QStringLiteral("image_size")] = model.imageSize;
    object[QStringLiteral("include_top")] = model.includeTop;
    object[QStringLiteral("dropout")] = model.dropout;
    object[QStringLiteral("normalize_features")] = model.normalizeFeatures;
    object[QStringLiteral("update_batchnorm_statistics")] = model.updateBatchNormStatistics;
    object[QStringLiteral("fine_tune_at")] = model.frozenPrefix;
    QJsonArray trainable;
    for (const bool flag : model.trainable) trainable.append(flag);
    object[QStringLiteral("trainable")] = trainable;
    object[QStringLiteral("weights_file")] = storedPath(model.weightsFile, dir);
    object[QStringLiteral("pretrained")] = model.pretrained;
    return object;
}

// Core's JSON for the Training page's settings (hyperParametersToJson), with the output file beside it,
// relative to the project folder like every path here.
QJsonObject trainingToJson(const tlw::TrainingConfig& training, const QDir& dir) {
    QJsonObject object =
        QJsonDocument::fromJson(QByteArray::fromStdString(tlw::hyperParametersToJson(training))).object();
    object[QStringLiteral("output_model")] = storedPath(toQString(training.outputModel), dir);
    return object;
}

ModelSettings modelFromJson(const FieldReader& model, const QDir& dir, const QString& file) {
    ModelSettings settings;
    settings.backbone = model.string("backbone", settings.backbone);
    QStringList known;
    for (const tlw::BackboneKind kind : tlw::allBackbones())
        known << QString::fromStdString(tlw::backboneId(kind));
    if (!known.contains(settings.backbone)) {
        const QString list =
            known.mid(0, known.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + known.last();
        fail(file, QStringLiteral("model.backbone: \"%1\" is not %2").arg(settings.backbone, list));
    }
    settings.imageSize = model.integer("image_size", settings.imageSize, 32, 512);
    settings.includeTop = model.boolean("include_top", settings.includeTop);
    settings.dropout = model.number("dropout", settings.dropout, 0.0, 0.9);
    settings.normalizeFeatures = model.boolean("normalize_features", settings.normalizeFeatures);
    settings.updateBatchNormStatistics =
        model.boolean("update_batchnorm_statistics", settings.updateBatchNormStatistics);
    settings.frozenPrefix = model.integer("fine_tune_at", settings.frozenPrefix, -1, 10000);
    settings.trainable = model.flags("trainable");
    settings.weightsFile = resolvedPath(model.string("weights_file"), dir);
    settings.pretrained = model.boolean("pretrained", settings.pretrained);
    return settings;
}

QString oneOf(const FieldReader& reader, const char* key, const QString& fallback, const QStringList& allowed,
              const QString& file) {
    const QString value = reader.string(key, fallback);
    if (!allowed.contains(value))
        fail(file, QStringLiteral("training.%1: \"%2\" is not %3")
                       .arg(QLatin1String(key), value, allowed.join(QStringLiteral(" or "))));
    return value;
}

tlw::AugmentationSettings augmentationFromVersion1(const FieldReader& training) {
    tlw::AugmentationSettings augmentation;
    // Files before the engine stored one check box: flips and small rotations, which is the tutorial's
    // RandomFlip("horizontal") + RandomRotation(0.2).
    if (training.isBoolean("augmentation")) {
        if (training.boolean("augmentation", false)) {
            augmentation.horizontalFlip = true;
            augmentation.rotation = 0.2;
        }
        return augmentation;
    }
    if (!training.has("augmentation")) return augmentation;
    const FieldReader object = training.section("augmentation");
    augmentation.horizontalFlip = object.boolean("flip", false);
    augmentation.rotation = object.number("rotation", 0.0, 0.0, 1.0);
    augmentation.zoom = object.number("zoom", 0.0, 0.0, 1.0);
    augmentation.translation = object.number("translation", 0.0, 0.0, 1.0);
    augmentation.contrast = object.number("contrast", 0.0, 0.0, 1.0);
    return augmentation;
}

// The two-phase keys of a version 1 file; without "fine_tune_phase": true, one phase.
std::optional<tlw::FineTuneSettings> fineTuneFromVersion1(const FieldReader& training) {
    if (!training.boolean("fine_tune_phase", false)) return std::nullopt;
    tlw::FineTuneSettings fineTune;
    const int k = training.integer("fine_tune_at", -1, -1, 10000);
    if (k >= 0) fineTune.unfreezeFrom = k;  // -1: the backbone's preset
    fineTune.epochs = training.integer("fine_tune_epochs", fineTune.epochs, 1, 100000);
    fineTune.learningRate = training.number("fine_tune_learning_rate", fineTune.learningRate, 0.0, 10.0);
    return fineTune;
}

void optimisationFromVersion1(const FieldReader& training, tlw::TrainingConfig& settings,
                              const QString& file) {
    settings.epochs = training.integer("epochs", settings.epochs, 1, 100000);
    settings.batchSize = training.integer("batch_size", settings.batchSize, 1, 65536);
    settings.learningRate = training.number("learning_rate", settings.learningRate, 0.0, 10.0);
    // Projects written before the engine existed could name RMSprop, which it does not have; Adam is
    // the closest (RMSprop with momentum), better than refusing the whole project.
    const QString optimizer = training.string("optimizer") == QLatin1String("rmsprop")
                                  ? QStringLiteral("adam")
                                  : oneOf(training, "optimizer", QStringLiteral("adam"),
                                          {QStringLiteral("adam"), QStringLiteral("sgd")}, file);
    settings.optimizer = tlw::parseOptimizerKind(optimizer.toStdString());
    settings.momentum = training.number("momentum", settings.momentum, 0.0, 0.999);
    if (oneOf(training, "class_weights", QStringLiteral("none"),
              {QStringLiteral("none"), QStringLiteral("balanced")}, file) == QLatin1String("balanced"))
        settings.classWeighting = tlw::ClassWeighting::Balanced;
}

// Version 1 kept the Training page's own copy of the settings under its own keys. Keys missing from it
// take core's defaults.
tlw::TrainingConfig trainingFromVersion1(const FieldReader& training, const QDir& dir, const QString& file) {
    tlw::TrainingConfig settings;
    optimisationFromVersion1(training, settings, file);
    const tlw::MonitoredMetric monitor =
        tlw::parseMonitoredMetric(oneOf(training, "monitor", QStringLiteral("val_loss"),
                                        {QStringLiteral("val_loss"), QStringLiteral("val_accuracy")}, file)
                                      .toStdString());
    settings.earlyStopping.enabled = training.boolean("early_stopping", settings.earlyStopping.enabled);
    settings.earlyStopping.monitor = monitor;
    settings.earlyStopping.patience =
        training.integer("patience", settings.earlyStopping.patience, 0, 100000);
    settings.earlyStopping.minDelta =
        training.number("min_delta", settings.earlyStopping.minDelta, 0.0, 1000.0);
    settings.reduceLr.enabled = training.boolean("reduce_lr_on_plateau", settings.reduceLr.enabled);
    settings.reduceLr.monitor = monitor;
    settings.augmentation = augmentationFromVersion1(training);
    settings.fineTune = fineTuneFromVersion1(training);
    settings.threads = training.integer("threads", settings.threads, 0, 4096);
    settings.cache.enabled = training.boolean("feature_cache", settings.cache.enabled);
    // Missing: core's default, as for every other key.
    settings.precision = tlw::parsePrecision(
        oneOf(training, "precision", QString::fromStdString(tlw::precisionId(settings.precision)),
              {QStringLiteral("auto"), QStringLiteral("fp32"), QStringLiteral("bf16")}, file)
            .toStdString());
    settings.outputModel = toPath(resolvedPath(training.string("output_model"), dir));
    return settings;
}

// Version 2: core's JSON (readHyperParametersJson), which names the key at fault.
tlw::TrainingConfig trainingFromJson(QJsonObject training, const QDir& dir, const QString& file) {
    const QJsonValue output = training.take(QStringLiteral("output_model"));
    if (!output.isUndefined() && !output.isNull() && !output.isString())
        fail(file, QStringLiteral("training.output_model: expected a string"));
    tlw::TrainingConfig settings;
    try {
        tlw::readHyperParametersJson(QJsonDocument(training).toJson().toStdString(), settings);
    } catch (const tlw::Error& error) {
        fail(file, QStringLiteral("training: %1").arg(QString::fromUtf8(error.what())));
    }
    settings.outputModel = toPath(resolvedPath(output.toString(), dir));
    return settings;
}

}  // namespace

QByteArray projectToJson(const WorkbenchProject& project, const QString& projectFolder) {
    const QDir dir(projectFolder);
    QJsonObject root;
    root[QStringLiteral("format")] = QLatin1String(kProjectFormatName);
    root[QStringLiteral("version")] = kProjectFormatVersion;
    root[QStringLiteral("created_by")] =
        QStringLiteral("TL Workbench %1").arg(QCoreApplication::applicationVersion());
    root[QStringLiteral("dataset")] = datasetToJson(project, dir);
    root[QStringLiteral("model")] = modelToJson(project.model, dir);
    root[QStringLiteral("training")] = trainingToJson(project.training, dir);
    root[QStringLiteral("last_model")] = storedPath(project.lastModelPath, dir);
    QJsonArray runs;
    for (const QString& model : project.runModels) runs.push_back(storedPath(model, dir));
    root[QStringLiteral("runs")] = runs;
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

WorkbenchProject projectFromJson(const QByteArray& json, const QString& projectFolder,
                                 const QString& fileForErrors) {
    const QString& file = fileForErrors;
    if (json.trimmed().isEmpty()) fail(file, QStringLiteral("empty file: not a TL Workbench project"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        fail(file, QStringLiteral("not valid JSON (%1 at offset %2): the file is damaged or cut short")
                       .arg(error.errorString())
                       .arg(error.offset));
    if (!document.isObject()) fail(file, QStringLiteral("not a TL Workbench project (no JSON object)"));
    const FieldReader root(document.object(), QString(), file);
    if (root.string("format") != QLatin1String(kProjectFormatName))
        fail(file,
             QStringLiteral("not a TL Workbench project (\"format\" is not \"%1\")").arg(kProjectFormatName));
    const int version = root.integer("version", 0, 0, 1000000);
    if (version < 1) fail(file, QStringLiteral("no project version"));
    if (version > kProjectFormatVersion)
        fail(file, QStringLiteral("project version %1 is newer than this TL Workbench reads (%2)")
                       .arg(version)
                       .arg(kProjectFormatVersion));

    const QDir dir(projectFolder);
    WorkbenchProject project;
    const FieldReader dataset = root.section("dataset");
    project.datasetFolder = resolvedPath(dataset.string("folder"), dir);
    project.split.validationFraction =
        dataset.number("validation_split", project.split.validationFraction, 0.0, 0.9);
    project.split.seed = dataset.integer("seed", project.split.seed, 0, 999999);
    project.split.manifestPath = resolvedPath(dataset.string("manifest"), dir);
    project.model = modelFromJson(root.section("model"), dir, file);
    const FieldReader training = root.section("training");
    project.training = version == 1 ? trainingFromVersion1(training, dir, file)
                                    : trainingFromJson(training.object(), dir, file);
    project.lastModelPath = resolvedPath(root.string("last_model"), dir);
    for (const QString& model : root.strings("runs")) project.runModels.push_back(resolvedPath(model, dir));
    return project;
}

void writeProjectFile(const QString& file, const WorkbenchProject& project) {
    writeProjectJson(file, projectToJson(project, QFileInfo(file).absolutePath()));
}

void writeProjectJson(const QString& file, const QByteArray& json) {
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        fail(file, QStringLiteral("cannot write: %1").arg(out.errorString()));
    if (out.write(json) != json.size()) fail(file, QStringLiteral("cannot write: %1").arg(out.errorString()));
    if (!out.commit()) fail(file, QStringLiteral("cannot write: %1").arg(out.errorString()));
}

WorkbenchProject readProjectFile(const QString& file) {
    QFile in(file);
    if (!in.exists()) fail(file, QStringLiteral("no such file"));
    if (!in.open(QIODevice::ReadOnly)) fail(file, QStringLiteral("cannot read: %1").arg(in.errorString()));
    if (in.size() > kMaxProjectBytes)
        fail(file, QStringLiteral("too large for a project file (%1 bytes)").arg(in.size()));
    const QByteArray json = in.readAll();
    return projectFromJson(json, QFileInfo(file).absolutePath(), file);
}

}  // namespace tlw::ui
