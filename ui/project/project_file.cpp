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
    object[QStringLiteral("fine_tune_at")] = model.fineTuneAt;
    QJsonArray trainable;
    for (const bool flag : model.trainable) trainable.append(flag);
    object[QStringLiteral("trainable")] = trainable;
    object[QStringLiteral("weights_file")] = storedPath(model.weightsFile, dir);
    object[QStringLiteral("pretrained")] = model.pretrained;
    return object;
}

QJsonObject augmentationToJson(const AugmentationChoice& augmentation) {
    QJsonObject object;
    object[QStringLiteral("flip")] = augmentation.horizontalFlip;
    object[QStringLiteral("rotation")] = augmentation.rotation;
    object[QStringLiteral("zoom")] = augmentation.zoom;
    object[QStringLiteral("translation")] = augmentation.translation;
    object[QStringLiteral("contrast")] = augmentation.contrast;
    return object;
}

QJsonObject trainingToJson(const TrainingSettings& training, const QDir& dir) {
    QJsonObject object;
    object[QStringLiteral("epochs")] = training.epochs;
    object[QStringLiteral("batch_size")] = training.batchSize;
    object[QStringLiteral("learning_rate")] = training.learningRate;
    object[QStringLiteral("optimizer")] = training.optimizer;
    object[QStringLiteral("momentum")] = training.momentum;
    object[QStringLiteral("class_weights")] =
        training.balancedClassWeights ? QStringLiteral("balanced") : QStringLiteral("none");
    object[QStringLiteral("early_stopping")] = training.earlyStopping;
    object[QStringLiteral("monitor")] = training.monitor;
    object[QStringLiteral("patience")] = training.patience;
    object[QStringLiteral("min_delta")] = training.minDelta;
    object[QStringLiteral("reduce_lr_on_plateau")] = training.reduceLrOnPlateau;
    object[QStringLiteral("augmentation")] = augmentationToJson(training.augmentation);
    object[QStringLiteral("fine_tune_phase")] = training.fineTunePhase;
    object[QStringLiteral("fine_tune_at")] = training.fineTuneAt;
    object[QStringLiteral("fine_tune_epochs")] = training.fineTuneEpochs;
    object[QStringLiteral("fine_tune_learning_rate")] = training.fineTuneLearningRate;
    object[QStringLiteral("threads")] = training.threads;
    object[QStringLiteral("feature_cache")] = training.featureCache;
    object[QStringLiteral("precision")] = training.precision;
    object[QStringLiteral("output_model")] = storedPath(training.outputModel, dir);
    return object;
}

ModelSettings modelFromJson(const FieldReader& model, const QDir& dir, const QString& file) {
    ModelSettings settings;
    settings.backbone = model.string("backbone", settings.backbone);
    if (settings.backbone != QLatin1String("vgg16") && settings.backbone != QLatin1String("squeezenet"))
        fail(file,
             QStringLiteral("model.backbone: \"%1\" is not vgg16 or squeezenet").arg(settings.backbone));
    settings.imageSize = model.integer("image_size", settings.imageSize, 32, 512);
    settings.includeTop = model.boolean("include_top", settings.includeTop);
    settings.dropout = model.number("dropout", settings.dropout, 0.0, 0.9);
    settings.normalizeFeatures = model.boolean("normalize_features", settings.normalizeFeatures);
    settings.fineTuneAt = model.integer("fine_tune_at", settings.fineTuneAt, -1, 10000);
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

AugmentationChoice augmentationFromJson(const FieldReader& training) {
    AugmentationChoice augmentation;
    // Version 1 files before the engine stored one check box: flips and small rotations, which is the
    // tutorial's RandomFlip("horizontal") + RandomRotation(0.2).
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

// Keys missing from older projects keep their defaults.
TrainingSettings trainingFromJson(const FieldReader& training, const QDir& dir, const QString& file) {
    TrainingSettings settings;
    settings.epochs = training.integer("epochs", settings.epochs, 1, 100000);
    settings.batchSize = training.integer("batch_size", settings.batchSize, 1, 65536);
    settings.learningRate = training.number("learning_rate", settings.learningRate, 0.0, 10.0);
    // Projects written before the engine existed could name RMSprop, which it does not have; Adam is
    // the closest (RMSprop with momentum), better than refusing the whole project.
    if (training.string("optimizer") == QLatin1String("rmsprop")) {
        settings.optimizer = QStringLiteral("adam");
    } else {
        settings.optimizer = oneOf(training, "optimizer", settings.optimizer,
                                   {QStringLiteral("adam"), QStringLiteral("sgd")}, file);
    }
    settings.momentum = training.number("momentum", settings.momentum, 0.0, 0.999);
    settings.balancedClassWeights =
        oneOf(training, "class_weights", QStringLiteral("none"),
              {QStringLiteral("none"), QStringLiteral("balanced")}, file) == QLatin1String("balanced");
    settings.earlyStopping = training.boolean("early_stopping", settings.earlyStopping);
    settings.monitor = oneOf(training, "monitor", settings.monitor,
                             {QStringLiteral("val_loss"), QStringLiteral("val_accuracy")}, file);
    settings.patience = training.integer("patience", settings.patience, 0, 100000);
    settings.minDelta = training.number("min_delta", settings.minDelta, 0.0, 1000.0);
    settings.reduceLrOnPlateau = training.boolean("reduce_lr_on_plateau", settings.reduceLrOnPlateau);
    settings.augmentation = augmentationFromJson(training);
    settings.fineTunePhase = training.boolean("fine_tune_phase", settings.fineTunePhase);
    settings.fineTuneAt = training.integer("fine_tune_at", settings.fineTuneAt, -1, 10000);
    settings.fineTuneEpochs = training.integer("fine_tune_epochs", settings.fineTuneEpochs, 1, 100000);
    settings.fineTuneLearningRate =
        training.number("fine_tune_learning_rate", settings.fineTuneLearningRate, 0.0, 10.0);
    settings.threads = training.integer("threads", settings.threads, 0, 4096);
    settings.featureCache = training.boolean("feature_cache", settings.featureCache);
    settings.precision = oneOf(training, "precision", settings.precision,
                               {QStringLiteral("fp32"), QStringLiteral("bf16")}, file);
    settings.outputModel = resolvedPath(training.string("output_model"), dir);
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
    project.training = trainingFromJson(root.section("training"), dir, file);
    project.lastModelPath = resolvedPath(root.string("last_model"), dir);
    return project;
}

void writeProjectFile(const QString& file, const WorkbenchProject& project) {
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        fail(file, QStringLiteral("cannot write: %1").arg(out.errorString()));
    const QByteArray json = projectToJson(project, QFileInfo(file).absolutePath());
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
