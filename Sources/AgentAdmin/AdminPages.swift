import Agent
import Foundation
import Hummingbird
import KijkjeDomain
import KijkjeSync
import Mustache
import PageKit

/// The pages and forms of the administrator's web app. Before the agent has joined only `/join` answers; after
/// that every page but signing in needs a session, and every form its token.
struct AdminPages: Sendable {
    let home: AgentHome
    let sessions: AdminSessions
    let library: MustacheLibrary
    let secure: Bool
    let label: String

    static let sessionCookie = "kijkje_admin", formCookie = "kijkje_admin_form", languageCookie = "kijkje_admin_lang"

    func add(to router: Router<BasicRequestContext>) {
        router.get("/", use: overview)
        router.get("/join", use: joinPage)
        router.post("/join", use: join)
        router.get("/sign-in", use: signInPage)
        router.post("/sign-in", use: signIn)
        router.get("/sign-in/link/:token", use: linkPage)
        router.post("/sign-in/link", use: useLink)
        router.post("/sign-out", use: signOut)
        router.get("/language/:language", use: language)
        router.get("/staff", use: staff)
        router.post("/staff", use: uploadStaff)
        router.post("/staff/confirm", use: confirmStaff)
        router.get("/workshops", use: workshops)
        router.post("/workshops", use: addWorkshop)
        router.post("/workshops/:id/withdraw", use: withdrawWorkshop)
        router.post("/workshops/:id", use: editWorkshop)
        router.get("/offers", use: offers)
        router.post("/offers", use: addOffer)
        router.post("/offers/:id/withdraw", use: withdrawOffer)
        router.post("/offers/:id", use: editOffer)
        router.get("/enrolments", use: enrolments)
        router.post("/enrolments", use: enrol)
        router.get("/absences", use: absences)
        router.get("/absences.csv", use: absencesCSV)
        router.get("/invitations", use: invitations)
        router.post("/invitations", use: invite)
        router.get("/poster", use: poster)
        router.get("/admins", use: admins)
        router.post("/admins", use: addAdmin)
    }

    // MARK: Joining and signing in

