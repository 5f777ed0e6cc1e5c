#pragma once

#include <string>
#include <vector>

// The 1000 ImageNet (ILSVRC2012) classes of the pretrained classifiers, compiled into core (source: Debian's
// opencv-doc, see imagenet_class_names.cpp), and the top-k read-out that `tlw predict --imagenet` prints.
namespace tlw {

constexpr int kImageNetClassCount = 1000;

// "great white shark, white shark, man-eater, man-eating shark, Carcharodon carcharias". Throws tlw::Error
// for an index outside 0..999.
std::string imagenetClassDescription(int index);
// The first synonym: "great white shark".
std::string imagenetClassName(int index);
// The first synonym with underscores, the form Keras's decode_predictions prints: "great_white_shark".
std::string imagenetKerasLabel(int index);

struct ImageNetPrediction {
    int classIndex = 0;
    std::string name;  // imagenetClassName
    double probability = 0.0;
};

enum class ImageNetScores { Probabilities, Logits };

// The k most probable classes, most probable first (ties: lower index first). Scores are the 1000 outputs of
// the classifier: probabilities as VGG16's softmax gives them, or logits (softmax applied here). Throws
// tlw::Error unless there are exactly 1000 finite scores and 1 <= k <= 1000.
std::vector<ImageNetPrediction> topImageNetPredictions(const std::vector<float>& scores, int k = 5,
                                                       ImageNetScores kind = ImageNetScores::Probabilities);

}  // namespace tlw
