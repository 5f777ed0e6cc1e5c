// tlw features as users run it: the .npy and .csv it writes, checked against an independent computation, a
// real transfer-learning sanity check, and its errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/app/tlw/npy_file.h"
#include "tests/app/tlw/tlw_runner.h"
#include "tests/core/data/image_fixtures.h"
#include "tests/core/models/mobilenet_reference.h"
#include "tests/core/models/raw_keras_file.h"
#include "tests/core/models/reference_cnn.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

namespace fs = std::filesystem;
using test::runTlw;
using test::TlwRun;

const char* const kSqueezeNetFile = "squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5";
const char* const kMobileNetFile = "mobilenet_2_5_224_tf_no_top.h5";

using test::contains;

std::vector<fs::path> sortedFiles(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// Photos cut to size x size PNGs: resizing them to size x size again is the identity for tlw's Keras-exact
// bilinear resize and for the reference's OpenCV one alike, so both networks see the very same pixels.
std::vector<fs::path> writeSquarePngs(const fs::path& folder, int count, int size) {
    fs::create_directories(folder);
    std::vector<fs::path> written;
    const std::vector<fs::path> photos =
        sortedFiles(test::sharedDataset("hymenoptera_tiny") / "train" / "ants");
    for (int i = 0; i < count; ++i) {
        cv::Mat photo = cv::imread(photos.at(static_cast<size_t>(i)).string(), cv::IMREAD_COLOR);
        cv::Mat square;
        cv::resize(photo, square, cv::Size(size, size), 0, 0, cv::INTER_AREA);
        written.push_back(folder / ("ant" + std::to_string(i) + ".png"));
        cv::imwrite(written.back().string(), square);
    }
    return written;
}

// The largest difference relative to the reference's largest magnitude.
double relativeDifference(const float* ours, const std::vector<double>& reference) {
    double scale = 0.0, worst = 0.0;
    for (size_t i = 0; i < reference.size(); ++i) {
        scale = std::max(scale, std::abs(reference[i]));
        worst = std::max(worst, std::abs(static_cast<double>(ours[i]) - reference[i]));
    }
    return scale > 0.0 ? worst / scale : INFINITY;
}

TEST(TlwFeatures, Fire9ConcatMatchesThePlainLoopReferenceOnTheRealSqueezeNetFile) {
    const fs::path weights = test::sharedWeights(kSqueezeNetFile);
    TLW_REQUIRE_SHARED(weights);
    TLW_REQUIRE_SHARED(test::sharedDataset("hymenoptera_tiny"));
    const test::TempDir dir;
    constexpr int kSize = 96;
    const std::vector<fs::path> images = writeSquarePngs(dir / "images", 3, kSize);

    const TlwRun run = runTlw({"features", (dir / "images").string(), "--backbone", "squeezenet", "--weights",
                               weights.string(), "--layer", "fire9/concat", "--pool", "none", "--image-size",
                               std::to_string(kSize), "--out", (dir / "maps.npy").string()});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const test::NpyArray maps = test::readNpyFloat32(dir / "maps.npy");
    // 96 -> conv1 47 -> pool1 23 -> pool3 11 -> pool5 5; fire9 ends with 256 + 256 channels.
    ASSERT_EQ(maps.shape, (std::vector<int64_t>{3, 5, 5, 512}));
    const test::NpyArray pooled = [&] {
        const TlwRun avg = runTlw({"features", (dir / "images").string(), "--backbone", "squeezenet",
                                   "--weights", weights.string(), "--image-size", std::to_string(kSize),
                                   "--out", (dir / "pooled.npy").string()});
        EXPECT_EQ(avg.exitCode, 0) << avg.err;
        return test::readNpyFloat32(dir / "pooled.npy");
    }();
    ASSERT_EQ(pooled.shape, (std::vector<int64_t>{3, 512}));

    const test::RawKerasFile raw(weights);
    const size_t mapFloats = 5 * 5 * 512;
    for (size_t i = 0; i < images.size(); ++i) {
        const test::FeatureMap reference =
            test::squeezeNetFire9Concat(raw, test::caffeImage(images[i], kSize));
        ASSERT_EQ(reference.values.size(), mapFloats);
        const double difference = relativeDifference(maps.values.data() + i * mapFloats, reference.values);
        EXPECT_LE(difference, 1e-4) << images[i];
        RecordProperty("fire9_concat_relative_difference_" + std::to_string(i), std::to_string(difference));
        std::cout << "[ fidelity ] " << images[i].filename().string()
                  << ": max |ours - reference| / max |reference| = " << difference << '\n';

        // --pool avg (the default) is the channel means of the same map.
        std::vector<double> means(512, 0.0);
        for (size_t v = 0; v < mapFloats; ++v) means[v % 512] += reference.values[v] / 25.0;
        EXPECT_LE(relativeDifference(pooled.values.data() + i * 512, means), 1e-4) << images[i];
    }
    const auto rows = test::readCsv(dir / "maps.csv");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"index", "file", "label", "subset"}));
    EXPECT_EQ(rows[2], (std::vector<std::string>{"1", images[1].string(), "", ""}));
}

