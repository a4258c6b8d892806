import Foundation
import Hummingbird
import HubStore

/// The staff portal and the organisers' pages: server-rendered HTML that works without JavaScript, Dutch by
/// default and English by choice. The pages call the same store and domain operations as the JSON API.
struct Portal {
    let store: any HubStore
    let pages: PortalPages
    let settings: PortalSettings
    let mail: ShadowMail
    let invitationDays: Int

    func add(to router: Router<HubContext>) {
        let portal = router.group().add(middleware: PortalMiddleware(store: store, pages: pages))
        portal.get("/") { _, context in
            guard let session = context.visitor.session else { return PortalPages.redirect("/sign-in") }
            return PortalPages.redirect(session.personId != nil ? "/catalogue" : "/organiser")
        }
        PortalSignIn(store: store, pages: pages, settings: settings).add(to: portal)
        CataloguePages(store: store, pages: pages).add(to: portal)
        ShadowPages(store: store, pages: pages, mail: mail).add(to: portal)
        WeekPages(store: store, pages: pages, settings: settings).add(to: portal)
        AccountPages(store: store, pages: pages, settings: settings).add(to: portal)
        OrganiserPages(store: store, pages: pages, mail: mail, invitationDays: invitationDays).add(to: portal)
    }
}
