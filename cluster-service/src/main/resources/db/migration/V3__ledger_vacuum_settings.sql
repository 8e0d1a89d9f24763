-- Claims come and go thousands of times a second (insert on claim, delete on release) and every change
-- updates inventory rows, so both tables pile up dead row versions far faster than the default autovacuum
-- settings (20% of the table, throttled) clean them, and every lookup then wades through them. Vacuum these
-- small, hot tables after a fixed number of changes, unthrottled, and leave room in inventory pages so that
-- updates stay on the same page (HOT) without touching the index.
ALTER TABLE claims SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
                        autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE inventories SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0,
                             autovacuum_vacuum_threshold = 20000, autovacuum_vacuum_cost_delay = 0);
