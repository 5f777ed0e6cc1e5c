#include "core/models/keras_weights.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <fstream>
#include <limits>
#include <thread>

#include "core/models/keras_weights_file.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "tests/core/models/raw_keras_file.h"
#include "tests/support/shared_data.h"
#include "tests/support/temp_dir.h"

namespace tlw {
namespace {

using test::RawKerasFile;
using test::TempDir;

// input 4x5x3 -> block1_conv1 (3x3 same, 2 filters, ReLU) -> flatten -> dense (3 units), plus an optional
// second Dense: small enough to check by hand, with everything the Keras layout has (weightless layers, a
// Dense fed by a channels-last Flatten).
Architecture tinyArchitecture(bool withExtraDense = false) {
    Architecture architecture;
    architecture.modelName = "tiny";
    architecture.nominalInputSize = {4, 5};
    architecture.minimumInputSide = 1;
    LayerSpec input;
    input.name = "input_1";
    LayerSpec conv;
    conv.name = "block1_conv1";
    conv.kind = LayerKind::Conv2D;
    conv.inbound = {0};
    conv.units = 2;
    conv.kernel = 3;
    conv.padding = Padding::Same;
    conv.activation = Activation::Relu;
    LayerSpec flatten;
    flatten.name = "flatten";
    flatten.kind = LayerKind::Flatten;
    flatten.inbound = {1};
    LayerSpec dense;
    dense.name = "dense";
    dense.kind = LayerKind::Dense;
    dense.inbound = {2};
    dense.units = 3;
    architecture.layers = {input, conv, flatten, dense};
    if (withExtraDense) {
        LayerSpec extra = dense;
        extra.name = "dense_1";
        extra.inbound = {3};
        architecture.layers.push_back(extra);
    }
    return architecture;
}

std::shared_ptr<BackboneModule> tinyModule(uint64_t seed, bool withExtraDense = false) {
    auto module = std::make_shared<BackboneModule>(tinyArchitecture(withExtraDense));
    initializeHeScaled(*module, seed);
    module->eval();
    return module;
}

std::vector<at::Tensor> snapshot(const BackboneModule& module) {
    std::vector<at::Tensor> copies;
    for (const at::Tensor& parameter : module.parameters()) copies.push_back(parameter.detach().clone());
    return copies;
}

bool unchanged(const BackboneModule& module, const std::vector<at::Tensor>& before) {
    const std::vector<at::Tensor> now = module.parameters();
    for (size_t i = 0; i < now.size(); ++i)
        if (!at::equal(now[i], before[i])) return false;
    return true;
}

// Runs fn on the opened file (read-write) with the HDF5 C API, to damage it in one precise way.
template <typename Fn>
void editFile(const std::filesystem::path& file, Fn fn) {
    const hid_t handle = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(handle, 0);
    fn(handle);
    H5Fclose(handle);
}

// Expects loading to fail with a message naming the file and containing `reason`, leaving weights untouched.
void expectLoadFails(const std::filesystem::path& file, const std::string& reason) {
    const auto module = tinyModule(99);
    const std::vector<at::Tensor> before = snapshot(*module);
    try {
        loadKerasWeights(*module, file);
        ADD_FAILURE() << "loading " << file << " did not fail";
    } catch (const Error& e) {
        EXPECT_EQ(e.file(), file);
        EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
    }
    EXPECT_TRUE(unchanged(*module, before)) << "a failed load changed the weights";
    EXPECT_FALSE(module->pretrained());
}

TEST(KerasKernelLayout, ConvKernelsGoFromHwioToOihw) {
    const at::Tensor hwio = at::randn({3, 2, 4, 5});
    const at::Tensor oihw = convKernelFromKeras(hwio);
    ASSERT_EQ(oihw.sizes(), at::IntArrayRef({5, 4, 3, 2}));
    for (int h = 0; h < 3; ++h)
        for (int w = 0; w < 2; ++w)
            for (int i = 0; i < 4; ++i)
                for (int o = 0; o < 5; ++o)
                    ASSERT_EQ(oihw[o][i][h][w].item<float>(), hwio[h][w][i][o].item<float>());
    EXPECT_TRUE(at::equal(convKernelToKeras(oihw), hwio));
}

TEST(KerasKernelLayout, DenseKernelsAreTransposedAndFlattenInputsReordered) {
    const at::Tensor inOut = at::randn({6, 4});
    EXPECT_TRUE(at::equal(denseKernelFromKeras(inOut, {}), inOut.t()));
    // Keras input index (h * W + w) * C + c must land at our (c * H + h) * W + w, for H=2, W=3, C=1... and
    // C=2.
    const at::Tensor flat = at::randn({2 * 3 * 2, 4});
    const at::Tensor reordered = denseKernelFromKeras(flat, {2, 3, 2});
    for (int h = 0; h < 2; ++h)
        for (int w = 0; w < 3; ++w)
            for (int c = 0; c < 2; ++c)
                for (int o = 0; o < 4; ++o)
                    ASSERT_EQ(reordered[o][(c * 2 + h) * 3 + w].item<float>(),
                              flat[(h * 3 + w) * 2 + c][o].item<float>());
    EXPECT_TRUE(at::equal(denseKernelToKeras(reordered, {2, 3, 2}), flat));
}

TEST(KerasWeightsWriter, WritesKerasLayoutWithChannelsLastKernels) {
    TempDir dir;
    const auto module = tinyModule(1);
    saveKerasWeights(*module, dir / "tiny.h5");
    const RawKerasFile raw(dir / "tiny.h5");
    EXPECT_EQ(raw.layerNames(), (std::vector<std::string>{"input_1", "block1_conv1", "flatten", "dense"}));
    EXPECT_EQ(raw.rootStringAttribute("backend"), "tensorflow");
    EXPECT_FALSE(raw.rootStringAttribute("keras_version").empty());
    EXPECT_TRUE(raw.weightNames("flatten").empty());
    EXPECT_TRUE(raw.weightNames("input_1").empty());
    EXPECT_EQ(raw.weightNames("block1_conv1"),
              (std::vector<std::string>{"block1_conv1/kernel:0", "block1_conv1/bias:0"}));
    const test::RawArray kernel = raw.weight("block1_conv1", 0);
    ASSERT_EQ(kernel.shape, (std::vector<int64_t>{3, 3, 3, 2}));
    const at::Tensor weight = module->layerParameters(1)[0];
    for (int h = 0; h < 3; ++h)
        for (int w = 0; w < 3; ++w)
            for (int i = 0; i < 3; ++i)
                for (int o = 0; o < 2; ++o)
                    ASSERT_EQ(kernel.values[static_cast<size_t>(((h * 3 + w) * 3 + i) * 2 + o)],
                              weight[o][i][h][w].item<float>());
    EXPECT_EQ(raw.weight("dense", 0).shape, (std::vector<int64_t>{4 * 5 * 2, 3}));
    EXPECT_EQ(raw.weight("dense", 1).shape, (std::vector<int64_t>{3}));
}

TEST(KerasWeightsLoader, RoundTripRestoresEveryParameter) {
    TempDir dir;
    const auto source = tinyModule(1);
    saveKerasWeights(*source, dir / "tiny.h5");
    const auto target = tinyModule(2);
    EXPECT_FALSE(target->pretrained());
    loadKerasWeights(*target, dir / "tiny.h5");
    EXPECT_TRUE(target->pretrained());
    EXPECT_EQ(target->weightsSource(), dir / "tiny.h5");
    EXPECT_TRUE(unchanged(*target, snapshot(*source)));
}

TEST(KerasWeightsLoader, DenseAfterFlattenMatchesAChannelsLastReference) {
    TempDir dir;
    saveKerasWeights(*tinyModule(5), dir / "tiny.h5");
    const auto module = tinyModule(6);
    loadKerasWeights(*module, dir / "tiny.h5");
    torch::NoGradGuard noGrad;
    const at::Tensor images = at::randn({2, 3, 4, 5});
    const at::Tensor ours = module->forward(images);

    // Keras: conv output N x H x W x C flattened in that order, times the file's (in, out) kernel.
    const RawKerasFile raw(dir / "tiny.h5");
    const test::RawArray kernel = raw.weight("dense", 0);
    const test::RawArray bias = raw.weight("dense", 1);
    const at::Tensor nhwc = module->forwardRange(images, 0, 2).permute({0, 2, 3, 1}).reshape({2, 40});
    const at::Tensor kerasKernel = at::from_blob(const_cast<float*>(kernel.values.data()), {40, 3}).clone();
    const at::Tensor kerasBias = at::from_blob(const_cast<float*>(bias.values.data()), {3}).clone();
    const at::Tensor reference = at::matmul(nhwc, kerasKernel) + kerasBias;
    EXPECT_TRUE(at::allclose(ours, reference, 1e-5, 1e-5)) << ours << reference;
}

TEST(KerasWeightsLoader, MissingLayerIsAnErrorAndChangesNothing) {
    TempDir dir;
    saveKerasWeights(*tinyModule(1), dir / "tiny.h5");
    editFile(dir / "tiny.h5", [](hid_t file) { H5Ldelete(file, "dense", H5P_DEFAULT); });
    expectLoadFails(dir / "tiny.h5", "layer 'dense' is missing");
}

// Issue 18: NaN weights loaded without a word and made every feature NaN.
TEST(KerasWeightsLoader, NanOrInfiniteWeightsAreAnErrorAndChangeNothing) {
    for (const float bad :
         {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
        TempDir dir;
        const auto poisoned = tinyModule(1);
        {
            torch::NoGradGuard noGrad;
            poisoned->layerWeights(poisoned->layerCount() - 1).front().second.view(-1)[1].fill_(bad);
        }
        saveKerasWeights(*poisoned, dir / "tiny.h5");
        expectLoadFails(dir / "tiny.h5", "holds NaN or infinite values: the file is damaged");
    }
}

TEST(KerasWeightsLoader, WrongShapeNamesTheLayerAndBothShapes) {
    TempDir dir;
    saveKerasWeights(*tinyModule(1), dir / "tiny.h5");
    editFile(dir / "tiny.h5", [](hid_t file) {
        H5Ldelete(file, "dense/dense/kernel:0", H5P_DEFAULT);
        const hsize_t dims[2] = {40, 4};
        const hid_t space = H5Screate_simple(2, dims, nullptr);
        const hid_t dataset = H5Dcreate2(file, "dense/dense/kernel:0", H5T_IEEE_F32LE, space, H5P_DEFAULT,
                                         H5P_DEFAULT, H5P_DEFAULT);
        H5Dclose(dataset);
        H5Sclose(space);
    });
    // The conv layer before it is fine and is read first: still nothing may change.
    expectLoadFails(dir / "tiny.h5", "dense: kernel 40x4, expected 40x3");
}

TEST(KerasWeightsLoader, MissingWeightNamesAttributeIsAnError) {
    TempDir dir;
    saveKerasWeights(*tinyModule(1), dir / "tiny.h5");
    editFile(dir / "tiny.h5", [](hid_t file) {
        const hid_t group = H5Gopen2(file, "block1_conv1", H5P_DEFAULT);
        H5Adelete(group, "weight_names");
        H5Gclose(group);
    });
    expectLoadFails(dir / "tiny.h5", "block1_conv1: no 'weight_names' attribute");
}

TEST(KerasWeightsLoader, DatasetListedButAbsentIsAnError) {
    TempDir dir;
    saveKerasWeights(*tinyModule(1), dir / "tiny.h5");
    editFile(dir / "tiny.h5", [](hid_t file) { H5Ldelete(file, "dense/dense/bias:0", H5P_DEFAULT); });
    expectLoadFails(dir / "tiny.h5", "dense: bias dataset 'dense/bias:0' listed in weight_names is missing");
}

TEST(KerasWeightsLoader, TruncatedFileIsAnError) {
    TempDir dir;
    saveKerasWeights(*tinyModule(1), dir / "tiny.h5");
    const std::string bytes = readFileBytes(dir / "tiny.h5");
    for (const size_t keep : {bytes.size() / 2, bytes.size() - 64, size_t{100}}) {
        writeFileAtomically(dir / "cut.h5", bytes.substr(0, keep));
        expectLoadFails(dir / "cut.h5", "HDF5");
    }
}

// A failed open leaves libhdf5's error records on the calling thread's stack until someone clears them: on
// the GUI's worker threads they leaked when the thread ended (LeakSanitizer, 9 strings from H5MM_xstrdup),
// and at exit libhdf5 printed "HDF5: infinite loop closing library" because they were still there.
TEST(KerasWeightsLoader, AFailedReadLeavesNoErrorRecordsOnTheThread) {
    TempDir dir;
    saveKerasWeights(*tinyModule(1), dir / "tiny.h5");
    const std::string bytes = readFileBytes(dir / "tiny.h5");
    writeFileAtomically(dir / "cut.h5", bytes.substr(0, bytes.size() / 2));
    std::thread worker([&] {
        expectLoadFails(dir / "cut.h5", "HDF5");
        EXPECT_EQ(H5Eget_num(H5E_DEFAULT), 0) << "after loadKerasWeights";
        EXPECT_THROW(checkArchitectureWeights(tinyArchitecture(), dir / "cut.h5"), Error);
        EXPECT_EQ(H5Eget_num(H5E_DEFAULT), 0) << "after checkArchitectureWeights";
    });
    worker.join();
}

TEST(KerasWeightsLoader, NonHdf5AndMissingFilesAreErrors) {
    TempDir dir;
    writeFileAtomically(dir / "notes.h5", "these are not weights\n");
    expectLoadFails(dir / "notes.h5", "not an HDF5 file");
    expectLoadFails(dir / "absent.h5", "no such file");
}

TEST(KerasWeightsLoader, ExtraLayersWithWeightsAreRejectedUnlessAsked) {
    TempDir dir;
    saveKerasWeights(*tinyModule(1, true), dir / "bigger.h5");
    expectLoadFails(dir / "bigger.h5", "layer 'dense_1' has weights but the tiny model has no such layer");
    const auto module = tinyModule(2);
    KerasLoadOptions options;
    options.ignoreExtraLayers = true;
    loadKerasWeights(*module, dir / "bigger.h5", options);
    EXPECT_TRUE(module->pretrained());
}

TEST(KerasWeightsLoader, ReadsLayerNamesSplitIntoChunksAsKerasWritesLongAttributes) {
    TempDir dir;
    const auto source = tinyModule(1);
    saveKerasWeights(*source, dir / "tiny.h5");
    editFile(dir / "tiny.h5", [](hid_t file) { H5Arename(file, "layer_names", "layer_names0"); });
    const auto module = tinyModule(2);
    loadKerasWeights(*module, dir / "tiny.h5");
    EXPECT_TRUE(unchanged(*module, snapshot(*source)));
}

TEST(KerasWeightsLoader, ReadsTheWeightsOfAFullModelFile) {
    // model.save("m.h5") keeps the weights in group model_weights, laid out as save_weights does.
    TempDir dir;
    const auto source = tinyModule(1);
    saveKerasWeights(*source, dir / "weights.h5");
    const hid_t from = H5Fopen((dir / "weights.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t to = H5Fcreate((dir / "model.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    H5Ocopy(from, "/", to, "model_weights", H5P_DEFAULT, H5P_DEFAULT);  // root attributes come along
    H5Fclose(from);
    H5Fclose(to);
    const auto module = tinyModule(2);
    loadKerasWeights(*module, dir / "model.h5");
    EXPECT_TRUE(unchanged(*module, snapshot(*source)));
}

TEST(KerasWeightsLoader, ReadsTheRealSqueezeNetFileWithKeras1Names) {
    const auto file = test::sharedWeights("squeezenet_weights_tf_dim_ordering_tf_kernels_notop.h5");
    TLW_REQUIRE_SHARED(file);
    const RawKerasFile raw(file);
    std::vector<std::string> ours;
    for (const LayerInfo& layer : describeBackbone(BackboneKind::SqueezeNet11, {224, 224}, false))
        ours.push_back(layer.name);
    EXPECT_EQ(raw.layerNames(), ours);

    const auto module = BackboneModule::create(BackboneKind::SqueezeNet11, false);
    loadKerasWeights(*module, file);
    EXPECT_TRUE(module->pretrained());
    // expand3x3 of fire2: the file names it "uniform4" with the bias in a nested group.
    const test::RawArray kernel = raw.weight("fire2/expand3x3", 0);
    const at::Tensor weight = module->layerParameters(module->layerIndex("fire2/expand3x3"))[0];
    EXPECT_EQ(weight[5][7][1][2].item<float>(),
              kernel.values[static_cast<size_t>(((1 * 3 + 2) * 16 + 7) * 64 + 5)]);
    EXPECT_NO_THROW(checkKerasWeightsFile(BackboneKind::SqueezeNet11, false, file));
    EXPECT_THROW(checkKerasWeightsFile(BackboneKind::Vgg16, false, file), Error);
}

TEST(KerasWeightsFile, GeneratorIsSeededAndFilesCheckOut) {
    TempDir dir;
    writeRandomKerasWeightsFile(BackboneKind::SqueezeNet11, false, 3, dir / "a.h5");
    writeRandomKerasWeightsFile(BackboneKind::SqueezeNet11, false, 3, dir / "b.h5");
    writeRandomKerasWeightsFile(BackboneKind::SqueezeNet11, false, 4, dir / "c.h5");
    EXPECT_NO_THROW(checkKerasWeightsFile(BackboneKind::SqueezeNet11, false, dir / "a.h5"));
    const RawKerasFile a(dir / "a.h5");
    const RawKerasFile b(dir / "b.h5");
    const RawKerasFile c(dir / "c.h5");
    EXPECT_EQ(a.weight("fire5/expand1x1", 0).values, b.weight("fire5/expand1x1", 0).values);
    EXPECT_NE(a.weight("fire5/expand1x1", 0).values, c.weight("fire5/expand1x1", 0).values);
    // No temporary file is left beside the target.
    size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 3u);
}

}  // namespace
}  // namespace tlw
