package org.souk.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;
import org.souk.common.api.audit.AuditEntry;
import org.souk.common.api.audit.AuditQuery;
import org.souk.common.api.audit.AuditTrail;
import org.souk.persistence.testing.DerbyJpa;
import org.souk.persistence.testing.MovableClock;

class JpaAuditTrailTest {

    private static final Caller NADIA = new Caller("nadia", Role.ADMIN);
    private static final Caller KARIM = new Caller("karim", Role.ADMIN);

    private final DerbyJpa jpa = new DerbyJpa("souk-audit", "audit-" + UUID.randomUUID());
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final JpaAuditTrail trail;

    JpaAuditTrailTest() {
        new AuditSchema(jpa.dataSource);
        trail = new JpaAuditTrail(jpa, clock);
    }

    @AfterEach
    void close() {
        jpa.close();
    }

    private void record(Caller who, String action, String orderId) {
        clock.advance(Duration.ofSeconds(1));
        trail.record(who, action, orderId, orderId, "because " + action, "done");
    }

    @Test
    void listsNewestFirstByOrderAndByUserByOffsetAndByCursor() {
        record(NADIA, AuditTrail.ORDER_CANCEL, "o-1");
        record(KARIM, AuditTrail.ORDER_REFUND, "o-1");
        record(NADIA, AuditTrail.WITHDRAWAL_PAY, null);
        record(NADIA, AuditTrail.DISPUTE_RESOLVE, "o-2");

        assertThat(actions(new AuditQuery(null, null, 0, 10, null)))
                .containsExactly("dispute.resolve", "withdrawal.pay", "order.refund", "order.cancel");
        assertThat(actions(new AuditQuery("o-1", null, 0, 10, null))).containsExactly("order.refund", "order.cancel");
        assertThat(actions(new AuditQuery(null, "nadia", 0, 10, null)))
                .containsExactly("dispute.resolve", "withdrawal.pay", "order.cancel");
        assertThat(actions(new AuditQuery("o-1", "nadia", 0, 10, null))).containsExactly("order.cancel");

        Page<AuditEntry> first = trail.list(new AuditQuery(null, "nadia", 0, 2, null));
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.items().get(0).reason()).isEqualTo("because dispute.resolve");
        assertThat(first.items().get(0).actor()).isEqualTo("nadia");
        Page<AuditEntry> rest = trail.list(new AuditQuery(null, "nadia", 0, 2, first.next()));
        assertThat(rest.items()).extracting(AuditEntry::action).containsExactly("order.cancel");
        assertThat(rest.next()).isNull();
        assertThat(rest.counted()).isFalse();
        assertThat(actions(new AuditQuery(null, null, 3, 10, null))).containsExactly("order.cancel");

        assertThatThrownBy(() -> trail.list(new AuditQuery(null, null, 0, 2, "nonsense")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aLongReasonIsCutToItsColumnRatherThanFailingTheChange() {
        trail.record(NADIA, AuditTrail.ORDER_CANCEL, "o-1", "o-1", "x".repeat(5000), "y".repeat(900));
        AuditEntry entry = trail.list(new AuditQuery(null, null, 0, 1, null)).items().get(0);
        assertThat(entry.reason()).hasSize(1000);
        assertThat(entry.outcome()).hasSize(500);
    }

    private List<String> actions(AuditQuery query) {
        return new ArrayList<>(trail.list(query).items().stream().map(AuditEntry::action).toList());
    }
}
