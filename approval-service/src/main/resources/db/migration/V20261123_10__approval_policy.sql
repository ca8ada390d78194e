-- The authorization policy, versioned: a version is never changed once written.
CREATE TABLE approval_policy (
    version        integer PRIMARY KEY CHECK (version > 0),
    effective_from timestamp(6) with time zone NOT NULL,
    currency       varchar(3)   NOT NULL,
    description    varchar(1000),
    created_at     timestamp(6) with time zone NOT NULL,
    created_by     varchar(255) NOT NULL
);

CREATE TABLE approval_policy_rule (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_version        integer      NOT NULL REFERENCES approval_policy (version),
    adjustment_type       varchar(32)  NOT NULL,
    band                  integer      NOT NULL,
    up_to                 numeric(19, 4),
    approver_roles        varchar(500) NOT NULL,
    auto_approve_low_risk boolean      NOT NULL,
    CONSTRAINT approval_policy_rule_band UNIQUE (policy_version, adjustment_type, band)
);

-- Version 1: what a mid-size service desk starts with. Amounts in EUR; roles in approval order.
INSERT INTO approval_policy (version, effective_from, currency, description, created_at, created_by)
VALUES (1, TIMESTAMPTZ '2026-01-01 00:00:00+00', 'EUR',
        'Initial policy: team lead up to 1,000; plus finance manager up to 10,000; plus CFO above.',
        TIMESTAMPTZ '2026-11-23 00:00:00+00', 'system:approval-service');

INSERT INTO approval_policy_rule (policy_version, adjustment_type, band, up_to, approver_roles, auto_approve_low_risk) VALUES
    (1, 'REFUND',             1, 100,   '',                                   true),
    (1, 'REFUND',             2, 1000,  'TEAM_LEAD',                          false),
    (1, 'REFUND',             3, 10000, 'TEAM_LEAD,FINANCE_MANAGER',          false),
    (1, 'REFUND',             4, NULL,  'TEAM_LEAD,FINANCE_MANAGER,CFO',      false),
    (1, 'CREDIT',             1, 100,   '',                                   true),
    (1, 'CREDIT',             2, 1000,  'TEAM_LEAD',                          false),
    (1, 'CREDIT',             3, 10000, 'TEAM_LEAD,FINANCE_MANAGER',          false),
    (1, 'CREDIT',             4, NULL,  'TEAM_LEAD,FINANCE_MANAGER,CFO',      false),
    (1, 'WRITE_OFF',          1, 1000,  'FINANCE_MANAGER',                    false),
    (1, 'WRITE_OFF',          2, NULL,  'FINANCE_MANAGER,CFO',                false),
    (1, 'INVOICE_CORRECTION', 1, 1000,  'TEAM_LEAD',                          true),
    (1, 'INVOICE_CORRECTION', 2, NULL,  'TEAM_LEAD,FINANCE_MANAGER',          false);
