import Crypto
import Foundation
import KijkjeDomain

/// Bearer tokens and invitation codes: 256 random bits behind a recognisable prefix, stored only as a SHA-256 hash.
public enum Secret {
    /// Prefixes say what a token is when it turns up in a log or a paste.
    public enum Kind: String, Sendable {
        case operatorToken = "kjk_op_"
        case organiserToken = "kjk_org_"
        case agentToken = "kjk_agt_"
        case invitationCode = "kjk_inv_"
        case signInLink = "kjk_in_"
        case webSession = "kjk_ses_"
        case calendarFeed = "kjk_cal_"
        case formToken = "kjk_frm_"
        case mailLink = "kjk_ml_"
    }

    /// A new secret of `kind` and the hash under which it is stored.
    public static func make(_ kind: Kind) -> (secret: String, hash: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let body = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let secret = kind.rawValue + body
        return (secret, hash(secret))
    }

    /// The stored form of a secret.
    public static func hash(_ secret: String) -> String { Digits.hex(SHA256.hash(data: Data(secret.utf8))) }
}

extension Date {
    /// This moment cut to whole milliseconds, the precision both stores keep.
    public var roundedToMillis: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
