#include "core/data/split_manifest.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/utc_time.h"
#include "core/util/utf8.h"
#include "core/util/version.h"

namespace tlw {
namespace {

constexpr const char* kFormat = "tlw-split-manifest";

SplitLayout parseLayout(const std::string& name) {
    for (const SplitLayout layout : {SplitLayout::NoSplit, SplitLayout::SplitFolders,
                                     SplitLayout::ValidationFraction, SplitLayout::Manifest})
        if (name == splitLayoutName(layout)) return layout;
    throw std::invalid_argument("unknown layout \"" + name + "\"");
}

// A name that is not UTF-8 is written twice: readable (invalid bytes replaced by U+FFFD) under `key`, and
// exactly, as hex, under key + "_bytes", which reading prefers. Otherwise a file named in Latin-1 came back
// under another name and silently dropped out of the reused split (issue 18).
template <typename Json>
void putName(Json& object, const std::string& key, const std::string& name) {
    object[key] = name;
    if (!isValidUtf8(name)) object[key + "_bytes"] = hexOfBytes(name);
}

std::string getName(const nlohmann::json& object, const std::string& key) {
    const auto exact = object.find(key + "_bytes");
    if (exact == object.end()) return object.at(key).get<std::string>();
    const std::optional<std::string> bytes = bytesOfHex(exact->get<std::string>());
    if (!bytes) throw std::invalid_argument("\"" + key + "_bytes\" is not hex");
    return *bytes;
}

SplitManifestEntry parseEntry(const nlohmann::json& item, const std::set<std::string>& classes) {
    SplitManifestEntry entry;
    entry.path = getName(item, "path");
    entry.className = getName(item, "class");
    if (!classes.count(entry.className))
        throw std::invalid_argument("class \"" + entry.className + "\" is not in \"classes\"");
    if (!parseSubset(item.at("subset").get<std::string>(), entry.subset))
        throw std::invalid_argument("unknown subset \"" + item.at("subset").get<std::string>() + "\"");
    if (!ContentHash::fromHex(item.at("xxh3_128").get<std::string>(), entry.hash))
        throw std::invalid_argument("\"xxh3_128\" is not 32 hex digits");
    entry.sizeBytes = item.at("size").get<std::uint64_t>();
    const std::filesystem::path relative(entry.path);
    const bool climbsOut =
        std::any_of(relative.begin(), relative.end(), [](const auto& part) { return part == ".."; });
    if (entry.path.empty() || relative.is_absolute() || climbsOut)
        throw std::invalid_argument("path \"" + entry.path + "\" is not relative to the dataset folder");
    return entry;
}

}  // namespace

SplitManifest makeSplitManifest(const Dataset& dataset) {
    SplitManifest manifest;
    manifest.createdAt = utcNow();
    manifest.createdBy = "tlw " + tlwVersion();
    manifest.layout = dataset.layout;
    manifest.validationSplit = dataset.validationSplit;
    manifest.seed = dataset.seed;
    manifest.classNames = dataset.classNames;
    manifest.files.reserve(dataset.samples.size());
    for (const Sample& sample : dataset.samples)
        manifest.files.push_back({dataset.relativePath(sample),
                                  dataset.classNames[static_cast<size_t>(sample.label)], sample.subset,
                                  sample.hash, sample.sizeBytes});
    return manifest;
}

void writeSplitManifest(const SplitManifest& manifest, const std::filesystem::path& file) {
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const SplitManifestEntry& entry : manifest.files) {
        nlohmann::ordered_json item = nlohmann::ordered_json::object();
        putName(item, "path", entry.path);
        putName(item, "class", entry.className);
        item["subset"] = subsetName(entry.subset);
        item["xxh3_128"] = entry.hash.hex();
        item["size"] = entry.sizeBytes;
        files.push_back(std::move(item));
    }
    nlohmann::ordered_json classBytes = nlohmann::ordered_json::array();
    for (const std::string& name : manifest.classNames)
        classBytes.push_back(isValidUtf8(name) ? nlohmann::ordered_json()
                                               : nlohmann::ordered_json(hexOfBytes(name)));
    nlohmann::ordered_json document = {
        {"format", kFormat},
        {"version", SplitManifest::kVersion},
        {"createdAt", manifest.createdAt},
        {"createdBy", manifest.createdBy},
        {"layout", splitLayoutName(manifest.layout)},
        {"validationSplit", manifest.validationSplit},
        {"seed", manifest.seed},
        {"classes", manifest.classNames},
    };
    if (std::any_of(classBytes.begin(), classBytes.end(), [](const auto& item) { return !item.is_null(); }))
        document["classes_bytes"] = classBytes;  // parallel to "classes": null where the name is UTF-8
    document["files"] = files;
    writeFileAtomically(
        file, document.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

SplitManifest readSplitManifest(const std::filesystem::path& file) {
    const std::string text = readFileBytes(file);
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(file, std::string("not a split manifest (invalid JSON: ") + e.what() + ")");
    }
    // value() would throw json's type_error for a "format" that is not a string (found by fuzzing).
    const auto format = document.is_object() ? document.find("format") : document.end();
    if (format == document.end() || !format->is_string() || format->get<std::string>() != kFormat)
        throw Error(file, "not a split manifest (no \"format\": \"tlw-split-manifest\")");
    SplitManifest manifest;
    try {
        const int version = document.at("version").get<int>();
        if (version > SplitManifest::kVersion)
            throw Error(file, "split manifest version " + std::to_string(version) +
                                  " is newer than this tlw reads (" +
                                  std::to_string(SplitManifest::kVersion) + ")");
        manifest.createdAt = document.value("createdAt", "");
        manifest.createdBy = document.value("createdBy", "");
        manifest.layout = parseLayout(document.at("layout").get<std::string>());
        manifest.validationSplit = document.value("validationSplit", 0.0);
        manifest.seed = document.value("seed", std::uint64_t{0});
        manifest.classNames = document.at("classes").get<std::vector<std::string>>();
        if (document.contains("classes_bytes")) {
            const nlohmann::json& exact = document["classes_bytes"];
            if (!exact.is_array() || exact.size() != manifest.classNames.size())
                throw std::invalid_argument("\"classes_bytes\" does not match \"classes\"");
            for (std::size_t i = 0; i < exact.size(); ++i) {
                if (exact[i].is_null()) continue;
                const std::optional<std::string> bytes = bytesOfHex(exact[i].get<std::string>());
                if (!bytes) throw std::invalid_argument("\"classes_bytes\" is not hex");
                manifest.classNames[i] = *bytes;
            }
        }
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(file, std::string("not a valid split manifest: ") + e.what());
    }
    const std::set<std::string> classes(manifest.classNames.begin(), manifest.classNames.end());
    if (classes.size() != manifest.classNames.size()) {
        // Otherwise it surfaced later as "class has no usable images", about a class that had them (issue
        // 18).
        for (std::size_t i = 0; i < manifest.classNames.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (manifest.classNames[i] == manifest.classNames[j])
                    throw Error(file,
                                "class \"" + manifest.classNames[i] + "\" is listed twice in \"classes\"");
    }
    const nlohmann::json& files = document.contains("files") ? document["files"] : nlohmann::json();
    if (!files.is_array()) throw Error(file, "not a valid split manifest: no \"files\" list");
    std::set<std::string> seen;
    for (size_t i = 0; i < files.size(); ++i) {
        try {
            manifest.files.push_back(parseEntry(files[i], classes));
        } catch (const std::exception& e) {
            throw Error(file, "entry " + std::to_string(i + 1) + ": " + e.what());
        }
        if (!seen.insert(manifest.files.back().path).second)
            throw Error(file, "entry " + std::to_string(i + 1) + ": \"" + manifest.files.back().path +
                                  "\" is listed twice");
    }
    return manifest;
}

}  // namespace tlw
