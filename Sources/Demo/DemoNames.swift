import Foundation
import KijkjeDomain

/// The words the demo network is made of: towns of Gelderland with their coordinates, school names, people,
/// subjects and the workshops a career week offers. Invented, but the way such a network looks.
enum DemoNames {
    struct Town { let name: String; let latitude: Double; let longitude: Double; let size: Int }

    /// Towns in Gelderland; `size` is how many schools a town of that size usually has.
    static let towns: [Town] = [
        Town(name: "Arnhem", latitude: 51.985, longitude: 5.899, size: 4),
        Town(name: "Nijmegen", latitude: 51.842, longitude: 5.853, size: 4),
        Town(name: "Apeldoorn", latitude: 52.211, longitude: 5.969, size: 3),
        Town(name: "Ede", latitude: 52.040, longitude: 5.665, size: 2),
        Town(name: "Doetinchem", latitude: 51.965, longitude: 6.289, size: 2),
        Town(name: "Harderwijk", latitude: 52.342, longitude: 5.620, size: 1),
        Town(name: "Zutphen", latitude: 52.138, longitude: 6.201, size: 2), Town(name: "Tiel", latitude: 51.886, longitude: 5.429, size: 1),
        Town(name: "Wageningen", latitude: 51.970, longitude: 5.665, size: 1),
        Town(name: "Winterswijk", latitude: 51.972, longitude: 6.719, size: 1),
        Town(name: "Barneveld", latitude: 52.140, longitude: 5.585, size: 1),
        Town(name: "Culemborg", latitude: 51.955, longitude: 5.227, size: 1),
        Town(name: "Zevenaar", latitude: 51.930, longitude: 6.071, size: 1),
        Town(name: "Wijchen", latitude: 51.809, longitude: 5.725, size: 1),
        Town(name: "Elburg", latitude: 52.447, longitude: 5.834, size: 1), Town(name: "Epe", latitude: 52.347, longitude: 5.983, size: 1),
        Town(name: "Lochem", latitude: 52.160, longitude: 6.414, size: 1),
        Town(name: "Groenlo", latitude: 52.042, longitude: 6.612, size: 1),
        Town(name: "Velp", latitude: 51.995, longitude: 5.974, size: 1),
        Town(name: "Zaltbommel", latitude: 51.810, longitude: 5.249, size: 1),
        Town(name: "Nijkerk", latitude: 52.220, longitude: 5.486, size: 1),
        Town(name: "Ermelo", latitude: 52.300, longitude: 5.621, size: 1),
        Town(name: "Druten", latitude: 51.889, longitude: 5.606, size: 1),
        Town(name: "Duiven", latitude: 51.947, longitude: 6.015, size: 1),
        Town(name: "Aalten", latitude: 51.925, longitude: 6.581, size: 1),
        Town(name: "Dieren", latitude: 52.052, longitude: 6.101, size: 1),
        Town(name: "Putten", latitude: 52.259, longitude: 5.606, size: 1),
        Town(name: "Geldermalsen", latitude: 51.881, longitude: 5.289, size: 1),
        Town(name: "Hattem", latitude: 52.475, longitude: 6.063, size: 1), Town(name: "Ulft", latitude: 51.893, longitude: 6.380, size: 1),
        Town(name: "Lichtenvoorde", latitude: 51.987, longitude: 6.566, size: 1),
        Town(name: "Doesburg", latitude: 52.012, longitude: 6.139, size: 1),
        Town(name: "Beuningen", latitude: 51.861, longitude: 5.767, size: 1),
        Town(name: "Borculo", latitude: 52.116, longitude: 6.522, size: 1),
    ]

    /// School names; a town's name follows where the name needs it ("Christelijk Lyceum Zutphen").
    static let schools: [(name: String, withTown: Bool, type: SchoolType)] = [
        ("Stedelijk Gymnasium", true, .havoVwo), ("Christelijk Lyceum", true, .havoVwo), ("Het Baken", false, .vmbo),
        ("De Linde", false, .havoVwo), ("Montessori College", true, .havoVwo), ("Dalton Lyceum", true, .havoVwo),
        ("Veluws College", false, .havoVwo), ("Liemers Lyceum", false, .havoVwo), ("Achterhoek College", false, .vmbo),
        ("Betuwe College", false, .vmbo), ("IJssel College", false, .havoVwo), ("Rijncollege", true, .havoVwo),
        ("Waallyceum", false, .havoVwo), ("Het Kompas", false, .vmbo), ("De Ring", false, .vmbo), ("Het Vlier", false, .havoVwo),
        ("Karel de Grote College", false, .havoVwo), ("Thomas a Kempis College", false, .havoVwo), ("Erasmus College", true, .havoVwo),
        ("Spinoza Lyceum", true, .havoVwo), ("Comenius College", true, .vmbo), ("Titus Brandsma School", true, .vmbo),
        ("Anna van Rijn College", false, .havoVwo), ("Hanzecollege", true, .vmbo), ("Het Element", false, .vmbo),
        ("Lorentz Lyceum", true, .havoVwo), ("Vrije School", true, .havoVwo), ("Groene Campus", true, .vmbo),
        ("Mariënbosch", false, .havoVwo), ("Sint-Jozefschool", true, .special), ("De Breul", false, .havoVwo),
        ("Het Hooghe Land", false, .havoVwo), ("Technasium", true, .havoVwo), ("Praktijkschool", true, .special),
        ("Isendoorn College", false, .havoVwo), ("Kandinsky College", false, .vmbo),
    ]

