import Foundation

/// The languages Kijkje speaks to people in, pages and mail alike: Dutch by default, English by choice.
public enum Language: String, Sendable, Codable, CaseIterable {
    case nl, en

    /// The locale dates are written in.
    public var locale: Locale { Locale(identifier: self == .nl ? "nl_NL" : "en_GB") }
}