// The real Keras 2.0.4 file, found by its Keras name in $TLW_WEIGHTS_DIR as a user's would be: its weightless
// layers differ from today's Keras (no ZeroPadding2D, a GlobalAveragePooling2D at the end) and must not
// matter. The reference is the plain-loop MobileNet on the file's raw arrays.
TEST(TlwFeatures, MobileNetAveragePooledFeaturesMatchThePlainLoopReferenceOnTheRealFile) {
    const fs::path weights = test::sharedWeights(kMobileNetFile);
    TLW_REQUIRE_SHARED(weights);
    TLW_REQUIRE_SHARED(test::sharedDataset("hymenoptera_tiny"));
    const test::TempDir dir;
    constexpr int kSize = 96;
    const std::vector<fs::path> images = writeSquarePngs(dir / "images", 2, kSize);
    const std::string environment = "HOME=" + test::shellQuoted(dir.path().string()) +
                                    " TLW_WEIGHTS_DIR=" + test::shellQuoted(weights.parent_path().string()) +
                                    " KERAS_HOME= XDG_DATA_HOME=";

    const TlwRun run =
        runTlw({"features", (dir / "images").string(), "--backbone", "mobilenet", "--alpha", "0.25", "--pool",
                "avg", "--image-size", std::to_string(kSize), "--out", (dir / "pooled.npy").string()},
               environment);
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "conv_pw_13_relu")) << run.out;
    const test::NpyArray pooled = test::readNpyFloat32(dir / "pooled.npy");
    ASSERT_EQ(pooled.shape, (std::vector<int64_t>{2, 256}));

    const test::RawKerasFile raw(weights);
    for (size_t i = 0; i < images.size(); ++i) {
        const test::FeatureMap map = test::mobileNetBase(raw, test::tfImage(images[i], kSize));
        ASSERT_EQ(map.height, 3);  // 96 -> 48 -> 24 -> 12 -> 6 -> 3
        const std::vector<double> reference = test::globalAverage(map);
        const double difference = relativeDifference(pooled.values.data() + i * 256, reference);
        EXPECT_LE(difference, 1e-4) << images[i];
        std::cout << "[ fidelity ] MobileNet 0.25 " << images[i].filename().string()
                  << ": max |ours - reference| / max |reference| = " << difference << '\n';
    }
}