    /// Schools from outside the network that join as guests.
    static let guests: [(name: String, type: SchoolType)] = [
        ("ROC Rijn IJssel", .mbo), ("Basisschool De Regenboog", .primary), ("Graafschap College", .mbo),
        ("Kindcentrum De Wingerd", .primary),
    ]

    static let firstNames = [
        "Anne", "Bram", "Daan", "Emma", "Eva", "Fleur", "Hanna", "Jeroen", "Joost", "Julia", "Kim", "Lars", "Lisa", "Marieke",
        "Mark", "Niels", "Noor", "Pieter", "Roos", "Sanne", "Sophie", "Thijs", "Tom", "Wouter", "Yara", "Ahmed", "Fatima",
        "Mohamed", "Esra", "Koen", "Linda", "Martijn", "Ingrid", "Hans", "Petra", "Bas", "Iris", "Ruben", "Sara", "Femke",
    ]

    static let lastNames = [
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
        "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "Vermeulen", "van den Heuvel", "Yılmaz",
        "El Amrani", "Hoekstra", "Willems", "Maas", "Verhoeven", "Kuipers", "Postma", "Koster", "Prins", "Huisman",
    ]

    static let subjects = [
        "nederlands", "engels", "wiskunde", "biologie", "geschiedenis", "aardrijkskunde", "economie", "natuurkunde",
        "scheikunde", "lichamelijke opvoeding", "kunst", "duits", "frans", "informatica", "maatschappijleer",
    ]

    /// Role words as an HR export writes them, with how often each occurs among staff.
    static let roles: [(word: String, role: Role, share: Double)] = [
        ("docent", .teacher, 0.70), ("oop", .supportStaff, 0.19), ("teamleider", .teamLeader, 0.07),
        ("directeur", .principal, 0.03), ("bestuurder", .boardMember, 0.01),
    ]

    static let workshops: [(title: String, topics: [String])] = [
        ("Formatief handelen in de klas", ["didactiek", "toetsing"]), ("AI in de les: kansen en grenzen", ["ict", "ai"]),
        ("Omgaan met onrust in de klas", ["klassenmanagement"]), ("Taalgericht vakonderwijs", ["taal", "didactiek"]),
        ("Leerlingen met autisme begeleiden", ["passend onderwijs"]), ("Mentorgesprekken die werken", ["mentoraat"]),
        ("Van vmbo naar mbo: doorlopende leerlijnen", ["loopbaan"]), ("Burgerschap in elk vak", ["burgerschap"]),
        ("Toetsen zonder cijfers", ["toetsing"]), ("Samen lesgeven: co-teaching", ["samenwerking"]),
        ("Werkdruk: wat helpt echt?", ["welzijn"]), ("Lesson study in de sectie", ["professionalisering"]),
        ("De gesprekkencyclus als teamleider", ["leiderschap"]), ("Roosteren met minder mensen", ["organisatie"]),
        ("Het technieklokaal van morgen", ["techniek"]), ("Differentiëren met adaptieve software", ["ict", "differentiatie"]),
        ("Kansengelijkheid in de brugklas", ["kansengelijkheid"]), ("Ouders als partners", ["ouderbetrokkenheid"]),
        ("Feedback van leerlingen op je les", ["feedback"]), ("Stem en presentatie voor docenten", ["vaardigheden"]),
        ("Nieuwkomers in de klas", ["taal", "passend onderwijs"]), ("Buiten lesgeven", ["didactiek"]),
        ("Examentraining die beklijft", ["toetsing"]), ("Gezonde school: bewegen en voeding", ["welzijn"]),
        ("Het OOP als spil van de school", ["organisatie"]), ("Debatteren in de les", ["burgerschap", "taal"]),
        ("Leren met escaperooms", ["didactiek", "spel"]), ("Begeleiden van startende docenten", ["professionalisering"]),
        ("Van cijfers naar gesprek: data in de school", ["leiderschap", "data"]), ("Rekenen in alle vakken", ["rekenen"]),
    ]

    static let motivations = [
        "Ik wil zien hoe een andere school dit aanpakt.", "Ik denk na over een volgende stap in mijn loopbaan.",
        "Wij starten volgend jaar met iets vergelijkbaars.", "Ik ben benieuwd naar de dag van een collega in een andere rol.",
    ]

    /// A mail-safe word for a name: lower case, no spaces or accents.
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }.map(Character.init))
    }
}
