import Foundation
import KijkjeDomain
import KijkjeSync
import SwiftCSV

/// The school's HR export read into a staff list: name, email, role, subjects; comma or semicolon separated,
/// UTF-8 with or without a byte-order mark; English or Dutch column names. Bad rows are reported by line and skipped.
public struct StaffImport: Sendable {
    public var staff: [StaffMember]
    /// "line N: what is wrong", for every row that was skipped.
    public var problems: [String]

    /// Head counts per role, the only part of the list that leaves the school.
    public var headCounts: [String: Int] {
        staff.reduce(into: [:]) { $0[$1.role, default: 0] += 1 }
    }

    static let columns: [String: String] = [
        "name": "name", "naam": "name", "email": "email", "e-mail": "email", "mail": "email", "role": "role",
        "functie": "role", "rol": "role", "subjects": "subjects", "vakken": "subjects", "vak": "subjects",
    ]

    static let roleWords: [String: Role] = [
        "docent": .teacher, "leraar": .teacher, "oop": .supportStaff, "onderwijsondersteuner": .supportStaff,
        "teamleider": .teamLeader, "afdelingsleider": .teamLeader, "directeur": .principal, "rector": .principal,
        "bestuurder": .boardMember, "overig": .other,
    ]

    public init(text: String) throws(InvalidInput) {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: body, delimiter: CSVDelimiter.guessed(string: body), loadColumns: false)
        } catch {
            throw InvalidInput(field: "file", message: "is not readable as CSV: \(error)")
        }
        var index: [String: Int] = [:]
        for (position, header) in csv.header.enumerated() {
            if let column = Self.columns[header.trimmingCharacters(in: .whitespaces).lowercased()] { index[column] = position }
        }
        let missing = ["name", "email", "role"].filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw InvalidInput(
                field: "header", message: "line 1 needs the columns name, email and role (missing: \(missing.joined(separator: ", ")))")
        }
        var staff: [StaffMember] = []
        var problems: [String] = []
        var seen: [String: Int] = [:]
        for (offset, fields) in csv.rows.enumerated() {
            let line = offset + 2
            func field(_ name: String) -> String {
                guard let at = index[name], at < fields.count else { return "" }
                return fields[at].trimmingCharacters(in: .whitespaces)
            }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let name = field("name"), email = Person.canonicalAddress(field("email")), roleText = field("role").lowercased()
            var wrong: [String] = []
            if name.isEmpty { wrong.append("name is empty") }
            if !Person.looksLikeMailAddress(email) { wrong.append("email '\(email)' is not a mail address") }
            let role = Role(rawValue: roleText.replacingOccurrences(of: " ", with: "_")) ?? Self.roleWords[roleText]
            if role == nil { wrong.append("role '\(roleText)' is not one of \(Role.accepted) (or docent, oop, teamleider, directeur)") }
            if let earlier = seen[email], !email.isEmpty { wrong.append("email \(email) was already on line \(earlier)") }
            guard wrong.isEmpty, let role else {
                problems.append("line \(line): " + wrong.joined(separator: "; "))
                continue
            }
            seen[email] = line
            let subjects = field("subjects").split(whereSeparator: { "|/,".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            staff.append(StaffMember(name: name, email: email, role: role.rawValue, subjects: subjects))
        }
        self.staff = staff
        self.problems = problems
    }
}
