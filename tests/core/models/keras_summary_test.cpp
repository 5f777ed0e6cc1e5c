#include "core/models/keras_summary.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/models/backbone.h"
#include "core/models/freeze_spec.h"

namespace tlw {
namespace {

// VGG16(include_top=False, input_shape=(224, 224, 3)).summary() as TensorFlow 2.10's Keras prints it,
// trailing spaces included.
const char* const kVgg16KerasSummary = R"(
Model: "vgg16"
_________________________________________________________________
 Layer (type)                Output Shape              Param #   
=================================================================
 input_1 (InputLayer)        [(None, 224, 224, 3)]     0         
                                                                 
 block1_conv1 (Conv2D)       (None, 224, 224, 64)      1792      
                                                                 
 block1_conv2 (Conv2D)       (None, 224, 224, 64)      36928     
                                                                 
 block1_pool (MaxPooling2D)  (None, 112, 112, 64)      0         
                                                                 
 block2_conv1 (Conv2D)       (None, 112, 112, 128)     73856     
                                                                 
 block2_conv2 (Conv2D)       (None, 112, 112, 128)     147584    
                                                                 
 block2_pool (MaxPooling2D)  (None, 56, 56, 128)       0         
                                                                 
 block3_conv1 (Conv2D)       (None, 56, 56, 256)       295168    
                                                                 
 block3_conv2 (Conv2D)       (None, 56, 56, 256)       590080    
                                                                 
 block3_conv3 (Conv2D)       (None, 56, 56, 256)       590080    
                                                                 
 block3_pool (MaxPooling2D)  (None, 28, 28, 256)       0         
                                                                 
 block4_conv1 (Conv2D)       (None, 28, 28, 512)       1180160   
                                                                 
 block4_conv2 (Conv2D)       (None, 28, 28, 512)       2359808   
                                                                 
 block4_conv3 (Conv2D)       (None, 28, 28, 512)       2359808   
                                                                 
 block4_pool (MaxPooling2D)  (None, 14, 14, 512)       0         
                                                                 
 block5_conv1 (Conv2D)       (None, 14, 14, 512)       2359808   
                                                                 
 block5_conv2 (Conv2D)       (None, 14, 14, 512)       2359808   
                                                                 
 block5_conv3 (Conv2D)       (None, 14, 14, 512)       2359808   
                                                                 
 block5_pool (MaxPooling2D)  (None, 7, 7, 512)         0         
                                                                 
=================================================================
Total params: 14,714,688
Trainable params: 14,714,688
Non-trainable params: 0
_________________________________________________________________
)";

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    return lines;
}

TEST(KerasSummary, Vgg16BaseMatchesKerasRowForRow) {
    const std::string expected = std::string(kVgg16KerasSummary).substr(1);  // drop the literal's first '\n'
    const std::string actual =
        formatKerasSummary("vgg16", describeBackbone(BackboneKind::Vgg16, {224, 224}, false), false);
    const std::vector<std::string> expectedLines = linesOf(expected);
    const std::vector<std::string> actualLines = linesOf(actual);
    ASSERT_EQ(actualLines.size(), expectedLines.size()) << actual;
    for (size_t i = 0; i < expectedLines.size(); ++i)
        EXPECT_EQ(actualLines[i], expectedLines[i]) << "line " << i;
    EXPECT_EQ(actual, expected);
}

TEST(KerasSummary, TrainableColumnShowsFrozenLayersAsN) {
    std::vector<LayerInfo> layers = describeBackbone(BackboneKind::Vgg16, {224, 224}, false);
    applyFreeze(FreezeSpec::firstLayers(16), layers);
    const std::vector<std::string> lines = linesOf(formatKerasSummary("vgg16", layers, true));
    EXPECT_EQ(lines[1], std::string(76, '_'));
    EXPECT_EQ(lines[2], " Layer (type)                Output Shape              Param #   Trainable  ");
    EXPECT_EQ(lines[4], " input_1 (InputLayer)        [(None, 224, 224, 3)]     0         N          ");
    // Row of layer 15 (block5_conv1) and 16 (block5_conv2): each row is followed by a blank line.
    EXPECT_EQ(lines[4 + 2 * 15],
              " block5_conv1 (Conv2D)       (None, 14, 14, 512)       2359808   N          ");
    EXPECT_EQ(lines[4 + 2 * 16],
              " block5_conv2 (Conv2D)       (None, 14, 14, 512)       2359808   Y          ");
    EXPECT_EQ(lines[5 + 2 * 16], std::string(76, ' '));
    const size_t n = lines.size();
    EXPECT_EQ(lines[n - 4], "Total params: 14,714,688");
    EXPECT_EQ(lines[n - 3], "Trainable params: 4,719,616");
    EXPECT_EQ(lines[n - 2], "Non-trainable params: 9,995,072");
}