// Plain L2-regularised logistic regression (scikit-learn's default objective, C = 1) fitted by Newton's
// method on standardised features: deterministic, no step size to tune.
class LogisticRegression {
public:
    void fit(const std::vector<std::vector<double>>& x, const std::vector<int>& y) {
        const size_t n = x.size(), d = x.front().size();
        m_mean.assign(d, 0.0);
        m_scale.assign(d, 0.0);
        for (const auto& row : x)
            for (size_t j = 0; j < d; ++j) m_mean[j] += row[j] / static_cast<double>(n);
        for (const auto& row : x)
            for (size_t j = 0; j < d; ++j)
                m_scale[j] += std::pow(row[j] - m_mean[j], 2) / static_cast<double>(n);
        for (double& s : m_scale) s = s > 0.0 ? std::sqrt(s) : 1.0;

        std::vector<std::vector<double>> z;  // standardised, with a constant 1 for the intercept
        for (const auto& row : x) z.push_back(standardised(row));
        const size_t p = d + 1;
        m_w.assign(p, 0.0);
        for (int iteration = 0; iteration < 50; ++iteration) {
            std::vector<double> gradient(p, 0.0);
            std::vector<double> hessian(p * p, 0.0);
            for (size_t j = 0; j < d; ++j) {  // the penalty, intercept excluded
                gradient[j] = m_w[j];
                hessian[j * p + j] = 1.0;
            }
            hessian[d * p + d] = 1e-9;
            for (size_t i = 0; i < n; ++i) {
                const double probability = sigmoid(dot(z[i]));
                const double weight = probability * (1.0 - probability);
                for (size_t a = 0; a < p; ++a) {
                    gradient[a] += (probability - y[i]) * z[i][a];
                    for (size_t b = 0; b <= a; ++b) hessian[a * p + b] += weight * z[i][a] * z[i][b];
                }
            }
            const std::vector<double> step = solveLowerSymmetric(hessian, gradient, p);
            double change = 0.0;
            for (size_t a = 0; a < p; ++a) {
                m_w[a] -= step[a];
                change = std::max(change, std::abs(step[a]));
            }
            if (change < 1e-10) break;
        }
    }

    int predict(const std::vector<double>& row) const { return dot(standardised(row)) > 0.0 ? 1 : 0; }

private:
    static double sigmoid(double t) { return 1.0 / (1.0 + std::exp(-t)); }

    std::vector<double> standardised(const std::vector<double>& row) const {
        std::vector<double> z(row.size() + 1, 1.0);
        for (size_t j = 0; j < row.size(); ++j) z[j] = (row[j] - m_mean[j]) / m_scale[j];
        return z;
    }

    double dot(const std::vector<double>& z) const {
        double sum = 0.0;
        for (size_t j = 0; j < z.size(); ++j) sum += m_w[j] * z[j];
        return sum;
    }

    // Solves H s = g by Cholesky, H symmetric positive definite with its lower triangle filled.
    static std::vector<double> solveLowerSymmetric(std::vector<double> h, std::vector<double> g, size_t p) {
        for (size_t j = 0; j < p; ++j) {
            double diagonal = h[j * p + j];
            for (size_t k = 0; k < j; ++k) diagonal -= h[j * p + k] * h[j * p + k];
            h[j * p + j] = std::sqrt(diagonal);
            for (size_t i = j + 1; i < p; ++i) {
                double value = h[i * p + j];
                for (size_t k = 0; k < j; ++k) value -= h[i * p + k] * h[j * p + k];
                h[i * p + j] = value / h[j * p + j];
            }
        }
        for (size_t i = 0; i < p; ++i) {  // L y = g
            for (size_t k = 0; k < i; ++k) g[i] -= h[i * p + k] * g[k];
            g[i] /= h[i * p + i];
        }
        for (size_t i = p; i-- > 0;) {  // L^T s = y
            for (size_t k = i + 1; k < p; ++k) g[i] -= h[k * p + i] * g[k];
            g[i] /= h[i * p + i];
        }
        return g;
    }

    std::vector<double> m_mean, m_scale, m_w;
};

