package org.souk.auth.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.auth.api.PendingEmail;
import org.souk.auth.api.UserContact;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.UnavailableException;
import org.souk.common.api.ValidationException;
import org.souk.notification.api.NotificationOutbox;
import org.souk.notification.api.OutboxTopics;
import org.souk.persistence.Conflicts;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/**
 * Users' contacts in {@code user_contact}. Tokens' claims arrive with every request: the claims last seen per
 * user are kept in memory, so a request whose token says what the previous one said reads and writes nothing,
 * and a row is written only when a claim changes what is stored.
 *
 * <p>A new address the user chooses waits in {@code user_email_change} (one per user) until the token of the
 * link sent to it comes back ({@link EmailChangeRules}); the link and the notice to the old address are written
 * into the notification outbox in the same transaction. {@code email.change.window} of {@code org.souk.auth}
 * says how long a link works.
 */
@Component(configurationPid = JwtTokenService.PID)
public class JpaUserDirectory implements UserDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(JpaUserDirectory.class);
    /** Users whose last claims are remembered; past this the memory starts again (a read per user, no write). */
    static final int SEEN_LIMIT = 10_000;

    private final JpaTemplate jpa;
    private final Clock clock;
    /** user id → the claims last applied (or found already stored) for that user. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile Duration window = EmailChangeRules.DEFAULT_WINDOW;
    /** Where the confirmation link and the notice go out; absent while notifications are not deployed. */
    private volatile NotificationOutbox outbox;

    @Activate
    public JpaUserDirectory(@Reference(target = "(osgi.unit.name=souk-auth)") JpaTemplate jpa,
            @Reference(target = AuthSchema.TARGET) Schema schema, @Reference PlatformClock clock,
            JwtTokenService.Config config) {
        this(jpa, clock);
        modified(config);
    }

    JpaUserDirectory(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    @Modified
    void modified(JwtTokenService.Config config) {
        String configured = config.email_change_window();
        window = EmailChangeRules.window(configured);
        if (configured != null && !configured.isBlank() && !window.equals(safeParse(configured))) {
            LOG.warn("'email.change.window' of {} is not a positive ISO-8601 duration such as PT24H: '{}'; using {}",
                    JwtTokenService.PID, configured, window);
        }
    }

    private static Duration safeParse(String text) {
        try {
            return Duration.parse(text.trim());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** For tests: how long a confirmation link works. */
    void window(Duration value) {
        window = value;
    }

    @Reference(service = NotificationOutbox.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindOutbox")
    void bindOutbox(NotificationOutbox o) {
        outbox = o;
    }

    void unbindOutbox(NotificationOutbox o) {
        if (outbox == o) {
            outbox = null;
        }
    }

    @Override
    public Optional<UserContact> contact(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return jpa.txExpr(TransactionType.Supports, em -> {
            UserContactEntity row = em.find(UserContactEntity.class, userId);
            return Optional.ofNullable(row == null ? null : row.toContact());
        });
    }

    @Override
    public List<String> usersWithEmail(String email) {
        if (email == null || email.isBlank()) {
            return List.of();
        }
        String typed = email.trim();
        String lower = typed.toLowerCase(java.util.Locale.ROOT);
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT c.userId FROM UserContactEntity c WHERE c.email = :typed OR c.email = :lower ORDER BY c.userId",
                String.class).setParameter("typed", typed).setParameter("lower", lower).getResultList());
    }

    @Override
    public void rememberClaims(String userId, String email, String locale) {
        String address = ContactRules.claimedEmail(email);
        Locale language = ContactRules.claimedLanguage(locale);
        if (userId == null || (address == null && language == null)) {
            return;
        }
        String claims = address + "\n" + language;
        if (claims.equals(seen.get(userId))) {
            return;
        }
        try {
            jpa.tx(TransactionType.RequiresNew, em -> {
                UserContactEntity row = em.find(UserContactEntity.class, userId);
                if (row == null) {
                    row = new UserContactEntity(userId, clock.instant());
                    row.claim(address, language, clock.instant());
                    em.persist(row);
                } else {
                    row.claim(address, language, clock.instant());
                }
            });
            if (seen.size() >= SEEN_LIMIT) {
                seen.clear();
            }
            seen.put(userId, claims);
        } catch (RuntimeException e) {
            // Two first requests of a user at once both insert; one wins, the other's request goes on.
            LOG.debug("Could not remember the token's contact claims of {}: {}", userId, e.getMessage());
        }
    }

    @Override
    public UserContact update(String userId, String email, String locale) {
        ContactRules.checkChoice(email, locale);
        String address = email == null ? null : email.trim();
        boolean forgetLanguage = locale != null && locale.isEmpty();
        Locale language = locale == null || locale.isEmpty() ? null : ContactRules.language(locale).orElseThrow();
        NotificationOutbox notifications = outbox;
        Duration good = window;
        UserContact contact;
        try {
            contact = jpa.txExpr(TransactionType.Required, em -> {
                Instant now = clock.instant();
                UserContactEntity row = em.find(UserContactEntity.class, userId);
                if (row == null) {
                    row = new UserContactEntity(userId, now);
                    em.persist(row);
                }
                String current = row.toContact().email();
                boolean asksForNew = address != null && !address.isEmpty() && !address.equalsIgnoreCase(current);
                row.choose(asksForNew ? null : address, language, forgetLanguage, now);
                EmailChangeEntity change = em.find(EmailChangeEntity.class, userId);
                if (asksForNew) {
                    if (notifications == null) {
                        throw new UnavailableException("A new email address cannot be confirmed now: notifications are not "
                                + "deployed; retry later");
                    }
                    String token = EmailChangeRules.newToken(random);
                    Instant expires = now.plus(good);
                    if (change == null) {
                        change = new EmailChangeEntity(userId);
                        change.request(address, EmailChangeRules.hash(token), now, expires);
                        em.persist(change);
                    } else {
                        change.request(address, EmailChangeRules.hash(token), now, expires);
                    }
                    Map<String, Object> cause = new HashMap<>();
                    cause.put(OutboxTopics.CHANGE_ID, UUID.randomUUID().toString());
                    cause.put(OutboxTopics.USER_ID, userId);
                    cause.put(OutboxTopics.NEW_EMAIL, address);
                    cause.put(OutboxTopics.NEW_EMAIL_MASKED, EmailChangeRules.mask(address));
                    if (current != null) {
                        cause.put(OutboxTopics.OLD_EMAIL, current);
                    }
                    cause.put(OutboxTopics.TOKEN, token);
                    cause.put(OutboxTopics.EXPIRES_AT, expires.toString());
                    notifications.record(OutboxTopics.EMAIL_CHANGE_REQUESTED, cause);
                } else if (address != null && change != null) {
                    // The current address again, or none: the change asked for earlier is dropped with its link.
                    em.remove(change);
                }
                em.flush();
                return row.toContact();
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The address or language was changed by another request at the same time; retry");
        }
        // A value forgotten here may come back from the next token: let its claims be looked at again.
        seen.remove(userId);
        return contact;
    }

    @Override
    public Optional<PendingEmail> pendingEmail(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jpa.txExpr(TransactionType.Supports, em -> {
            EmailChangeEntity change = em.find(EmailChangeEntity.class, userId);
            return change == null || EmailChangeRules.refusal(change.expiresAt(), now) != null ? Optional.empty()
                    : Optional.of(change.toPending());
        });
    }

    @Override
    public UserContact confirmEmail(String token) {
        if (token == null || token.isBlank()) {
            throw new ValidationException("token", "is required: the token of the link sent to the new address");
        }
        String hash = token.length() > EmailChangeRules.MAX_TOKEN_LENGTH ? null : EmailChangeRules.hash(token.trim());
        UserContact contact;
        try {
            contact = jpa.txExpr(TransactionType.Required, em -> {
                Instant now = clock.instant();
                List<EmailChangeEntity> found = hash == null ? List.of()
                        : em.createQuery("SELECT c FROM EmailChangeEntity c WHERE c.tokenHash = :h", EmailChangeEntity.class)
                                .setParameter("h", hash).getResultList();
                EmailChangeEntity change = found.isEmpty() ? null : found.get(0);
                String refusal = EmailChangeRules.refusal(change == null ? null : change.expiresAt(), now);
                if (refusal != null) {
                    throw new ValidationException("token", refusal);
                }
                UserContactEntity row = em.find(UserContactEntity.class, change.userId());
                if (row == null) {
                    row = new UserContactEntity(change.userId(), now);
                    em.persist(row);
                }
                row.choose(change.newEmail(), null, false, now);
                // Spent: the same token again matches nothing.
                em.remove(change);
                em.flush();
                return row.toContact();
            });
        } catch (RuntimeException e) {
            // Two confirmations with the same token at once: one applies it, the other finds it spent.
            if (Conflicts.isConflict(e)) {
                throw new ValidationException("token", EmailChangeRules.UNKNOWN);
            }
            throw Conflicts.translate(e, EmailChangeRules.UNKNOWN);
        }
        seen.remove(contact.userId());
        LOG.info("User {} confirmed a new email address", contact.userId());
        return contact;
    }
}
