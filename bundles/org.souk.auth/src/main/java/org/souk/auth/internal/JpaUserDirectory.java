package org.souk.auth.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.auth.api.UserContact;
import org.souk.auth.api.UserDirectory;
import org.souk.persistence.SchemaMigrator;

/**
 * Users' contacts in {@code user_contact}. Tokens' claims arrive with every request: the claims last seen per
 * user are kept in memory, so a request whose token says what the previous one said reads and writes nothing,
 * and a row is written only when a claim changes what is stored.
 */
@Component
public class JpaUserDirectory implements UserDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(JpaUserDirectory.class);
    /** Users whose last claims are remembered; past this the memory starts again (a read per user, no write). */
    static final int SEEN_LIMIT = 10_000;

    private final JpaTemplate jpa;
    private final Clock clock;
    /** user id → the claims last applied (or found already stored) for that user. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @Activate
    public JpaUserDirectory(@Reference(target = "(osgi.unit.name=souk-auth)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=souk)") DataSource dataSource) {
        this(jpa, dataSource, Clock.systemUTC());
    }

    JpaUserDirectory(JpaTemplate jpa, DataSource dataSource, Clock clock) {
        new SchemaMigrator(dataSource, "auth", JpaUserDirectory.class.getClassLoader()).migrate();
        this.jpa = jpa;
        this.clock = clock;
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
        UserContact contact = jpa.txExpr(TransactionType.Required, em -> {
            UserContactEntity row = em.find(UserContactEntity.class, userId);
            if (row == null) {
                row = new UserContactEntity(userId, clock.instant());
                row.choose(address, language, forgetLanguage, clock.instant());
                em.persist(row);
            } else {
                row.choose(address, language, forgetLanguage, clock.instant());
            }
            return row.toContact();
        });
        // A value forgotten here may come back from the next token: let its claims be looked at again.
        seen.remove(userId);
        return contact;
    }
}
