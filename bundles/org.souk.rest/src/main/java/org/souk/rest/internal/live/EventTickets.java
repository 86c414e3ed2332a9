package org.souk.rest.internal.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;
import org.souk.common.api.UnavailableException;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;
import org.souk.rest.internal.RestSchema;

/**
 * Short-lived, single-use tickets that stand for a bearer token on the event stream, for browsers whose
 * EventSource cannot set headers. Kept in the database ({@code rest_event_ticket}), so that a ticket taken
 * from one node opens the stream on any other; redeeming deletes it, so that it opens one stream only.
 */
@Component(service = EventTickets.class)
public class EventTickets {

    private static final Logger LOG = LoggerFactory.getLogger(EventTickets.class);
    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A ticket as handed out: the text to pass as {@code ?ticket=}, and until when it opens a stream. */
    public record Ticket(String ticket, Instant expiresAt) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    @Activate
    public EventTickets(@Reference(target = "(osgi.jndi.service.name=souk)") DataSource dataSource,
            @Reference(target = RestSchema.TARGET) Schema schema, @Reference PlatformClock clock) {
        this(dataSource, clock);
    }

    EventTickets(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    Ticket issue(Caller caller) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement expired = c.prepareStatement("DELETE FROM rest_event_ticket WHERE expires_ms <= ?")) {
                expired.setLong(1, now);
                expired.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO rest_event_ticket (ticket_hash, user_id, user_role, expires_ms) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, hash(ticket));
                insert.setString(2, caller.userId());
                insert.setString(3, caller.role().name());
                insert.setLong(4, now + LIFETIME.toMillis());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warn("Event ticket not stored: {}", e.getMessage());
            throw new UnavailableException("Event tickets cannot be stored right now; retry");
        }
        return new Ticket(ticket, Instant.ofEpochMilli(now + LIFETIME.toMillis()));
    }

    /** The caller the ticket was issued to, once: a second redemption, or one after its minute, finds nothing. */
    public Optional<Caller> redeem(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(ticket.trim());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            String user;
            String role;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT user_id, user_role FROM rest_event_ticket WHERE ticket_hash = ? AND expires_ms > ?")) {
                select.setString(1, hash);
                select.setLong(2, clock.millis());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    user = rs.getString(1);
                    role = rs.getString(2);
                }
            }
            // Whoever deletes the row redeemed it; a concurrent second redemption deletes nothing.
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM rest_event_ticket WHERE ticket_hash = ?")) {
                delete.setString(1, hash);
                if (delete.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Caller(user, Role.valueOf(role)));
        } catch (SQLException e) {
            LOG.warn("Event ticket not read: {}", e.getMessage());
            throw new UnavailableException("Event tickets cannot be read right now; retry");
        }
    }

    static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
