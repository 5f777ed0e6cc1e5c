#include "core/demo/seal_demo.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "core/demo/demo_folder.h"
#include "core/demo/font_locator.h"
#include "core/demo/glyph_cache.h"
#include "core/demo/seal_renderer.h"
#include "core/demo/seal_style.h"
#include "core/demo/seal_texts.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/version.h"

namespace tlw {
namespace {

constexpr int kMaxPerClass = 100000;
constexpr int kMinImageSize = 32;
constexpr int kMaxImageSize = 2048;

void checkOptions(const DemoOptions& options) {
    const auto outside = [](const char* what, long long value, long long low, long long high) {
        return Error("demo options: " + std::string(what) + " must be between " + std::to_string(low) +
                     " and " + std::to_string(high) + ", not " + std::to_string(value));
    };
    if (options.classes < 2 || options.classes > demoStyleCount())
        throw outside("the number of classes", options.classes, 2, demoStyleCount());
    if (options.perClass < 1 || options.perClass > kMaxPerClass)
        throw outside("the number of images per class", options.perClass, 1, kMaxPerClass);
    if (options.imageSize < kMinImageSize || options.imageSize > kMaxImageSize)
        throw outside("the image size", options.imageSize, kMinImageSize, kMaxImageSize);
    if (options.threads < 0) throw outside("the number of threads", options.threads, 0, 256);
}

std::string joinPaths(const std::vector<std::filesystem::path>& paths) {
    std::string joined;
    for (const auto& path : paths) joined += (joined.empty() ? "" : ", ") + path.string();
    return joined;
}

std::string joinWords(const std::vector<std::string>& words) {
    std::string joined;
    for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
    return joined;
}

// Opens a font and keeps it only when it draws every character the seals use.
int openCoveringFont(GlyphCache& glyphs, const std::filesystem::path& file, int faceIndex,
                     const std::u32string& codePoints, std::vector<std::string>& warnings) {
    try {
        const int id = glyphs.addFont(file, faceIndex);
        if (glyphs.hasGlyphs(id, codePoints)) return id;
        warnings.push_back(file.string() + ": lacks some of the seals' characters; not used");
    } catch (const Error& e) {
        warnings.push_back(e.what());
    }
    return -1;
}

struct StyleFont {
    int id = -1;
    bool fallback = false;
};

// Each style's own font when installed; otherwise another installed one stands in (the class then
// differs from its neighbours by border, carving and layout only). No usable font at all is an error
// that names the packages to install.
std::vector<StyleFont> chooseFonts(int classes, const FontLocator& locator, GlyphCache& glyphs,
                                   std::vector<std::string>& warnings) {
    const std::u32string codePoints = sealCodePoints();
    std::vector<int> preferred;
    std::vector<int> available;
    for (const auto& font : sealFonts()) {
        const auto file = locator.find(font.fileName);
        const int id = file ? openCoveringFont(glyphs, *file, font.faceIndex, codePoints, warnings) : -1;
        preferred.push_back(id);
        if (id >= 0) available.push_back(id);
    }
    if (available.empty()) {
        // None of ours: any installed font that covers the characters will do (Noto CJK, Droid...).
        for (const auto& file : locator.fontFiles()) {
            std::vector<std::string> ignored;
            const int id = openCoveringFont(glyphs, file, 0, codePoints, ignored);
            if (id >= 0) available.push_back(id);
            if (available.size() == sealFonts().size()) break;
        }
    }
    if (available.empty())
        throw Error("no Chinese font found for the demo seals (searched " + joinPaths(locator.dirs()) +
                    "); install one of the Debian packages: sudo apt-get install " +
                    joinWords(demoFontPackages()));

    std::vector<StyleFont> chosen;
    for (int i = 0; i < classes; ++i) {
        const SealStyle& style = sealStyles()[static_cast<std::size_t>(i)];
        const int own = preferred[static_cast<std::size_t>(style.font)];
        if (own >= 0) {
            chosen.push_back({own, false});
            continue;
        }
        const int standIn = available[static_cast<std::size_t>(style.font) % available.size()];
        const SealFont& wanted = sealFonts()[static_cast<std::size_t>(style.font)];
        warnings.push_back(std::string(style.name) + ": " + wanted.fileName + " (Debian package " +
                           wanted.debianPackage + ") is not installed; drawn with " +
                           glyphs.familyName(standIn) + " instead");
        chosen.push_back({standIn, true});
    }
    return chosen;
}

std::string imageFileName(int index, int perClass) {
    const int width = std::max(3, static_cast<int>(std::to_string(perClass).size()));
    std::string number = std::to_string(index + 1);
    return std::string(static_cast<std::size_t>(width) - std::min<std::size_t>(width, number.size()), '0') +
           number + ".png";
}

struct ImageJob {
    SealImagePlan plan;
    std::filesystem::path file;
};

// Renders, encodes and writes the images on worker threads. The caller's thread reports progress
// and can cancel; the first failure stops the others and is rethrown here.
void renderAll(const std::vector<ImageJob>& jobs, const GlyphCache& glyphs, const DemoOptions& options,
               const DemoProgress& progress) {
    const int total = static_cast<int>(jobs.size());
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const int threads = std::clamp(options.threads > 0 ? options.threads : static_cast<int>(cores), 1, total);

    std::atomic<int> next{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable changed;
    int done = 0, running = threads;
    std::exception_ptr failure;
    bool cancelled = false;

    const auto work = [&] {
        for (;;) {
            const int index = next++;
            if (stop || index >= total) break;
            try {
                const ImageJob& job = jobs[static_cast<std::size_t>(index)];
                const cv::Mat image = renderSealImage(job.plan, glyphs, options.imageSize);
                std::vector<unsigned char> png;
                // Paper grain makes these images nearly incompressible: run-length coding is as small as
                // zlib's default here, and faster.
                const std::vector<int> parameters = {cv::IMWRITE_PNG_COMPRESSION, 1, cv::IMWRITE_PNG_STRATEGY,
                                                     cv::IMWRITE_PNG_STRATEGY_RLE};
                if (!cv::imencode(".png", image, png, parameters))
                    throw Error(job.file, "cannot encode the PNG image");
                writeFileAtomically(job.file,
                                    std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
                std::lock_guard<std::mutex> lock(mutex);
                ++done;
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!failure) failure = std::current_exception();
                stop = true;
            }
            changed.notify_all();
        }
        std::lock_guard<std::mutex> lock(mutex);
        --running;
        changed.notify_all();
    };

    std::vector<std::thread> workers;
    try {
        for (int i = 0; i < threads; ++i) workers.emplace_back(work);
    } catch (...) {  // no thread to be had: stop the ones that started
        stop = true;
        {
            std::lock_guard<std::mutex> lock(mutex);
            running -= threads - static_cast<int>(workers.size());
        }
        for (auto& worker : workers) worker.join();
        throw;
    }
    {
        std::unique_lock<std::mutex> lock(mutex);
        int reported = -1;
        for (;;) {
            changed.wait(lock, [&] { return running == 0 || done != reported; });
            const bool finished = running == 0;  // then done is final, and is reported below
            if (done != reported) {
                reported = done;
                if (progress && !cancelled) {
                    lock.unlock();
                    const bool keepGoing = progress(reported, total);
                    lock.lock();
                    if (!keepGoing) cancelled = stop = true;
                }
            }
            if (finished) break;
        }
    }
    for (auto& worker : workers) worker.join();
    if (failure) std::rethrow_exception(failure);
    if (cancelled) throw Error("demo set: cancelled");
}

std::string readmeText(const DemoSummary& summary, int perClass) {
    std::ostringstream text;
    text << "TL Workbench demo data: seal impressions (印章)\n"
         << "==============================================\n\n"
         << "Made by `tlw make-demo` (TL Workbench " << tlwVersion() << "): " << summary.classes.size()
         << " classes x " << perClass << " images, " << summary.imageSize << "x" << summary.imageSize
         << " pixels, 8-bit RGB PNG, seed " << summary.seed
         << ". The same command on the same machine makes\n"
         << "the same files:\n\n"
         << "    tlw make-demo DIR --classes " << summary.classes.size() << " --per-class " << perClass
         << " --seed " << summary.seed << " --image-size " << summary.imageSize << "\n\n"
         << "Every image is synthetic: a red seal stamped on paper, rendered from an installed font. Each\n"
         << "folder is one class, an \"engraver style\": the same font, carving, border and layout of the\n"
         << "characters. Within a class the text, rotation, scale, position, perspective, ink density,\n"
         << "pressure, paper colour and texture, and blur vary from image to image.\n\n"
         << "Carving: baiwen (白文) seals have their characters cut away and print white on red; zhuwen "
            "(朱文)\n"
         << "seals have them standing and print red on the paper. The texts are common seal phrases and\n"
         << "made-up names in traditional characters, read from the right column down.\n\n"
         << "Classes:\n";
    for (const auto& info : summary.classes) {
        text << "\n  " << info.name << "  " << info.chineseName << "\n    " << info.description
             << "\n    font: " << info.fontFamily << " (" << info.fontFile.string() << ")"
             << (info.fontFallback ? ", standing in for the style's own font, which is not installed" : "")
             << "\n";
    }
    return text.str();
}

std::string markerText(const DemoSummary& summary, int perClass) {
    nlohmann::json classes = nlohmann::json::array();
    for (const auto& info : summary.classes)
        classes.push_back({{"name", info.name}, {"images", info.images}, {"font", info.fontFile.string()}});
    const nlohmann::json marker = {
        {"format", 1},          {"generator", "tlw make-demo"},   {"version", tlwVersion()},
        {"seed", summary.seed}, {"imageSize", summary.imageSize}, {"perClass", perClass},
        {"classes", classes}};
    return marker.dump(2) + "\n";
}

}  // namespace

DemoSummary generateSealDemo(const std::filesystem::path& dir, const DemoOptions& options,
                             const DemoProgress& progress) {
    checkOptions(options);
    if (dir.empty()) throw Error("demo set: no folder given");
    const std::filesystem::path target = std::filesystem::weakly_canonical(std::filesystem::absolute(dir));
    checkReplaceableDemoFolder(target);

    const FontLocator locator(options.fontDirs.empty() ? defaultFontDirs() : options.fontDirs);
    // The tallest cell (a tall character beside two) is about 0.7 of the image high: glyphs rendered at
    // that size stay sharp when stretched into it (160 pixels at the default 224).
    GlyphCache glyphs(std::clamp(options.imageSize * 5 / 7, 128, 1024));
    DemoSummary summary;
    summary.dir = target;
    summary.imageSize = options.imageSize;
    summary.seed = options.seed;
    const std::vector<StyleFont> fonts = chooseFonts(options.classes, locator, glyphs, summary.warnings);

    StagingFolder staging(target);
    // One generator, seeded once, plans every image in a fixed order (its text and its own seed); the
    // images can then be rendered on any number of threads with the same bytes.
    std::mt19937 rng(options.seed);
    std::vector<ImageJob> jobs;
    for (int c = 0; c < options.classes; ++c) {
        const SealStyle& style = sealStyles()[static_cast<std::size_t>(c)];
        const std::filesystem::path classDir = staging.path() / style.name;
        std::error_code error;
        std::filesystem::create_directory(classDir, error);
        if (error) throw Error(classDir, "cannot create the folder: " + error.message());
        for (int i = 0; i < options.perClass; ++i) {
            ImageJob job;
            job.plan.style = &style;
            job.plan.font = fonts[static_cast<std::size_t>(c)].id;
            job.plan.text = pickSealText(characterCount(style.layout), rng);
            const std::uint64_t high = rng();  // two statements: the order of the draws is fixed
            job.plan.seed = (high << 32) | rng();
            job.file = classDir / imageFileName(i, options.perClass);
            glyphs.prepare(job.plan.font, job.plan.text);
            jobs.push_back(std::move(job));
        }
        const StyleFont& font = fonts[static_cast<std::size_t>(c)];
        summary.classes.push_back({style.name, chineseStyleName(style), englishStyleName(style),
                                   glyphs.fontFile(font.id), glyphs.familyName(font.id), font.fallback,
                                   options.perClass});
    }
    renderAll(jobs, glyphs, options, progress);
    summary.imageCount = static_cast<int>(jobs.size());

    writeFileAtomically(staging.path() / kDemoReadmeFile, readmeText(summary, options.perClass));
    writeFileAtomically(staging.path() / kDemoMarkerFile, markerText(summary, options.perClass));
    staging.commit();
    return summary;
}

std::filesystem::path defaultDemoDir() {
    const char* dataHome = std::getenv("XDG_DATA_HOME");
    if (dataHome && *dataHome == '/') return std::filesystem::path(dataHome) / "tlworkbench" / "demo-seals";
    const char* home = std::getenv("HOME");
    if (!home || !*home) throw Error("demo set: neither XDG_DATA_HOME nor HOME is set; give a folder");
    return std::filesystem::path(home) / ".local" / "share" / "tlworkbench" / "demo-seals";
}

bool isDemoSet(const std::filesystem::path& dir) {
    DemoMarker marker;
    if (!readDemoMarker(dir, marker)) return false;
    for (std::size_t c = 0; c < marker.classes.size(); ++c) {
        std::error_code error;
        int images = 0;
        for (std::filesystem::directory_iterator it(dir / marker.classes[c], error), end; !error && it != end;
             it.increment(error))
            if (it->path().extension() == ".png") ++images;
        if (error || images != marker.imagesPerClass[c]) return false;
    }
    return !marker.classes.empty();
}

int demoStyleCount() { return static_cast<int>(sealStyles().size()); }

std::vector<std::string> demoFontPackages() {
    std::vector<std::string> packages;
    for (const auto& font : sealFonts()) packages.emplace_back(font.debianPackage);
    return packages;
}

}  // namespace tlw
