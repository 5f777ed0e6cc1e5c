#!/usr/bin/python3
"""The peer's whole runs of the seed recipe (bench-only; Debian's python3-torch and python3-pil, the same
LibTorch as tlw): the VGG16 base frozen, a GlobalAveragePooling2D -> Dense(1) head trained with Adam (0.001,
batch 32) on a folder of train/ and val/ images at 224x224, validation every epoch.

  --recipe tutorial  the Keras tutorial's script as written in PyTorch: every epoch decodes the images and
                     runs them through the base again (NCHW fp32, no_grad for the frozen base).
  --recipe skilled   what a skilled user writes: decode once (DataLoader workers), one pass through the base
                     in channels-last bf16 autocast (fp32 where the CPU lacks bf16), cache the pooled
                     features, then train the head on them.

Speed needs no trained weights: the base's weights are random. Prints the wall time of each stage and the
whole run, and the last epoch's validation accuracy.

    /usr/bin/python3 bench/peer_recipes.py DATASET --recipe tutorial|skilled [--epochs N] [--threads T]
"""
import argparse
import contextlib
import os
import pathlib
import sys
import time

import numpy as np
import torch
from PIL import Image
from torch import nn

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from peer_pytorch import vgg16_base  # noqa: E402

CAFFE_BGR_MEANS = np.array([103.939, 116.779, 123.68], dtype=np.float32)
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp"}


class ImageFolder(torch.utils.data.Dataset):
    """One sub-folder per class; images resized to 224x224 and preprocessed as Keras's VGG16 ("caffe")."""

    def __init__(self, root):
        classes = sorted(p.name for p in pathlib.Path(root).iterdir() if p.is_dir())
        self.samples = [(f, label) for label, name in enumerate(classes)
                        for f in sorted((pathlib.Path(root) / name).iterdir())
                        if f.suffix.lower() in IMAGE_SUFFIXES]

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, i):
        path, label = self.samples[i]
        with Image.open(path) as image:
            rgb = np.asarray(image.convert("RGB").resize((224, 224), Image.BILINEAR), dtype=np.float32)
        bgr = rgb[:, :, ::-1] - CAFFE_BGR_MEANS
        return torch.from_numpy(np.ascontiguousarray(bgr.transpose(2, 0, 1))), torch.tensor(float(label))


def loader(root, shuffle, workers):
    return torch.utils.data.DataLoader(ImageFolder(root), batch_size=32, shuffle=shuffle, num_workers=workers)


def bf16_supported():
    flags = open("/proc/cpuinfo").read()
    return "avx512_bf16" in flags or "amx_bf16" in flags


def train_epoch(head, optimizer, batches):
    loss_fn = nn.BCEWithLogitsLoss()
    for x, y in batches:
        optimizer.zero_grad()
        loss = loss_fn(head(x).squeeze(1), y)
        loss.backward()
        optimizer.step()


def accuracy(head, batches):
    with torch.no_grad():
        right = sum(int(((head(x).squeeze(1) > 0).float() == y).sum()) for x, y in batches)
    return right / sum(len(y) for _, y in batches)


def tutorial(args):
    base = vgg16_base()
    for p in base.parameters():
        p.requires_grad_(False)
    head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, 1))
    optimizer = torch.optim.Adam(head.parameters(), lr=0.001)
    train, val = loader(args.train, True, args.workers), loader(args.val, False, args.workers)
    for epoch in range(args.epochs):
        start = time.perf_counter()
        for x, y in train:
            with torch.no_grad():
                maps = base(x)
            train_epoch(head, optimizer, [(maps, y)])
        with torch.no_grad():
            val_acc = accuracy(head, [(base(x), y) for x, y in val])
        print(f"epoch {epoch + 1}: {time.perf_counter() - start:.1f} s, val_accuracy {val_acc:.4f}", flush=True)


def skilled(args):
    start = time.perf_counter()
    base = vgg16_base().to(memory_format=torch.channels_last)
    dtype = torch.bfloat16 if bf16_supported() else torch.float32

    def pooled(root):
        features, labels = [], []
        # PyTorch 1.13 refuses autocast to float32 even when disabled: no autocast at all without bf16.
        autocast = torch.autocast("cpu", dtype=dtype) if dtype == torch.bfloat16 else contextlib.nullcontext()
        with torch.inference_mode(), autocast:
            for x, y in loader(root, False, args.workers):
                maps = base(x.contiguous(memory_format=torch.channels_last))
                features.append(maps.float().mean((2, 3)))
                labels.append(y)
        return torch.cat(features), torch.cat(labels)

    train_x, train_y = pooled(args.train)
    val_x, val_y = pooled(args.val)
    pass_end = time.perf_counter()
    print(f"pass: {len(train_x) + len(val_x)} images in {pass_end - start:.1f} s ({dtype})", flush=True)
    mean, std = train_x.mean(0), train_x.std(0) + 1e-6  # the head's Normalization, as tlw's default head
    train_x, val_x = (train_x - mean) / std, (val_x - mean) / std
    head = nn.Linear(512, 1)
    optimizer = torch.optim.Adam(head.parameters(), lr=0.001)
    generator = torch.Generator().manual_seed(1)
    for _ in range(args.epochs):
        order = torch.randperm(len(train_x), generator=generator)
        train_epoch(head, optimizer, [(train_x[i], train_y[i]) for i in order.split(32)])
    val_acc = accuracy(head, [(val_x, val_y)])
    print(f"head: {args.epochs} epochs in {time.perf_counter() - pass_end:.2f} s, val_accuracy {val_acc:.4f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset", type=pathlib.Path)
    parser.add_argument("--recipe", choices=["tutorial", "skilled"], required=True)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    args.train, args.val = args.dataset / "train", args.dataset / "val"
    args.workers = args.threads
    start = time.perf_counter()
    (tutorial if args.recipe == "tutorial" else skilled)(args)
    print(f"whole run ({args.recipe}, {args.epochs} epochs): {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
