#pragma once

namespace tlw::test {

// A TCP port on 127.0.0.1 that nothing listened on a moment ago (the kernel's pick for port 0), for a test
// that starts a server of its own.
int freeLocalPort();

}  // namespace tlw::test
