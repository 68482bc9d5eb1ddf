"""Mail to contacts: who gets it, their address blocks, label sheets, envelopes, My record, and
the history a mailing leaves. No Qt: the command line and the window share all of it."""