    @Sendable func joinPage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard home.joined == nil else { return redirect("/") }
        return await withFormCookie(request) { form in await render("join", JoinModel(form: form), request) }
    }

    @Sendable func join(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard home.joined == nil else { return redirect("/") }
        let form = try await readForm(request)
        guard requireFormCookie(form, request) else { return await refusal(.formExpired, request) }
        var model = JoinModel(form: form["form"] ?? "", hub: form["hub"] ?? "", name: form["name"] ?? "", ca: form["ca"] ?? "")
        guard let url = URL(string: model.hub), url.scheme == "https" || url.scheme == "http", url.host != nil else {
            model.problem = words(request)["bad_hub"] ?? ""
            return await render("join", model, request, status: .unprocessableContent)
        }
        let password = form["password"] ?? ""
        guard password == form["password2"] else {
            model.problem = words(request)["passwords_differ"] ?? ""
            return await render("join", model, request, status: .unprocessableContent)
        }
        guard password.count >= AdminAccounts.minimumPassword, !model.name.isEmpty else {
            model.problem = words(request)["password_short"] ?? ""
            return await render("join", model, request, status: .unprocessableContent)
        }
        do {
            try await home.join(hub: url, code: form["code"] ?? "", caCertificate: model.ca.isEmpty ? nil : model.ca, label: label)
        } catch {
            model.problem = "\(error)"
            return await render("join", model, request, status: .unprocessableContent)
        }
        try home.accounts.add(name: model.name, password: password)
        return await signedIn(as: model.name, to: "/")
    }

    @Sendable func signInPage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard home.joined != nil else { return redirect("/join") }
        let none = home.accounts.names.isEmpty
        return await withFormCookie(request) { form in await render("sign-in", SignInModel(form: form, noAdmins: none), request) }
    }

    @Sendable func signIn(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let form = try await readForm(request)
        guard requireFormCookie(form, request) else { return await refusal(.formExpired, request) }
        guard let name = home.accounts.verify(name: form["name"] ?? "", password: form["password"] ?? "") else {
            var model = SignInModel(form: form["form"] ?? "", noAdmins: false)
            model.problem = words(request)["wrong_password"] ?? ""
            return await render("sign-in", model, request, status: .unauthorized)
        }
        return await signedIn(as: name, to: "/")
    }

    /// Opening a one-time link only shows a button (a link checker must not use it up).
    @Sendable func linkPage(_ request: Request, context: BasicRequestContext) async throws -> Response {
        await withFormCookie(request) { form in
            await render("link", LinkModel(form: form, token: context.parameters.get("token") ?? ""), request)
        }
    }

    @Sendable func useLink(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let form = try await readForm(request)
        guard requireFormCookie(form, request) else { return await refusal(.formExpired, request) }
        guard home.accounts.useLink(form["token"] ?? "") else {
            return await render("message", MessageModel(text: words(request)["link_invalid"] ?? ""), request, status: .gone)
        }
        return await signedIn(as: "admin-link", to: "/admins")
    }

    @Sendable func signOut(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (secret, _) = try await checked(request).map({ ($0.secret, $0.form) }) else {
            return await refusal(.signInFirst, request)
        }
        await sessions.end(secret)
        var response = redirect("/sign-in")
        response.setCookie(cookie(Self.sessionCookie, "", maxAge: 0))
        return response
    }

    @Sendable func language(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let language = Language(rawValue: context.parameters.get("language") ?? "") ?? .nl
        var response = redirect("/")
        response.setCookie(cookie(Self.languageCookie, language.rawValue, maxAge: 365 * 86_400))
        return response
    }

    // MARK: Pages of a signed-in administrator

    @Sendable func overview(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await signedIn(request) else { return redirect(home.joined == nil ? "/join" : "/sign-in") }
        return await render("overview", try OverviewModel(joined.folder, joined.replica, words: words(request)), request)
    }

    @Sendable func staff(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await signedIn(request) else { return redirect("/sign-in") }
        return await render("staff", StaffModel(staff: try joined.replica.staff(), preview: nil, words: words(request)), request)
    }

    /// An upload shows what it would do (the bad lines, the head counts) before it replaces the list.
    @Sendable func uploadStaff(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await signedIn(request) else { return redirect("/sign-in") }
        var request = request
        let body = Data(buffer: try await request.collectBody(upTo: 16 * 1024 * 1024))
        let fields = Multipart.fields(body, contentType: request.headers[.contentType] ?? "")
        guard let session = await sessions.session(request.cookies[Self.sessionCookie]?.value),
            FormFields.sameSecret(fields["csrf"] ?? "", session.csrf)
        else { return await refusal(.formExpired, request) }
        let text = (fields["file"] ?? "").isEmpty ? (fields["text"] ?? "") : (fields["file"] ?? "")
        do {
            let imported = try StaffImport(text: text)
            await sessions.setPendingStaff(text, for: request.cookies[Self.sessionCookie]?.value ?? "")
            return await render("staff", StaffModel(staff: try joined.replica.staff(), preview: imported, words: words(request)), request)
        } catch {
            return await render(
                "staff", StaffModel(staff: try joined.replica.staff(), preview: nil, words: words(request), problem: "\(error)"), request,
                status: .unprocessableContent)
        }
    }

    @Sendable func confirmStaff(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await checkedAndJoined(request), let secret = request.cookies[Self.sessionCookie]?.value else {
            return await refusal(.formExpired, request)
        }
        guard let text = await sessions.session(secret)?.pendingStaff, let imported = try? StaffImport(text: text) else {
            return redirect("/staff")
        }
        try joined.replica.replaceStaff(imported.staff)
        try joined.replica.enqueue(.headCounts(counts: imported.headCounts))
        await sessions.setPendingStaff(nil, for: secret)
        return redirect("/staff?saved=1")
    }

    @Sendable func workshops(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await signedIn(request) else { return redirect("/sign-in") }
        return await render(
            "workshops", try WorkshopsModel(joined.replica, school: joined.folder.settings.tenantId, words: words(request)), request)
    }

    @Sendable func addWorkshop(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, form) = try await checkedAndJoined(request) else { return await refusal(.formExpired, request) }
        let admin = SchoolAdmin(school: joined.folder.settings.tenantId, replica: joined.replica)
        let words = words(request)
        return try await change(
            request, then: "/workshops", page: "workshops",
            model: { try WorkshopsModel(joined.replica, school: joined.folder.settings.tenantId, words: words) }
        ) {
            guard let edition = try joined.replica.currentEdition() else {
                throw AdminRefusal.invalid("edition", "is not known here yet: wait for the first sync")
            }
            let day = Day(form["day"] ?? "")
            func time(_ field: String) throws -> Date {
                let parts = (form[field] ?? "").split(separator: ":").compactMap { Int($0) }
                guard let day, parts.count == 2 else { throw AdminRefusal.invalid(field, "needs a day and a time like 09:30") }
                return Calendar.networkCalendar.date(day, hour: parts[0], minute: parts[1])
            }
            try admin.putWorkshop(
                SessionDraft(
                    editionId: edition.id, tenantId: nil, title: form["title"], description: form["description"],
                    presenter: form["presenter"],
                    location: form["location"], startsAt: try time("start"), endsAt: try time("end"), capacity: Int(form["capacity"] ?? ""),
                    visibility: form["visibility"]))
        }
    }

    @Sendable func withdrawWorkshop(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await checkedAndJoined(request) else { return await refusal(.formExpired, request) }
        guard let id = UUID(uuidString: context.parameters.get("id") ?? "") else { return redirect("/workshops") }
        try SchoolAdmin(school: joined.folder.settings.tenantId, replica: joined.replica).withdrawWorkshop(id)
        return redirect("/workshops")
    }

    @Sendable func enrolments(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await signedIn(request) else { return redirect("/sign-in") }
        return await render("enrolments", try EnrolmentsModel(joined.replica, school: joined.folder.settings.tenantId), request)
    }

    @Sendable func enrol(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, form) = try await checkedAndJoined(request) else { return await refusal(.formExpired, request) }
        return try await change(
            request, then: "/enrolments", page: "enrolments",
            model: { try EnrolmentsModel(joined.replica, school: joined.folder.settings.tenantId) }
        ) {
            try SchoolAdmin(school: joined.folder.settings.tenantId, replica: joined.replica)
                .enrol(email: form["email"] ?? "", session: form["session"] ?? "")
        }
    }

    @Sendable func absences(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await signedIn(request) else { return redirect("/sign-in") }
        return await render("absences", AbsencesModel(try absenceList(joined)), request)
    }

    @Sendable func absencesCSV(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (joined, _) = try await signedIn(request) else { return redirect("/sign-in") }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"afwezig.csv\""],
            body: .init(byteBuffer: ByteBuffer(string: Absence.csv(try absenceList(joined)))))
    }

    func absenceList(_ joined: (folder: AgentFolder, replica: Replica)) throws -> [Absence] {
        try joined.replica.rows(.edition, as: Edition.self).values.sorted { $0.year < $1.year }.flatMap {
            try Absence.list(in: joined.replica, school: joined.folder.settings.tenantId, edition: $0)
        }
    }

    @Sendable func admins(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard try await signedIn(request) != nil else { return redirect("/sign-in") }
        return await render("admins", AdminsModel(names: home.accounts.names), request)
    }

    @Sendable func addAdmin(_ request: Request, context: BasicRequestContext) async throws -> Response {
        guard let (_, form) = try await checkedAndJoined(request) else { return await refusal(.formExpired, request) }
        return try await change(request, then: "/admins", page: "admins", model: { AdminsModel(names: home.accounts.names) }) {
            guard form["password"] == form["password2"] else { throw AdminRefusal.invalid("password", "differs from its repetition") }
            try home.accounts.add(name: form["name"] ?? "", password: form["password"] ?? "")
        }
    }

    // MARK: Sessions and forms

    /// Makes a change and goes to `path`; when it is refused, shows `template` again with the reason.
    func change<Model: ShowsProblem>(
        _ request: Request, then path: String, page template: String, model: () throws -> Model, _ change: () throws -> Void
    ) async throws -> Response {
        do {
            try change()
            return redirect(path)
        } catch {
            var shown = try model()
            shown.problem = (error as? InvalidInput)?.summary ?? "\(error)"
            return await render(template, shown, request, status: .unprocessableContent)
        }
    }

    /// The joined agent and the session's secret, when the request carries a live session.
    func signedIn(_ request: Request) async throws -> ((folder: AgentFolder, replica: Replica), String)? {
        guard let joined = home.joined, let secret = request.cookies[Self.sessionCookie]?.value,
            await sessions.session(secret) != nil
        else { return nil }
        return (joined, secret)
    }

    /// As `signedIn`, for a form: its body must carry the session's token.
    func checkedAndJoined(_ request: Request) async throws -> (joined: (folder: AgentFolder, replica: Replica), form: [String: String])? {
        guard let (joined, secret) = try await signedIn(request), let checked = try await checked(request), checked.secret == secret
        else { return nil }
        return (joined, checked.form)
    }

    /// The session's secret and the form, when the form carries the session's token.
    func checked(_ request: Request) async throws -> (secret: String, form: [String: String])? {
        guard let secret = request.cookies[Self.sessionCookie]?.value, let session = await sessions.session(secret) else { return nil }
        let form = try await readForm(request)
        guard FormFields.sameSecret(form["csrf"] ?? "", session.csrf) else { return nil }
        return (secret, form)
    }

    func readForm(_ request: Request) async throws -> [String: String] {
        var request = request
        let body = try await request.collectBody(upTo: 1024 * 1024)
        return FormFields.parse(String(buffer: body)).compactMapValues { $0.first?.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func requireFormCookie(_ form: [String: String], _ request: Request) -> Bool {
        guard let expected = request.cookies[Self.formCookie]?.value else { return false }
        return FormFields.sameSecret(form["form"] ?? "", expected)
    }

    func signedIn(as name: String, to path: String) async -> Response {
        let secret = await sessions.start(name: name)
        var response = redirect(path)
        response.setCookie(cookie(Self.sessionCookie, secret, maxAge: Int(AdminSessions.lifetime)))
        return response
    }

    func withFormCookie(_ request: Request, _ page: (String) async -> Response) async -> Response {
        let token = request.cookies[Self.formCookie]?.value ?? AdminSessions.secret()
        var response = await page(token)
        response.setCookie(cookie(Self.formCookie, token, maxAge: 3600))
        return response
    }

    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func redirect(_ path: String) -> Response { Response(status: .seeOther, headers: [.location: path]) }

    func refusal(_ refusal: AdminRefusal, _ request: Request) async -> Response {
        await render(
            "message", MessageModel(text: words(request)[refusal == .signInFirst ? "sign_in_first" : "form_expired"] ?? ""), request,
            status: .forbidden)
    }

    // MARK: Rendering

    func words(_ request: Request) -> [String: String] { AdminText.words(language(request)) }

    func language(_ request: Request) -> Language { Language(rawValue: request.cookies[Self.languageCookie]?.value ?? "") ?? .nl }

    /// A page: the model's values, the words, the language and the session's form token, in the layout.
    func render(_ template: String, _ model: some Encodable, _ request: Request, status: HTTPResponse.Status = .ok) async -> Response {
        let language = language(request)
        var values = (try? TemplateValues.of(model)) ?? [:]
        values["t"] = AdminText.words(language)
        values["lang"] = language.rawValue
        values["otherLang"] = language == .nl ? "en" : "nl"
        let session = await sessions.session(request.cookies[Self.sessionCookie]?.value)
        values["signedIn"] = session != nil
        if let session { values["csrf"] = session.csrf }
        let html = library.render(values, withTemplate: template) ?? "template \(template) is missing"
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