// The acceptance check that the real SqueezeNet weights are read right: its average-pooled features
// separate ants from bees well enough for a linear model (measured independently: 0.876).
TEST(TlwFeatures, LogisticRegressionOnSqueezeNetFeaturesOfHymenopteraReachesAbout087) {
    const fs::path weights = test::sharedWeights(kSqueezeNetFile);
    const fs::path dataset = test::sharedDataset("hymenoptera_data");
    TLW_REQUIRE_SHARED(weights);
    TLW_REQUIRE_SHARED(dataset);
    const test::TempDir dir;
    const TlwRun run = runTlw({"features", (dataset / "train").string(), (dataset / "val").string(),
                               "--backbone", "squeezenet", "--pool", "avg", "--weights", weights.string(),
                               "--out", (dir / "hymenoptera.npy").string()});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.err, "");
    const test::NpyArray features = test::readNpyFloat32(dir / "hymenoptera.npy");
    ASSERT_EQ(features.shape, (std::vector<int64_t>{398, 512}));
    const auto rows = test::readCsv(dir / "hymenoptera.csv");
    ASSERT_EQ(rows.size(), 399u);

    std::vector<std::vector<double>> trainX, valX;
    std::vector<int> trainY, valY;
    const std::string trainPrefix = (dataset / "train").string() + "/";
    for (size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i][0], std::to_string(i - 1));
        const std::string& label = rows[i][2];
        ASSERT_TRUE(label == "ants" || label == "bees") << label;
        const float* values = features.values.data() + (i - 1) * 512;
        const bool train = rows[i][1].rfind(trainPrefix, 0) == 0;
        (train ? trainX : valX).emplace_back(values, values + 512);
        (train ? trainY : valY).push_back(label == "bees" ? 1 : 0);
    }
    ASSERT_EQ(trainX.size(), 245u);
    ASSERT_EQ(valX.size(), 153u);

    LogisticRegression model;
    model.fit(trainX, trainY);
    int correct = 0;
    for (size_t i = 0; i < valX.size(); ++i) correct += model.predict(valX[i]) == valY[i] ? 1 : 0;
    const double accuracy = static_cast<double>(correct) / static_cast<double>(valX.size());
    RecordProperty("validation_accuracy", std::to_string(accuracy));
    std::cout << "[ sanity ] logistic regression on SqueezeNet features: validation accuracy " << accuracy
              << " (" << correct << " of " << valX.size() << ")\n";
    EXPECT_GE(accuracy, 0.85);
}

TEST(TlwFeatures, UnknownLayerIsAnErrorListingTheLayers) {
    const test::TempDir dir;
    test::writeBytes(dir / "a.png", test::solidPng(40, 40, {10, 200, 30}));
    const TlwRun run = runTlw({"features", (dir / "a.png").string(), "--backbone", "squeezenet", "--layer",
                               "fire10/concat", "--allow-random", "--out", (dir / "f.npy").string()});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(contains(
        run.err, "tlw: error: SqueezeNet v1.1 has no layer 'fire10/concat'; its layers are input_1, conv1, "))
        << run.err;
    EXPECT_TRUE(contains(run.err, "fire9/concat, drop9\n")) << run.err;
    EXPECT_FALSE(fs::exists(dir / "f.npy"));
}

TEST(TlwFeatures, MissingPathIsAnErrorNamingIt) {
    const test::TempDir dir;
    const TlwRun run =
        runTlw({"features", (dir / "nowhere").string(), "--allow-random", "--out", (dir / "f.npy").string()});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.err, "tlw: error: " + (dir / "nowhere").string() + ": no such file or folder\n");
}

TEST(TlwFeatures, OutputInAMissingFolderFailsBeforeAnyWork) {
    const test::TempDir dir;
    test::writeBytes(dir / "a.png", test::solidPng(40, 40, {10, 200, 30}));
    const fs::path out = dir / "missing" / "f.npy";
    const TlwRun run =
        runTlw({"features", (dir / "a.png").string(), "--allow-random", "--out", out.string()});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.err,
              "tlw: error: " + out.string() + ": folder " + (dir / "missing").string() + " does not exist\n");
    EXPECT_FALSE(fs::exists(dir / "missing"));
}

