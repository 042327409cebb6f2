"""A warm process that ``python -m baocao`` hands its command to (issue 18).

``python -m baocao warm`` (:mod:`baocao.warm.server`) imports what a command needs,
builds the report types' validators and prepares the templates once, then listens on
a Unix socket in a private folder.  ``python -m baocao …`` (:mod:`baocao.warm.client`,
stdlib C modules only) finds the server of *this* installation
(:mod:`baocao.warm.installation`), passes it argv, cwd, environment and its own
stdin/stdout/stderr (SCM_RIGHTS); the server forks a child that runs
:func:`baocao.cli.main` on them and sends back the exit status.  When no server
answers, the client runs the command itself, as without it.

The modules here are imported by the client before anything else: keep their imports
to the interpreter's built-in modules.
"""
