"""The command line: thin click commands over ``defgraph.api``, one module per command group."""
