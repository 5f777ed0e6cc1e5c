#pragma once

#include "core/models/architecture.h"

// Where the cells of a convolutional map sit in the image the network saw. A cell's receptive field is
// centred where the network's convolutions, pools and paddings put it, not where spreading the cells evenly
// over the image would: SqueezeNet's fire9 at 224x224 has 13 cells centred at pixels 15, 31, ..., 207
// (16j + 15), not at 8.6, 25.8, ..., 215.4. Torch-free.
namespace tlw {

// Cell j of one axis is centred at pixel start + step * j of the input (pixel i's centre at i).
struct CellCentres {
    double start = 0.0;
    double step = 1.0;
};

struct MapGeometry {
    CellCentres rows;
    CellCentres columns;
};

// The geometry of the output of architecture.layers[layer] for an input of inputSize, following each layer's
// first input (the main path: a residual Add, a fire module's Concatenate and a squeeze-and-excitation
// Multiply keep its cells where they are). Throws tlw::Error when the input is too small for the network.
MapGeometry mapGeometry(const Architecture& architecture, int layer, ImageSize inputSize);

}  // namespace tlw
