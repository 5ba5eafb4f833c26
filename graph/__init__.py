"""The store and the build: curated sources in, a validated dataset and its dumps out."""
