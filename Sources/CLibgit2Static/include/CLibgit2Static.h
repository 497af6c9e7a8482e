// Stand-ins for what only libgit2's own network transports need; see libgit2_static.c.
