#!/usr/bin/python3
"""The peer: the VGG16 base's forward pass as a skilled PyTorch user writes it (bench-only; Debian's
python3-torch, the same LibTorch as tlw). Plain NCHW fp32, channels-last fp32 and channels-last bf16
autocast, under inference_mode, ReLU(inplace=True) as torchvision's VGG. Speed needs no trained weights, so
the weights and the images are random; images/s is the best of --repeats passes over --images images.

    /usr/bin/python3 bench/peer_pytorch.py [--images N] [--batch B] [--size S] [--repeats R] [--threads T]
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
    model = vgg16_base()
    print(f"PyTorch {torch.__version__}, VGG16 base, {args.images} images at {args.size}x{args.size}, "
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


if __name__ == "__main__":
    main()
