import Foundation
import Hummingbird
import HubStore
import KijkjeDomain

/// A caller whose work lies inside one network (nil: the operator, whose work spans them).
protocol RowScoped {
    var scopedNetwork: UUID? { get }
}

extension Organiser: RowScoped { var scopedNetwork: UUID? { networkId } }
extension Staff: RowScoped { var scopedNetwork: UUID? { networkId } }
extension AgentIdentity: RowScoped { var scopedNetwork: UUID? { networkId } }
extension Operator: RowScoped { var scopedNetwork: UUID? { nil } }

extension Principal: RowScoped {
    var scopedNetwork: UUID? {
        switch self {
        case .operatorAccount: nil
        case .organiser(let networkId), .agent(_, let networkId): networkId
        }
    }
}

/// Runs a group's handlers in the network its caller acts in (`RowScope`), so that on PostgreSQL row-level security
/// shows them that network's rows and no other, whatever a query itself asks.
struct NetworkScope<Entry: Door>: RouterMiddleware where Entry.Caller: RowScoped {
    typealias Context = CallerContext<Entry>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let network = context.caller.scopedNetwork else { return try await next(request, context) }
        return try await RowScope.$network.withValue(network) { try await next(request, context) }
    }
}

extension RouterMethods {
    /// A group of routes for one kind of caller, its handlers run in the caller's network (see `NetworkScope`).
    func group<Entry: Door>(for entry: Entry.Type) -> RouterGroup<CallerContext<Entry>>
    where Context == HubContext, Entry.Caller: RowScoped {
        group(context: CallerContext<Entry>.self).add(middleware: NetworkScope<Entry>())
    }
}
