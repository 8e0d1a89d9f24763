-- Graceful preemption: how long a preempted deployment may take to stop before its capacity moves (0: at once).
ALTER TABLE clusters
    ADD COLUMN preemption_grace_seconds INTEGER NOT NULL DEFAULT 0
        CHECK (preemption_grace_seconds BETWEEN 0 AND 600);
