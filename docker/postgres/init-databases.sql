-- One database and one owner per service: services share no tables (see docs/ARCHITECTURE.md).
-- Passwords here are for the local production-like setup only; set real ones through the environment.
CREATE USER intake_service PASSWORD 'intake_service';
CREATE DATABASE intake_service OWNER intake_service;
CREATE USER case_service PASSWORD 'case_service';
CREATE DATABASE case_service OWNER case_service;
CREATE USER approval_service PASSWORD 'approval_service';
CREATE DATABASE approval_service OWNER approval_service;
CREATE USER audit_service PASSWORD 'audit_service';
CREATE DATABASE audit_service OWNER audit_service;
-- audit-service runs as a login of its own that owns nothing; audit_service owns the schema and runs the migrations,
-- which grant this login SELECT and INSERT on the audit tables (and the event plumbing's rights), no more.
CREATE USER audit_service_runtime PASSWORD 'audit_service_runtime';
GRANT CONNECT ON DATABASE audit_service TO audit_service_runtime;
CREATE USER metrics_service PASSWORD 'metrics_service';
CREATE DATABASE metrics_service OWNER metrics_service;
