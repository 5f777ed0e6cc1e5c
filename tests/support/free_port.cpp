#include "tests/support/free_port.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace tlw::test {

int freeLocalPort() {
    const int socketFd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (socketFd < 0) throw std::runtime_error("freeLocalPort: no socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    const bool bound = ::bind(socketFd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                       ::getsockname(socketFd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    ::close(socketFd);
    if (!bound) throw std::runtime_error("freeLocalPort: cannot bind to 127.0.0.1");
    return ntohs(address.sin_port);
}

}  // namespace tlw::test
