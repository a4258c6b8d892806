import CKijkjeCurl
import Foundation
import KijkjeDomain

/// Delivers one mail, or throws saying why not.
public protocol MailTransport: Sendable {
    func deliver(_ message: MailMessage) async throws
}

public struct MailDeliveryError: Error, CustomStringConvertible {
    public let description: String
}

/// SMTP through the system's libcurl, with STARTTLS and authentication as configured.
public struct SMTPTransport: MailTransport, CustomStringConvertible {
    let url: String
    let user: String?
    let password: String?
    let startTLS: Int
    let caFile: String?
    let from: String
    let fromName: String

    public init(url: String, user: String?, password: String?, startTLS: Int, caFile: String?, from: String, fromName: String) {
        self.url = url
        self.user = user
        self.password = password
        self.startTLS = startTLS
        self.caFile = caFile
        self.from = from
        self.fromName = fromName
    }

    /// What logs may show of it: never the password.
    public var description: String { "SMTP \(url) as \(user ?? "nobody"), from \(from)" }

    public func deliver(_ message: MailMessage) async throws {
        let payload = Array(MIMEMessage(message, from: from, fromName: fromName).text.utf8)
        let result: (Int32, String) = await withCheckedContinuation { continuation in
            // libcurl blocks; it runs on a thread of its own, not on the cooperative pool.
            Thread.detachNewThread {
                var error = [CChar](repeating: 0, count: 256)
                let code = withCStrings([message.toAddress]) { recipients in
                    payload.withUnsafeBufferPointer { bytes in
                        bytes.withMemoryRebound(to: CChar.self) { chars in
                            kijkje_smtp_send(
                                url, user, password, Int32(startTLS), caFile, from, recipients, 1,
                                chars.baseAddress, chars.count, &error, error.count)
                        }
                    }
                }
                let text = error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
                continuation.resume(returning: (code, String(decoding: text, as: UTF8.self)))
            }
        }
        if result.0 != 0 { throw MailDeliveryError(description: "SMTP: \(result.1) (code \(result.0))") }
    }
}

/// C strings for the lifetime of `body`.
public func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer<CChar>($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Without an SMTP server: each mail becomes an .eml file in a folder (the demo's local mailbox).
public struct MailboxFolder: MailTransport {
    let directory: String
    let from: String
    let fromName: String

    public init(directory: String, from: String, fromName: String) {
        self.directory = directory
        self.from = from
        self.fromName = fromName
    }

    /// Written under a temporary name and renamed, so a reader never sees half a mail; not synced to the disk one by
    /// one (a mailbox of thousands spent most of its time waiting for the disk), as a local mailbox needs no more.
    public func deliver(_ message: MailMessage) async throws {
        let name = message.id.uuidString.lowercased()
        let partial = "\(directory)/.\(name).eml.part", file = "\(directory)/\(name).eml"
        // Foundation's `Data.write` syncs every file to the disk; plain POSIX writes do not.
        let bytes = Array(MIMEMessage(message, from: from, fromName: fromName).text.utf8)
        var descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0 && errno == ENOENT {  // the folder is made with the first mail
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        guard descriptor >= 0 else { throw Self.failure("could not write \(partial)") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                close(descriptor)
                throw Self.failure("could not write \(partial)")
            }
            written += count
        }
        guard close(descriptor) == 0, rename(partial, file) == 0 else {
            throw Self.failure("could not put \(file) in place")
        }
    }

    static func failure(_ what: String) -> MailDeliveryError {
        MailDeliveryError(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
