#!/usr/bin/python3
"""The peer: a base's forward pass as a skilled PyTorch user writes it (bench-only; Debian's python3-torch,
the same LibTorch as tlw). Plain NCHW fp32, channels-last fp32 and channels-last bf16 autocast, under
inference_mode, ReLU(inplace=True) as torchvision's models; then the machine's ceiling, one large
convolution. Speed needs no trained weights, so the weights and the images are random; images/s is the best
of --repeats passes over --images images.

    /usr/bin/python3 bench/peer_pytorch.py [--backbone vgg16|squeezenet] [--images N] [--batch B] [--size S]
                                           [--repeats R] [--threads T]
"""
import argparse
import os
import time

import torch
from torch import nn

VGG16 = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]


def vgg16_base():
    layers, channels = [], 3
    for item in VGG16:
        if item == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(channels, item, 3, padding=1), nn.ReLU(inplace=True)]
            channels = item
    return nn.Sequential(*layers).eval()


class Fire(nn.Module):
    """Keras SqueezeNet v1.1's fire module: squeeze 1x1, then expand 1x1 and 3x3 concatenated."""

    def __init__(self, channels, squeeze, expand):
        super().__init__()
        self.squeeze = nn.Sequential(nn.Conv2d(channels, squeeze, 1), nn.ReLU(inplace=True))
        self.expand1 = nn.Sequential(nn.Conv2d(squeeze, expand, 1), nn.ReLU(inplace=True))
        self.expand3 = nn.Sequential(nn.Conv2d(squeeze, expand, 3, padding=1), nn.ReLU(inplace=True))

    def forward(self, x):
        x = self.squeeze(x)
        return torch.cat([self.expand1(x), self.expand3(x)], 1)


def squeezenet_base():
    """SqueezeNet v1.1 as Keras builds it without its top (valid 3x3/2 pools), to fire9's output."""
    return nn.Sequential(
        nn.Conv2d(3, 64, 3, stride=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2),
        Fire(64, 16, 64), Fire(128, 16, 64), nn.MaxPool2d(3, 2),
        Fire(128, 32, 128), Fire(256, 32, 128), nn.MaxPool2d(3, 2),
        Fire(256, 48, 192), Fire(384, 48, 192), Fire(384, 64, 256), Fire(512, 64, 256)).eval()


BACKBONES = {"vgg16": vgg16_base, "squeezenet": squeezenet_base}


def ceiling_gflops(dtype, repeats=5):
    """The machine's ceiling: one 3x3 convolution, 256 to 256 channels at 56x56, batch 32, channels-last."""
    conv = nn.Conv2d(256, 256, 3, padding=1).eval().to(memory_format=torch.channels_last).to(dtype)
    x = torch.randn(32, 256, 56, 56).contiguous(memory_format=torch.channels_last).to(dtype)
    conv(x)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        conv(x)
        best = min(best, time.perf_counter() - start)
    return 2 * 32 * 56 * 56 * 256 * 256 * 9 / best / 1e9


def images_per_second(forward, batches, repeats):
    forward(batches[0][:2])  # warm-up: oneDNN primitives, page faults
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for batch in batches:
            forward(batch)
        best = min(best, time.perf_counter() - start)
    return sum(len(b) for b in batches) / best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backbone", choices=sorted(BACKBONES), default="vgg16")
    parser.add_argument("--images", type=int, default=32)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    batches = [torch.randn(min(args.batch, args.images - i), 3, args.size, args.size)
               for i in range(0, args.images, args.batch)]
    model = BACKBONES[args.backbone]()
    print(f"PyTorch {torch.__version__}, {args.backbone} base, {args.images} images at {args.size}x{args.size}, "
          f"batch {args.batch}, best of {args.repeats}, {torch.get_num_threads()} threads")

    with torch.inference_mode():
        plain = images_per_second(model, batches, args.repeats)
        print(f"peer plain NCHW fp32               {plain:7.2f} images/s")
        last = model.to(memory_format=torch.channels_last)
        cl = [b.contiguous(memory_format=torch.channels_last) for b in batches]
        print(f"peer channels-last fp32            {images_per_second(last, cl, args.repeats):7.2f} images/s")

        def bf16(x):
            with torch.autocast("cpu", dtype=torch.bfloat16):
                return last(x)

        print(f"peer channels-last bf16 autocast   {images_per_second(bf16, cl, args.repeats):7.2f} images/s")
        print(f"peer ceiling, one 3x3 conv 256->256 at 56x56: fp32 {ceiling_gflops(torch.float32):.0f} GFLOP/s, "
              f"bf16 {ceiling_gflops(torch.bfloat16):.0f} GFLOP/s")


if __name__ == "__main__":
    main()
