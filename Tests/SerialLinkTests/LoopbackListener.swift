import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real TCP listener on 127.0.0.1 (an ephemeral port) for TCPLink tests, standing in for ser2net.
final class LoopbackListener: @unchecked Sendable {
    let fd: Int32
    let port: Int

    init() throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits for one client and returns its descriptor.
    func accept() -> Int32 {
        #if canImport(Glibc)
        Glibc.accept(fd, nil, nil)
        #else
        Darwin.accept(fd, nil, nil)
        #endif
    }

    func close() {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }
}

/// Echoes everything a client sends until it hangs up.
func echo(_ client: Int32) {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, 4096, 0) }
        if count <= 0 { break }
        _ = buffer.withUnsafeBytes { send(client, $0.baseAddress, count, 0) }
    }
    #if canImport(Glibc)
    _ = Glibc.close(client)
    #else
    _ = Darwin.close(client)
    #endif
}
