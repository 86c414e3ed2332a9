-- Payouts through a provider. A freelancer's payout details: the bank account a payout provider sends their
-- withdrawals to, one row per freelancer, replaced when they change it.
CREATE TABLE ledger_payout_details (
    freelancer_id VARCHAR(128) NOT NULL PRIMARY KEY,
    iban VARCHAR(34) NOT NULL,
    holder VARCHAR(140) NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL
);
-- A withdrawal claimed for a payout provider: payout_provider is set, by the one claim the row's version lets
-- win, while the status stays REQUESTED; reference takes the provider's reference once it accepted the payout.
-- The poller looks for claimed ones among the REQUESTED (ledger_withdrawal_status): at most one per freelancer.
ALTER TABLE ledger_withdrawal ADD COLUMN payout_provider VARCHAR(64);
ALTER TABLE ledger_withdrawal ADD COLUMN payout_claimed_at TIMESTAMP;
ALTER TABLE ledger_withdrawal ADD COLUMN payout_claimed_by VARCHAR(128);
