import Foundation

/// Whose rows the current task works on, for PostgreSQL's row-level security: the network a request's caller acts in,
/// set once by the door the request came through. Work outside any request's network (signing in, the scheduler, the
/// mail courier, migrations) runs unscoped, which the PostgreSQL driver tells the database as `kijkje.system`.
public enum RowScope {
    @TaskLocal public static var network: UUID?
}