TEST(KerasSummary, FullVgg16HasTheTopRowsAndTotal) {
    const std::string text =
        formatKerasSummary("vgg16", describeBackbone(BackboneKind::Vgg16, {224, 224}, true), false);
    EXPECT_NE(text.find(" flatten (Flatten)           (None, 25088)             0         \n"),
              std::string::npos);
    EXPECT_NE(text.find(" fc1 (Dense)                 (None, 4096)              102764544 \n"),
              std::string::npos);
    EXPECT_NE(text.find(" fc2 (Dense)                 (None, 4096)              16781312  \n"),
              std::string::npos);
    EXPECT_NE(text.find(" predictions (Dense)         (None, 1000)              4097000   \n"),
              std::string::npos);
    EXPECT_NE(text.find("Total params: 138,357,544\n"), std::string::npos);
}

TEST(KerasSummary, SqueezeNetUsesTheGraphLayoutWithKerasWrapping) {
    const std::vector<std::string> lines = linesOf(formatKerasSummary(
        "squeezenet", describeBackbone(BackboneKind::SqueezeNet11, {224, 224}, false), false));
    EXPECT_EQ(lines[0], "Model: \"squeezenet\"");
    EXPECT_EQ(lines[1], std::string(98, '_'));
    EXPECT_EQ(
        lines[2],
        " Layer (type)                   Output Shape         Param #     Connected to                     ");
    EXPECT_EQ(
        lines[4],
        " input_1 (InputLayer)           [(None, 224, 224, 3  0           []                               ");
    EXPECT_EQ(
        lines[5],
        "                                )]                                                                ");
    EXPECT_EQ(lines[6], std::string(98, ' '));
    // Keras cuts "(None, 111, 111, 64)" after 19 characters and carries the ")" to the next line.
    EXPECT_EQ(
        lines[7],
        " conv1 (Conv2D)                 (None, 111, 111, 64  1792        ['input_1[0][0]']                ");
    EXPECT_EQ(
        lines[8],
        "                                )                                                                 ");
    // A concatenation lists both inputs, one per line, breaking after "',".
    const std::string concatFirst =
        " fire2/concat (Concatenate)     (None, 55, 55, 128)  0           ['fire2/relu_expand1x1[0][0]',   ";
    const std::string concatSecond =
        "                                                                  'fire2/relu_expand3x3[0][0]']   ";
    const auto at = std::find(lines.begin(), lines.end(), concatFirst);
    ASSERT_NE(at, lines.end());
    EXPECT_EQ(*(at + 1), concatSecond);
    // Names longer than the column wrap where Keras 2.10 wraps them, pushing the row one column right.
    const std::string reluFirst =
        " fire2/relu_squeeze1x1 (Activat  (None, 55, 55, 16)  0           ['fire2/squeeze1x1[0][0]']       ";
    const std::string reluSecond =
        " ion)                                                                                             ";
    const auto relu = std::find(lines.begin(), lines.end(), reluFirst);
    ASSERT_NE(relu, lines.end());
    EXPECT_EQ(*(relu + 1), reluSecond);
    EXPECT_EQ(lines[lines.size() - 4], "Total params: 722,496");
}

TEST(SummaryJson, HasLayersShapesAndTotals) {
    std::vector<LayerInfo> layers = describeBackbone(BackboneKind::Vgg16, {160, 128}, false);
    applyFreeze(FreezeSpec::firstLayers(16), layers);
    const auto json = nlohmann::json::parse(
        formatSummaryJson(SummaryContext{"vgg16", "vgg16", {160, 128}, false, "layers[:16]"}, layers));
    EXPECT_EQ(json["model"], "vgg16");
    EXPECT_EQ(json["input_size"], nlohmann::json::array({160, 128}));
    ASSERT_EQ(json["layers"].size(), 19u);
    EXPECT_EQ(json["layers"][18]["name"], "block5_pool");
    EXPECT_EQ(json["layers"][18]["output_shape"], nlohmann::json::parse("[null, 5, 4, 512]"));
    EXPECT_EQ(json["layers"][17]["trainable"], true);
    EXPECT_EQ(json["layers"][15]["trainable"], false);
    EXPECT_EQ(json["total_params"], 14714688);
    EXPECT_EQ(json["trainable_params"], 4719616);
    EXPECT_EQ(json["non_trainable_params"], 14714688 - 4719616);
}

}  // namespace
}  // namespace tlw
