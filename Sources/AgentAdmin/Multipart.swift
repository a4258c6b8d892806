import Foundation

/// The fields of a `multipart/form-data` body (a file upload), each by its name; a file's field holds its text.
enum Multipart {
    static func fields(_ body: Data, contentType: String) -> [String: String] {
        guard let boundaryRange = contentType.range(of: "boundary=") else { return [:] }
        let boundary = String(contentType[boundaryRange.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let delimiter = Data("--\(boundary)".utf8), headerEnd = Data("\r\n\r\n".utf8)
        var fields: [String: String] = [:]
        var start = body.startIndex
        var parts: [Data] = []
        while let found = body.range(of: delimiter, in: start..<body.endIndex) {
            if start != body.startIndex { parts.append(body[start..<found.lowerBound]) }
            start = found.upperBound
        }
        for part in parts {
            guard let split = part.range(of: headerEnd) else { continue }
            let headers = String(decoding: part[part.startIndex..<split.lowerBound], as: UTF8.self)
            guard let nameRange = headers.range(of: "name=\"") else { continue }
            let name = String(headers[nameRange.upperBound...].prefix { $0 != "\"" })
            var value = part[split.upperBound...]
            if value.suffix(2) == Data("\r\n".utf8) { value = value.dropLast(2) }
            fields[name] = String(decoding: value, as: UTF8.self)
        }
        return fields
    }
}
