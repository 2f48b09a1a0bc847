"""``clausecheck serve``: a local web page where a writer drops a contract and reads the report.

:func:`~clausecheck.serve.app.create_app` builds the Flask app; :func:`~clausecheck.serve.server.run`
binds it to loopback and serves it until Ctrl-C.
"""
