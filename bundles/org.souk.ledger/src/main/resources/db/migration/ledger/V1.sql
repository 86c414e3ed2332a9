-- The double-entry ledger. A posting is one ledger transaction, written once for its cause: the unique
-- key on cause is what makes a repeated webhook or a retried request post nothing twice. Its entries sum
-- to zero per currency; an entry's amount is what its account receives (negative: money leaves it).
-- Postings and entries are never updated; balances are sums of entries, not stored. seq, rising on
-- the node that writes, orders postings and entries written in the same instant.
CREATE TABLE ledger_posting (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL,
    cause VARCHAR(200) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    order_id VARCHAR(128),
    freelancer_id VARCHAR(128),
    created_at TIMESTAMP NOT NULL,
    commission_percent VARCHAR(16),
    charged_minor BIGINT,
    charged_currency CHAR(3),
    charge_rate VARCHAR(40),
    CONSTRAINT ledger_posting_cause UNIQUE (cause)
);
CREATE INDEX ledger_posting_order ON ledger_posting (order_id, created_at, seq);
CREATE TABLE ledger_entry (
    id VARCHAR(48) NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL,
    posting_id VARCHAR(36) NOT NULL REFERENCES ledger_posting (id),
    line_no INTEGER NOT NULL,
    posting_kind VARCHAR(32) NOT NULL,
    account_kind VARCHAR(32) NOT NULL,
    account_owner VARCHAR(128) NOT NULL,
    currency CHAR(3) NOT NULL,
    amount_minor BIGINT NOT NULL,
    order_id VARCHAR(128),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX ledger_entry_account ON ledger_entry (account_owner, account_kind, currency, created_at, seq);
CREATE INDEX ledger_entry_posting ON ledger_entry (posting_id, line_no);
-- Pending earnings become available when their clearance falls due: a row per released order, fired once
-- by whichever node claims it first (its version), surviving restarts.
CREATE TABLE ledger_clearance (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    order_id VARCHAR(128) NOT NULL,
    freelancer_id VARCHAR(128) NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    state VARCHAR(16) NOT NULL,
    due_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    version BIGINT NOT NULL,
    CONSTRAINT ledger_clearance_order UNIQUE (order_id)
);
CREATE INDEX ledger_clearance_due ON ledger_clearance (state, due_at);
-- Withdrawal requests. open_key holds the freelancer id while the request is open and NULL once it is
-- paid or rejected: its unique key allows one open request per freelancer, even for two racing requests.
CREATE TABLE ledger_withdrawal (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    freelancer_id VARCHAR(128) NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    status VARCHAR(16) NOT NULL,
    open_key VARCHAR(128),
    requested_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP,
    decided_by VARCHAR(128),
    reference VARCHAR(200),
    reason VARCHAR(500),
    version BIGINT NOT NULL,
    CONSTRAINT ledger_withdrawal_one_open UNIQUE (open_key)
);
CREATE INDEX ledger_withdrawal_freelancer ON ledger_withdrawal (freelancer_id, requested_at);
CREATE INDEX ledger_withdrawal_status ON ledger_withdrawal (status, requested_at);
