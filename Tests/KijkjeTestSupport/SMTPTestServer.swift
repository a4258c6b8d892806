import Foundation

/// An aiosmtpd server on a free port that stores what it receives in a maildir.
public final class SMTPTestServer: @unchecked Sendable {
    let process = Process()
    public let port: Int
    public let maildir: URL

    /// With `certificates`, the server requires STARTTLS with its certificate for localhost.
    public init(certificates: TestCertificates? = nil) async throws {
        port = try freePort()
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-maildir-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let tls = certificates.map { ["--tlscert", $0.serverCertificatePath, "--tlskey", $0.serverKeyPath] } ?? []
        process.arguments =
            ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)"] + tls
            + ["-c", "aiosmtpd.handlers.Mailbox", maildir.path]
        // Its own output goes nowhere: an inherited pipe would keep the test runner waiting after the tests.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            // Our own server must be the one answering: had its port been taken meanwhile, it would have exited.
            guard process.isRunning else { throw TestSetupError("aiosmtpd exited (port \(port) taken?)") }
            if FileManager.default.fileExists(atPath: maildir.appendingPathComponent("new").path), canConnect() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError("aiosmtpd did not start (the test command installs it from PyPI)")
    }

    /// A started server; a port another test took meanwhile is tried again with a new one.
    public static func started(certificates: TestCertificates? = nil) async throws -> SMTPTestServer {
        var lastError: (any Error)?
        for _ in 0..<3 {
            do { return try await SMTPTestServer(certificates: certificates) } catch { lastError = error }
        }
        throw lastError ?? TestSetupError("aiosmtpd did not start")
    }

    /// Whether an SMTP server answers on the port with its greeting ("220 "): another test's server that took the port
    /// meanwhile (an HTTP server says nothing first) does not count.
    func canConnect() -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { return false }
        var wait = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var greeting = [UInt8](repeating: 0, count: 256)
        let count = recv(fd, &greeting, greeting.count, 0)
        return count >= 4 && String(decoding: greeting.prefix(4), as: UTF8.self) == "220 "
    }

    /// Every message received so far (to addresses containing `to`, when given), parsed by scripts/read_mail.py.
    public func messages(to: String? = nil) throws -> [[String: Any]] {
        let read = try python([repositoryRoot.appendingPathComponent("scripts/read_mail.py").path, maildir.path])
        let all = (try JSONSerialization.jsonObject(with: Data(read.output.utf8)) as? [[String: Any]]) ?? []
        guard let to else { return all }
        return all.filter { ($0["to"] as? String ?? "").contains(to) }
    }

    public func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: maildir)
    }
}

/// A port the system says is free now.
public func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw TestSetupError("no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}
