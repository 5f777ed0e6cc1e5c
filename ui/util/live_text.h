#pragma once

#include <QString>
#include <functional>
#include <type_traits>
#include <utility>

namespace tlw::ui {

// A text the window shows and must re-word when the user switches language. It is either fixed (a path,
// core's reason, already final) or a function that composes it with tr() each time it is read, so a
// banner or a log line written in English reads in Chinese after a switch, arguments and all.
class LiveText {
public:
    LiveText() = default;
    LiveText(QString fixed) : m_fixed(std::move(fixed)) {}  // NOLINT: implicit on purpose
    template <typename Compose, typename = std::enable_if_t<std::is_invocable_r_v<QString, Compose>>>
    LiveText(Compose compose) : m_compose(std::move(compose)) {}  // NOLINT: implicit on purpose

    // The text in the language installed now.
    QString text() const { return m_compose ? m_compose() : m_fixed; }

private:
    QString m_fixed;
    std::function<QString()> m_compose;
};

}  // namespace tlw::ui
