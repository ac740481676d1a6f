"""Every text the product shows, in Vietnamese and English: ``catalogue.toml``, looked up by
``i18n.catalogue.tr``. The lowest floor: anything may use it, it uses nothing of the product."""
