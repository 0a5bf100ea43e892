"""The analyst's command line. Imports the library lazily so `--help` stays instant."""
