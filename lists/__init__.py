"""What every list of the site shares, whichever app owns the list: the generic filter
machinery (`lists.filters`), the declaration of a list and the registry of them all
(`lists.registry`), and the base of the HTML list pages (`lists.views`).

Not an app: it has no models. The apps declare their lists here (`deals.lists`,
`countries.lists`), and the pages, the API and the downloads read them from the registry.
"""
