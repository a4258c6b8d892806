// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "kijkje",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kijkje-hub", targets: ["kijkje-hub"]),
        .executable(name: "kijkje-agent", targets: ["kijkje-agent"]),
        .executable(name: "kijkje-bench", targets: ["kijkje-bench"]),
        .executable(name: "kijkje-fuzz", targets: ["kijkje-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    ],
    targets: [
        .target(name: "KijkjeDomain", swiftSettings: strict),
        .target(name: "KijkjeSync", dependencies: ["KijkjeDomain"], swiftSettings: strict),
        .target(name: "KijkjeMatching", swiftSettings: strict),
        // libcurl for SMTP, loaded at run time from the system's libcurl.so.4 (no headers needed to build).
        .target(name: "CKijkjeCurl", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "HubStore",
            dependencies: ["KijkjeDomain", "KijkjeSync", "KijkjeMatching", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "HubStoreSQLite",
            dependencies: ["HubStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(
            name: "HubStorePostgres",
            dependencies: ["HubStore", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strict
        ),
        .target(
            name: "Mailing", dependencies: ["KijkjeDomain", "CKijkjeCurl"], swiftSettings: strict
        ),
        .target(
            name: "PageKit",
            dependencies: [.product(name: "Mustache", package: "swift-mustache"), .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(
            name: "Hub",
            dependencies: [
                "KijkjeDomain", "KijkjeSync", "KijkjeMatching", "HubStore", "HubStoreSQLite", "HubStorePostgres", "CKijkjeCurl", "PageKit",
                "Mailing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: strict
        ),
        .target(
            name: "Demo",
            dependencies: [
                "Hub", "Agent", "AgentAdmin", "Mailing", "HubStore", "KijkjeDomain", "KijkjeSync", "KijkjeMatching",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kijkje-hub",
            dependencies: ["Hub", "Demo", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .target(
            name: "Agent",
            dependencies: [
                "KijkjeDomain", "KijkjeSync",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AgentAdmin",
            dependencies: [
                "Agent", "KijkjeDomain", "KijkjeSync", "PageKit", "Mailing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kijkje-agent",
            dependencies: [
                "Agent", "AgentAdmin", "Mailing", "KijkjeDomain", "KijkjeSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kijkje-bench",
            dependencies: [
                "KijkjeMatching", "Hub", "HubStore", "HubStorePostgres", "HubStoreSQLite", "Agent", "KijkjeTestSupport",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(name: "KijkjeFuzzTargets", dependencies: ["Hub", "Agent", "KijkjeDomain", "KijkjeSync"], swiftSettings: strict),
        .executableTarget(name: "kijkje-fuzz", dependencies: ["KijkjeFuzzTargets"], swiftSettings: strict),
        .target(
            name: "KijkjeTestSupport",
            dependencies: [
                "HubStore", "HubStoreSQLite", "HubStorePostgres", "KijkjeDomain", "KijkjeMatching", "KijkjeSync",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/KijkjeTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "AgentTests",
            dependencies: [
                "Agent", "AgentAdmin", "Mailing", "Hub", "KijkjeTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DemoTests",
            dependencies: [
                "Demo", "Hub", "HubStore", "HubStoreSQLite", "KijkjeTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "KijkjeDomainTests", dependencies: ["KijkjeDomain"], swiftSettings: strict),
        .testTarget(name: "KijkjeMatchingTests", dependencies: ["KijkjeMatching", "KijkjeTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "HubStoreTests",
            dependencies: ["HubStore", "KijkjeTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HubTests",
            dependencies: [
                "Hub", "PageKit", "KijkjeTestSupport", "KijkjeFuzzTargets", "HubStorePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
    ]
)
