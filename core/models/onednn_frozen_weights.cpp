#ifdef TLW_HAVE_ONEDNN

#include "core/models/onednn_frozen_weights.h"

#include <c10/core/TensorImpl.h>

#include <cstdint>
#include <list>
#include <mutex>

#include "core/models/onednn_inference.h"

namespace tlw::onednn {
namespace {

// Enough for every 3x3 kernel of the backbones tlw builds (VGG16's 58 MB, ResNet50's 94 MB); past it the
// least recently used go, so that models loaded one after another in the window do not pile up.
constexpr size_t kBudgetBytes = size_t{256} << 20;

struct KeptWeights {
    // A weak reference: while it has not expired, the tensor is alive and its address names it alone.
    c10::weak_intrusive_ptr<c10::TensorImpl> owner;
    const void* data = nullptr;
    int64_t version = 0;
    memory::desc layout;
    InputChannels channels;  // the slice of the input channels kept; whole: {0, -1}
    Buffer prepared;
};

class FrozenWeightCache {
public:
    Buffer find(const at::Tensor& weights, const memory::desc& layout, InputChannels channels,
                const std::function<Buffer()>& prepare) {
        const std::lock_guard<std::mutex> lock(m_mutex);
        for (auto it = m_kept.begin(); it != m_kept.end(); ++it) {
            if (!sameTensor(*it, weights) || !(it->layout == layout) || !(it->channels == channels)) continue;
            if (it->data == weights.data_ptr() && it->version == weights._version()) {
                m_kept.splice(m_kept.begin(), m_kept, it);  // most recently used first
                return it->prepared;
            }
            forget(it);  // the tensor's values changed: reorder afresh
            break;
        }
        KeptWeights entry{c10::weak_intrusive_ptr<c10::TensorImpl>(weights.getIntrusivePtr()),
                          weights.data_ptr(),
                          weights._version(),
                          layout,
                          channels,
                          prepare()};
        m_bytes += layout.get_size();
        m_kept.push_front(std::move(entry));
        trim();
        return m_kept.front().prepared;
    }

    size_t bytes() {
        const std::lock_guard<std::mutex> lock(m_mutex);
        return m_bytes;
    }

    void forgetGoneTensors() {
        const std::lock_guard<std::mutex> lock(m_mutex);
        trim();
    }

private:
    static bool sameTensor(const KeptWeights& kept, const at::Tensor& weights) {
        return !kept.owner.expired() && kept.owner._unsafe_get_target() == weights.unsafeGetTensorImpl();
    }

    void forget(std::list<KeptWeights>::iterator it) {
        m_bytes -= it->layout.get_size();
        m_kept.erase(it);
    }

    // Drops the weights of tensors that are gone, then the least recently used past the budget.
    void trim() {
        for (auto it = m_kept.begin(); it != m_kept.end();) {
            const auto next = std::next(it);
            if (it->owner.expired()) forget(it);
            it = next;
        }
        while (m_bytes > kBudgetBytes && m_kept.size() > 1) forget(std::prev(m_kept.end()));
    }

    std::mutex m_mutex;
    std::list<KeptWeights> m_kept;
    size_t m_bytes = 0;
};

FrozenWeightCache& cache() {
    static auto* kept = new FrozenWeightCache();  // never destroyed: tensors may outlive static destruction
    return *kept;
}

bool frozen(const at::Tensor& weights) {
    return weights.is_cpu() && !weights.requires_grad() && !weights.is_inference();
}

}  // namespace

Buffer weightsInLayout(const at::Tensor& weights, const memory::desc& layout, dnnl::stream& stream) {
    const auto reorder = [&] {
        Buffer reordered = inLayout(weights, layout, stream);
        stream.wait();
        return reordered;
    };
    return frozen(weights) ? cache().find(weights, layout, {}, reorder) : reorder();
}

Buffer weightSliceInLayout(const at::Tensor& weights, InputChannels channels, const memory::desc& layout,
                           dnnl::stream& stream) {
    const auto reorder = [&] {
        Buffer reordered = inLayout(weights.narrow(1, channels.first, channels.count), layout, stream);
        stream.wait();
        return reordered;
    };
    return frozen(weights) ? cache().find(weights, layout, channels, reorder) : reorder();
}

at::Tensor preparedWeights(const at::Tensor& weights, const memory::desc& layout,
                           const std::function<at::Tensor()>& prepare) {
    if (!frozen(weights)) return prepare();
    return cache().find(weights, layout, {}, [&] { return Buffer{prepare(), memory()}; }).storage;
}

}  // namespace tlw::onednn

namespace tlw {

size_t frozenWeightBytesKept() { return onednn::cache().bytes(); }

void releaseFrozenWeightsOfGoneTensors() { onednn::cache().forgetGoneTensors(); }

}  // namespace tlw

#else  // no oneDNN headers at build time: nothing is kept

#include "core/models/onednn_inference.h"

namespace tlw {
size_t frozenWeightBytesKept() { return 0; }
void releaseFrozenWeightsOfGoneTensors() {}
}  // namespace tlw

#endif
