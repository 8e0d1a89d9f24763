-- At thousands of claims a second, the claims table gathers 20,000 dead rows (V3's threshold) in a few seconds
-- while it holds only hundreds of live ones; every claim's lookup and every release's delete then scans pages
-- of dead rows (measured: reading a group's current claims took 2.6 ms instead of 1.5). Vacuum it after 2,000.
-- The table is small, so each vacuum is quick.
ALTER TABLE claims SET (autovacuum_vacuum_threshold = 2000);
