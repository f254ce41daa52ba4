"""The names of the formats entitylist reads and writes, for interfaces that list them in their help
without loading the readers and writers (a test checks them against the importers and exporters)."""

IMPORT_FORMATS = ("csl", "sdn", "ftm", "fr-rule")
EXPORT_FORMATS = ("csv", "json", "ftm")
