"""The one layer that runs git: the git process, GitRepo, config, tags, the log stream."""
