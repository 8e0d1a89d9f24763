-- One database per service, each owned by its own role: no service can read another's tables.
-- Run once by the postgres image on an empty data directory. The passwords are the compose defaults; set
-- HV_DB_PASSWORD in .env and here alike for anything but a local trial.
CREATE ROLE identity_service LOGIN PASSWORD 'hypervisor';
CREATE ROLE cluster_service LOGIN PASSWORD 'hypervisor';
CREATE ROLE scheduler_service LOGIN PASSWORD 'hypervisor';
CREATE DATABASE identity OWNER identity_service;
CREATE DATABASE cluster OWNER cluster_service;
CREATE DATABASE scheduler OWNER scheduler_service;
