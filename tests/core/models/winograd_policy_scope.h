#pragma once

#include "core/models/winograd_convolution.h"
#include "tests/support/setting_scope.h"

namespace tlw::test {

// Sets the process-wide Winograd policy for one test and puts back what was there.
class WinogradPolicyScope : public SettingScope<WinogradPolicy> {
public:
    explicit WinogradPolicyScope(WinogradPolicy policy)
        : SettingScope(&winogradPolicy, &setWinogradPolicy, policy) {}
};

}  // namespace tlw::test
