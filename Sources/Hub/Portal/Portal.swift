import Foundation
import Hummingbird
import HubStore

/// The staff portal and the organisers' pages: server-rendered HTML that works without JavaScript, Dutch by
/// default and English by choice. The pages call the same store and domain operations as the JSON API.
struct Portal {
    let operations: Operations
    let pages: PortalPages
    let settings: PortalSettings

    func add(to router: Router<HubContext>) {
        let portal = router.group().add(middleware: PortalMiddleware(store: operations.store, pages: pages))
        PortalSignIn(operations: operations, pages: pages, settings: settings).add(to: portal)
        MailLinkPages(operations: operations, pages: pages).add(to: portal)
        let staff = portal.group(for: StaffDoor.self)
        CataloguePages(operations: operations, pages: pages).add(to: staff)
        ShadowPages(operations: operations, pages: pages).add(to: staff)
        WeekPages(operations: operations, pages: pages, settings: settings).add(to: staff, anonymous: portal)
        AccountPages(operations: operations, pages: pages, settings: settings).add(to: staff)
        OrganiserPages(operations: operations, pages: pages, settings: settings).add(to: portal.group(for: OrganiserPageDoor.self))
    }
}
