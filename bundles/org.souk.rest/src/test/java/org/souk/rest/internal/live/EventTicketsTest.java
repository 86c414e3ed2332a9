package org.souk.rest.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;
import org.souk.persistence.testing.MovableClock;
import org.souk.rest.internal.RestSchema;

/** Event stream tickets against a real (embedded Derby) database, migrated by the bundle's own scripts. */
class EventTicketsTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private EventTickets tickets;

    @BeforeEach
    void database() {
        EmbeddedDataSource db = new EmbeddedDataSource();
        db.setDatabaseName(dir.resolve("db").toString());
        db.setCreateDatabase("create");
        new RestSchema(db);
        tickets = new EventTickets(db, clock);
    }

    @Test
    void aTicketOpensOneStreamForItsCaller() {
        Caller omar = new Caller("omar", Role.CLIENT);
        EventTickets.Ticket ticket = tickets.issue(omar);
        assertThat(ticket.expiresAt()).isEqualTo(clock.instant().plus(EventTickets.LIFETIME));
        assertThat(ticket.ticket()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(tickets.redeem(ticket.ticket())).contains(omar);
        assertThat(tickets.redeem(ticket.ticket())).as("used").isEmpty();
    }

    @Test
    void aTicketPastItsMinuteOrMadeUpOpensNothing() {
        EventTickets.Ticket ticket = tickets.issue(new Caller("fatima", Role.FREELANCER));
        clock.advance(EventTickets.LIFETIME.plusMillis(1));
        assertThat(tickets.redeem(ticket.ticket())).isEmpty();
        assertThat(tickets.redeem("made-up")).isEmpty();
        assertThat(tickets.redeem("")).isEmpty();
        assertThat(tickets.redeem(null)).isEmpty();
        assertThat(tickets.redeem("x".repeat(500))).isEmpty();
    }

    @Test
    void ticketsAreDistinct() {
        Caller omar = new Caller("omar", Role.CLIENT);
        assertThat(tickets.issue(omar).ticket()).isNotEqualTo(tickets.issue(omar).ticket());
    }
}
