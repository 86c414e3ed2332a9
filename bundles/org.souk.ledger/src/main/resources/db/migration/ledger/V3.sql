-- Payouts, continued. The destination (IBAN, holder) is stored with the claim, so that asking the provider again
-- pays the account the claim was made for, whatever the freelancer changed since. payout_checked_at is when a
-- node last asked the provider about the claim: the poller takes the least recently checked first, so claims
-- that stay pending do not hide newer ones, and a node bumps it (the row's version) before it asks, so only one
-- node asks at a time. An administrator may release a claim (souk:withdrawal-payout-release): who, when and why.
ALTER TABLE ledger_withdrawal ADD COLUMN payout_iban VARCHAR(34);
ALTER TABLE ledger_withdrawal ADD COLUMN payout_holder VARCHAR(140);
ALTER TABLE ledger_withdrawal ADD COLUMN payout_checked_at TIMESTAMP;
ALTER TABLE ledger_withdrawal ADD COLUMN payout_released_by VARCHAR(128);
ALTER TABLE ledger_withdrawal ADD COLUMN payout_released_at TIMESTAMP;
ALTER TABLE ledger_withdrawal ADD COLUMN payout_release_note VARCHAR(800);
UPDATE ledger_withdrawal SET payout_checked_at = payout_claimed_at WHERE payout_claimed_at IS NOT NULL;
