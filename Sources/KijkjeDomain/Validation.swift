import Foundation

/// One thing wrong with one field of an input, in words a person can act on.
public struct FieldProblem: Error, Sendable, Equatable, Codable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// An input that failed validation, listing every field at fault.
public struct InvalidInput: Error, Sendable, Equatable {
    public var problems: [FieldProblem]

    public init(_ problems: [FieldProblem]) { self.problems = problems }
    public init(field: String, message: String) { self.problems = [FieldProblem(field: field, message: message)] }

    public var summary: String { problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ") }
}

/// Collects problems while a draft is turned into a value, so a person sees all of them at once.
public struct Validator {
    public private(set) var problems: [FieldProblem] = []

    public init() {}

    public mutating func fail(_ field: String, _ message: String) {
        problems.append(FieldProblem(field: field, message: message))
    }

    /// A present value, or a "missing" problem.
    public mutating func required<T>(_ value: T?, _ field: String) -> T? {
        if value == nil { fail(field, "is required") }
        return value
    }

    /// Trimmed text of 1...maxLength characters.
    public mutating func text(_ value: String?, _ field: String, maxLength: Int = 200) -> String {
        guard let value = required(value, field) else { return "" }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { fail(field, "must not be empty") }
        // Counted as the contract's JSON Schema counts: code points (a letter with combining marks is several).
        if trimmed.unicodeScalars.count > maxLength { fail(field, "must be at most \(maxLength) characters") }
        return trimmed
    }

    /// Optional trimmed text of at most maxLength characters ("" when absent).
    public mutating func optionalText(_ value: String?, _ field: String, maxLength: Int = 4000) -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.unicodeScalars.count > maxLength { fail(field, "must be at most \(maxLength) characters") }
        return trimmed
    }

    /// A whole number within bounds.
    public mutating func integer(_ value: Int?, _ field: String, in range: ClosedRange<Int>) -> Int {
        guard let value = required(value, field) else { return range.lowerBound }
        if !range.contains(value) { fail(field, "must be between \(range.lowerBound) and \(range.upperBound)") }
        return value
    }

    /// A list of short labels, trimmed, without empties or repeats.
    public mutating func labels(_ values: [String]?, _ field: String, maxCount: Int = 50, required: Bool = false) -> [String] {
        let values = values ?? []
        if required && values.isEmpty { fail(field, "needs at least one entry") }
        if values.count > maxCount { fail(field, "may hold at most \(maxCount) entries") }
        var seen = Set<String>()
        var result: [String] = []
        for (index, raw) in values.enumerated() {
            let label = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if label.isEmpty || label.count > 100 {
                fail("\(field)[\(index)]", "must be 1 to 100 characters")
            } else if seen.insert(label.lowercased()).inserted {
                result.append(label)
            }
        }
        return result
    }

    /// Throws when any problem was found.
    public func check() throws(InvalidInput) {
        if !problems.isEmpty { throw InvalidInput(problems) }
    }
}
