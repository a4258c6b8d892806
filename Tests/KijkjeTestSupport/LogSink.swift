import Foundation
import Logging

/// Every line a test's loggers write, at any level, to search afterwards.
public final class LogSink: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    public init() {}

    /// A logger whose every line lands here; each copy keeps its own metadata (a value-type handler).
    public func logger(label: String, level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { _ in Handler(sink: self) }
        logger.logLevel = level
        return logger
    }

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    public var text: String { lock.withLock { lines.joined(separator: "\n") } }
    public var count: Int { lock.withLock { lines.count } }

    struct Handler: LogHandler {
        let sink: LogSink
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            sink.append("\(event.level) \(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })")
        }
    }
}
