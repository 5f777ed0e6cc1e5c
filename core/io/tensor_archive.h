#pragma once

// Core-internal (LibTorch): the container behind model files (.tlwm, kind "tlw-model") and training
// checkpoints (MODEL.checkpoint, kind "tlw-checkpoint"): one JSON document and named tensors, checksummed.
// Include only from core .cpp files.
//
// Layout (every integer little-endian, no padding):
//
//   offset 0   "TLWARCH1"                 magic; the trailing 1 is the format version
//   offset 8   u64 file length            the whole file, checksum included: tells truncation from damage
//              u32 kind length, kind      UTF-8, 1..64 bytes ("tlw-model")
//              u64 json length, json      UTF-8
//              u32 tensor count
//              per tensor:
//                u32 name length, name    UTF-8, 1..4096 bytes, unique
//                u8  dtype                1 float32, 2 float16, 3 bfloat16, 4 int64, 5 uint8, 6 int32,
//                                         7 float64
//                u8  rank                 0..16 (0: a scalar)
//                i64 sizes[rank]          each >= 0
//                u64 byte length          = element count x element size
//                raw bytes                contiguous, row-major, little-endian
//   last 16    XXH3-128 of every byte before it (canonical form: high half, then low, big-endian)
//
// Reading checks, in this order, the magic, the declared length against the file's size, every length
// against the bytes that remain (before anything is allocated), the dtype codes, the checksum and the kind.
// Any structural fault found before the checksum has been verified is reported as damage when the checksum
// does not match either, so a flipped byte reads as "checksum mismatch" wherever it falls.

#include <torch/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace tlw {

struct TensorArchive {
    std::string kind;  // what the file is: "tlw-model", "tlw-checkpoint"
    std::string json;  // the document describing the tensors (not parsed here)
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
};

// Atomic (temporary file beside it, fsync, rename): the target is untouched on failure. Tensors may live
// on any device, in any memory layout (they are copied only when not already contiguous on the CPU).
// Throws tlw::Error "<file>: <reason>" for an unsupported dtype, duplicate or overlong names, I/O errors.
void writeTensorArchive(const std::filesystem::path& file, const TensorArchive& archive);

// Reads a whole archive into CPU tensors. Throws tlw::Error "<file>: <reason>": "not a TL Workbench file",
// "truncated: ...", "checksum mismatch: the file is damaged", "is a tlw-checkpoint, expected a tlw-model".
TensorArchive readTensorArchive(const std::filesystem::path& file, const std::string& expectedKind);

}  // namespace tlw
