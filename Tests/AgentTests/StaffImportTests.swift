import Agent
import Foundation
import KijkjeDomain
import Testing

@Suite("Staff import")
struct StaffImportTests {
    @Test("semicolons, a byte-order mark and Dutch column names are read; bad rows are reported by line and skipped")
    func readsHRExport() throws {
        let text =
            "\u{FEFF}Naam;E-mail;Functie;Vakken\r\nAnna de Vries;ANNA@school.nl;docent;wiskunde|natuurkunde\r\n"
            + ";zonder@school.nl;docent;\r\nBram;geen-adres;oop;\r\nCor;cor@school.nl;kok;\r\nDirk;anna@school.nl;teacher;\r\n"
            + "Eva;eva@school.nl;teamleider;\r\n"
        let imported = try StaffImport(text: text)
        #expect(imported.staff.map(\.email) == ["anna@school.nl", "eva@school.nl"])
        #expect(imported.staff[0].subjects == ["wiskunde", "natuurkunde"])
        #expect(imported.problems.map { $0.prefix(7) } == ["line 3:", "line 4:", "line 5:", "line 6:"])
        #expect(imported.headCounts == ["teacher": 1, "team_leader": 1])
    }

    @Test("comma-separated exports with English names work too; a file without the needed columns is refused whole")
    func commasAndMissingColumns() throws {
        let imported = try StaffImport(text: "name,email,role\nAnna,anna@school.nl,principal\n")
        #expect(imported.staff.count == 1 && imported.problems.isEmpty)
        #expect(throws: InvalidInput.self) { try StaffImport(text: "naam;adres\nAnna;anna@school.nl\n") }
    }
}
