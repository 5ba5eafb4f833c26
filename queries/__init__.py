"""The SPARQL query catalog: one ``.rq`` file per question, with a header saying what it answers."""
