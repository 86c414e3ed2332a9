package org.souk.ledger.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.souk.ledger.api.Account;
import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.AccountLine;
import org.souk.ledger.api.LedgerEntry;
import org.souk.ledger.api.PostingKind;
import org.souk.ledger.api.SignedMoney;

/**
 * One line of a posting; never changed. The posting's kind, order and time are copied onto it so that
 * statements and balances read one table.
 */
@Entity
@Table(name = "ledger_entry")
public class EntryEntity {

    @Id
    private String id;
    /** Rises with each posting written on a node: the order of postings written in one instant. */
    private long seq;
    @Column(name = "posting_id")
    private String postingId;
    @Column(name = "line_no")
    private int lineNo;
    @Enumerated(EnumType.STRING)
    @Column(name = "posting_kind")
    private PostingKind postingKind;
    @Enumerated(EnumType.STRING)
    @Column(name = "account_kind")
    private AccountKind accountKind;
    @Column(name = "account_owner")
    private String owner;
    private String currency;
    @Column(name = "amount_minor")
    private long amountMinor;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "created_at")
    private Instant createdAt;

    protected EntryEntity() {
    }

    EntryEntity(PostingEntity posting, int lineNo, LedgerEntry entry) {
        this.id = posting.id() + "/" + lineNo;
        this.postingId = posting.id();
        this.seq = posting.seq();
        this.lineNo = lineNo;
        this.postingKind = posting.kind();
        this.accountKind = entry.account().kind();
        this.owner = entry.account().owner();
        this.currency = entry.account().currency();
        this.amountMinor = entry.amount().minor();
        this.orderId = posting.orderId();
        this.createdAt = posting.createdAt();
    }

    String postingId() {
        return postingId;
    }

    LedgerEntry toEntry() {
        return new LedgerEntry(new Account(accountKind, owner, currency), new SignedMoney(amountMinor, currency));
    }

    AccountLine toLine() {
        return new AccountLine(postingId, postingKind, orderId, createdAt, new Account(accountKind, owner, currency),
                new SignedMoney(amountMinor, currency));
    }
}