TEST(TlwFeatures, WithoutWeightsFailsWithTheDiscoveryMessageUnlessAllowRandom) {
    const test::TempDir dir;
    test::writeBytes(dir / "a.png", test::solidPng(40, 40, {10, 200, 30}));
    const std::string environment = test::isolatedWeightsEnvironment(dir.path().string());
    const std::vector<std::string> arguments = {"features",   (dir / "a.png").string(), "--backbone",
                                                "squeezenet", "--image-size",           "64",
                                                "--out",      (dir / "f.npy").string()};
    const TlwRun missing = runTlw(arguments, environment);
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(contains(missing.err,
                         "tlw: error: squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5 not found; "
                         "looked in "))
        << missing.err;
    EXPECT_TRUE(contains(missing.err, "Put the file in " + (dir / ".keras" / "models").string()))
        << missing.err;
    EXPECT_TRUE(
        contains(missing.err, "Or add --allow-random for features of a network with random weights.\n"))
        << missing.err;
    EXPECT_FALSE(fs::exists(dir / "f.npy"));
    EXPECT_FALSE(fs::exists(dir / "f.csv"));

    std::vector<std::string> random = arguments;
    random.push_back("--allow-random");
    const TlwRun allowed = runTlw(random, environment);
    ASSERT_EQ(allowed.exitCode, 0) << allowed.err;
    EXPECT_TRUE(contains(allowed.err, "tlw: warning: features from a network that is not pretrained: "))
        << allowed.err;
    EXPECT_EQ(test::readNpyFloat32(dir / "f.npy").shape, (std::vector<int64_t>{1, 512}));
}

TEST(TlwFeatures, UnreadableImagesAreSkippedListedAndLeftOutOfTheRows) {
    const test::TempDir dir;
    fs::create_directories(dir / "data" / "cats");
    fs::create_directories(dir / "data" / "dogs");
    test::writeBytes(dir / "data" / "cats" / "a.png", test::solidPng(40, 40, {200, 10, 30}));
    test::writeBytes(dir / "data" / "cats" / "b broken.jpg", "not a JPEG at all");
    test::writeBytes(dir / "data" / "dogs" / "c,d.png", test::solidPng(50, 30, {20, 10, 230}));
    const TlwRun run =
        runTlw({"features", (dir / "data").string(), "--backbone", "squeezenet", "--allow-random",
                "--image-size", "48", "--pool", "max", "--out", (dir / "f.npy").string()},
               test::isolatedWeightsEnvironment(dir.path().string()));
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.err, "tlw: skipped " + (dir / "data" / "cats" / "b broken.jpg").string() + ": "))
        << run.err;
    EXPECT_TRUE(contains(run.err, "1 file skipped (listed above); features of 2 images written")) << run.err;
    EXPECT_TRUE(
        contains(run.out, "float32 (2, 512), fire9/concat of SqueezeNet v1.1 at 48x48, global max pooled"))
        << run.out;
    EXPECT_EQ(test::readNpyFloat32(dir / "f.npy").shape, (std::vector<int64_t>{2, 512}));
    const auto rows = test::readCsv(dir / "f.csv");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1],
              (std::vector<std::string>{"0", (dir / "data" / "cats" / "a.png").string(), "cats", ""}));
    EXPECT_EQ(rows[2],
              (std::vector<std::string>{"1", (dir / "data" / "dogs" / "c,d.png").string(), "dogs", ""}));
}

TEST(TlwFeatures, NothingIsWrittenWhenNoImageCanBeRead) {
    const test::TempDir dir;
    test::writeBytes(dir / "x.jpg", "garbage");
    const TlwRun run = runTlw({"features", (dir / "x.jpg").string(), "--backbone", "squeezenet",
                               "--allow-random", "--out", (dir / "f.npy").string()},
                              test::isolatedWeightsEnvironment(dir.path().string()));
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(contains(run.err, "tlw: skipped " + (dir / "x.jpg").string() + ": ")) << run.err;
    EXPECT_TRUE(contains(run.err, "tlw: error: the image could not be read; nothing written")) << run.err;
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace tlw
