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
CREATE USER metrics_service PASSWORD 'metrics_service';
CREATE DATABASE metrics_service OWNER metrics_service;
