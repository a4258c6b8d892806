import Crypto
import Foundation
import SwiftASN1
import X509

/// A private CA and a server certificate for localhost and 127.0.0.1 it signed, written as PEM files.
public struct TestCertificates: Sendable {
    public let directory: URL
    public var caCertificatePath: String { directory.appendingPathComponent("ca.pem").path }
    public var serverCertificatePath: String { directory.appendingPathComponent("server.pem").path }
    public var serverKeyPath: String { directory.appendingPathComponent("server-key.pem").path }
    public let caPEM: String

    /// Makes a fresh CA and server certificate in a new temporary folder.
    public static func make() throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("Kijkje Test CA") }
        let ca = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(86_400),
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: .init(caKey))
        let serverKey = P256.Signing.PrivateKey()
        let server = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(serverKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(86_400),
            issuer: caName, subject: try DistinguishedName { CommonName("localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames([.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            },
            issuerPrivateKey: .init(caKey))
        let caPEM = try ca.serializeAsPEM().pemString
        let certificates = TestCertificates(directory: directory, caPEM: caPEM)
        try caPEM.write(toFile: certificates.caCertificatePath, atomically: true, encoding: .utf8)
        try server.serializeAsPEM().pemString.write(toFile: certificates.serverCertificatePath, atomically: true, encoding: .utf8)
        try serverKey.pemRepresentation.write(toFile: certificates.serverKeyPath, atomically: true, encoding: .utf8)
        return certificates
    }
}
