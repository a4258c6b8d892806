import Foundation

/// Asking for a sign-in link. `form` is the browser's form cookie, carried back; `next` where to go afterwards.
struct SignInPage: PortalPage {
    static let template = "sign-in", title = "sign_in"
    var form: String
    var next: String
    /// Why the reader landed here (a page needed signing in first).
    var notice = ""
}

/// Confirming a sign-in link: a button, so a mail scanner opening the link does not use it up.
struct SignInConfirmPage: PortalPage {
    static let template = "sign-in-confirm", title = "sign_in"
    var token: String
    var form: String
    var next: String
}

/// Where the link went.
struct LinkSentPage: PortalPage {
    static let template = "link-sent", title = "sign_in"
    var email: String
}

/// Something went wrong: what, line by line, and the way back.
struct ErrorPage: PortalPage {
    static let template = "error", title = "problem"
    var heading: String
    var lines: [String]
    var back: String
}
