-- The cluster database belongs to cluster-service alone: no other service reads or writes it.
-- Each change to the schema is a new, numbered migration after this one; applied ones are never edited.
SELECT 1;
