#!/usr/bin/python3
"""The peer of tlw's fine-tune-at-16 epoch (bench-only; Debian's python3-torch): a skilled PyTorch user who
cached block5_conv1's output trains block5_conv2 and block5_conv3 (+ ReLU), block5_pool, global average
pooling and a Dense(1) head on it with Adam, batch 32, channels-last, then evaluates the validation rows;
seconds an epoch, the median of --epochs epochs after a warm-up one. Random features and weights: speed needs
neither trained weights nor real images.

    /usr/bin/python3 bench/peer_finetune.py [--train 245] [--val 153] [--epochs 3] [--bf16] [--threads T]
"""
import argparse
import os
import statistics
import time

import torch
from torch import nn


def trainable_part():
    return nn.Sequential(
        nn.Conv2d(512, 512, 3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(512, 512, 3, padding=1), nn.ReLU(inplace=True),
        nn.MaxPool2d(2, 2), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, 1))


def epoch(model, optimizer, train, val, bf16):
    loss_fn = nn.BCEWithLogitsLoss()
    model.train()
    for x, y in train:
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            loss = loss_fn(model(x).squeeze(1).float(), y)
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for x, _ in val:
            model(x)


def batches(rows, generator):
    x = torch.randn(rows, 512, 14, 14, generator=generator).relu_().contiguous(memory_format=torch.channels_last)
    y = (torch.rand(rows, generator=generator) > 0.5).float()
    return list(zip(x.split(32), y.split(32)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", type=int, default=245)
    parser.add_argument("--val", type=int, default=153)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--bf16", action="store_true")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(1)
    train, val = batches(args.train, generator), batches(args.val, generator)
    model = trainable_part().to(memory_format=torch.channels_last)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    epoch(model, optimizer, train, val, args.bf16)  # warm-up: oneDNN primitives, page faults
    seconds = []
    for _ in range(args.epochs):
        start = time.perf_counter()
        epoch(model, optimizer, train, val, args.bf16)
        seconds.append(time.perf_counter() - start)
    print(f"peer fine-tune-at-16 epoch ({'bf16 autocast' if args.bf16 else 'fp32'}, {args.train} + {args.val} "
          f"rows, {torch.get_num_threads()} threads): median {statistics.median(seconds):.2f} s of "
          f"{' '.join(f'{s:.2f}' for s in seconds)}")


if __name__ == "__main__":
    main()
