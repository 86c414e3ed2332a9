package org.souk.ledger.internal;

import java.time.Instant;
import java.util.Map;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.ledger.api.PayoutDetails;

/** A freelancer's bank account for payouts; the IBAN leaves this bundle only masked, or to the provider that pays. */
@Entity
@Table(name = "ledger_payout_details")
public class PayoutDetailsEntity {

    @Id
    @Column(name = "freelancer_id")
    private String freelancerId;
    private String iban;
    private String holder;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected PayoutDetailsEntity() {
    }

    PayoutDetailsEntity(String freelancerId, String iban, String holder, Instant now) {
        this.freelancerId = freelancerId;
        change(iban, holder, now);
    }

    void change(String newIban, String newHolder, Instant now) {
        this.iban = newIban;
        this.holder = newHolder;
        this.updatedAt = now;
    }

    /** The destination of a payout, as {@link org.souk.ledger.api.payout.PayoutRequest} names its keys. */
    Map<String, String> destination() {
        return Map.of("iban", iban, "holder", holder);
    }

    PayoutDetails toDetails() {
        return new PayoutDetails(freelancerId, Iban.masked(iban), holder, updatedAt);
    }
}
