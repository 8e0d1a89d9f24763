-- How cluster_versions is used now (V3's comment predates it): a change to a cluster's deployments takes the
-- cluster's transaction-scoped advisory lock and reads the version; only a change that changed deployments
-- writes the next version. A pass that placed nothing writes nothing.
COMMENT ON TABLE cluster_versions IS
    'Per cluster, the version of its deployments. Changes take pg_advisory_xact_lock(cluster key) first; only a change that changed deployments advances the version.';
