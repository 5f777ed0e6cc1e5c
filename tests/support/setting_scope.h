#pragma once

namespace tlw::test {

// Sets a process-wide setting (a getter and a setter, as core's policies have) for one test and puts back
// what was there.
template <class Value>
class SettingScope {
public:
    SettingScope(Value (*get)(), void (*set)(Value), Value value) : m_set(set), m_before(get()) {
        m_set(value);
    }
    ~SettingScope() { m_set(m_before); }
    SettingScope(const SettingScope&) = delete;
    SettingScope& operator=(const SettingScope&) = delete;

private:
    void (*m_set)(Value);
    Value m_before;
};

}  // namespace tlw::test
