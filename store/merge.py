"""Where versions before 0.2 registered the merge driver (``.git/config``'s
``merge.accord.driver`` runs this file by its path): a clone set up then
still merges under a plain ``git pull``.  ``accord sync`` or ``accord doctor
--fix`` points the config at ``store/team/merge.py``."""
if __name__ == "__main__":
    import os
    import sys
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    sys.path.insert(0, os.path.dirname(here))
    from store.team.merge import main
    sys.exit(main())
