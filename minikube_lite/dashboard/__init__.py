"""``mkl dashboard``: a local web page over the simulated cluster (issue 17, minikube's dashboard).

A front-end like ``cli``, one rank below it: ``cli/cmd_dashboard.py`` parses the flags, prints the
URL and starts ``server.serve``; nothing else imports this package.  ``state.py`` turns one look
at the cluster into the JSON the page draws (pure), ``server.py`` is the HTTP server (stdlib
``http.server``) and the watcher that takes those looks, ``static/`` the page itself (HTML, CSS
and a script, shipped as package data: no build step, nothing fetched from elsewhere).
"""
