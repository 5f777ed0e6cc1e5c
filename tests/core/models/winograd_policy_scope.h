#pragma once

#include "core/models/winograd_convolution.h"

namespace tlw::test {

// Sets the process-wide Winograd policy for one test and puts back what was there.
class WinogradPolicyScope {
public:
    explicit WinogradPolicyScope(WinogradPolicy policy) : m_before(winogradPolicy()) {
        setWinogradPolicy(policy);
    }
    ~WinogradPolicyScope() { setWinogradPolicy(m_before); }
    WinogradPolicyScope(const WinogradPolicyScope&) = delete;
    WinogradPolicyScope& operator=(const WinogradPolicyScope&) = delete;

private:
    WinogradPolicy m_before;
};

}  // namespace tlw::test
