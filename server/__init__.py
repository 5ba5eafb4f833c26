"""The linked-data server: a read-only SPARQL endpoint, dereferenceable URIs and HTML pages.

`medkg serve` runs :func:`medkg.server.app.create_app` on uvicorn. Queries never run in the web
process: pyoxigraph cannot interrupt a query, so they run in worker processes that the server
kills when a query outlives its time limit (see :mod:`medkg.server.workers`).
"""
