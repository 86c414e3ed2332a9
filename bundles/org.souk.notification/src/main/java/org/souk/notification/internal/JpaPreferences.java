package org.souk.notification.internal;

import java.util.HashMap;
import java.util.Map;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.Caller;
import org.souk.notification.api.NotificationPreferenceService;
import org.souk.notification.api.NotificationPreferences;
import org.souk.notification.api.NotificationType;
import org.souk.persistence.Conflicts;
import org.souk.persistence.Schema;

/** Preferences in {@code notification_preference}: only the cells that differ from the defaults. */
@Component
public class JpaPreferences implements NotificationPreferenceService {

    private final JpaTemplate jpa;
    private final ChannelRegistry channels;
    private volatile UserDirectory directory;

    @Activate
    public JpaPreferences(@Reference(target = "(osgi.unit.name=souk-notification)") JpaTemplate jpa,
            @Reference ChannelRegistry channels, @Reference(target = NotificationSchema.TARGET) Schema schema) {
        this(jpa, channels);
    }

    JpaPreferences(JpaTemplate jpa, ChannelRegistry channels) {
        this.jpa = jpa;
        this.channels = channels;
    }

    @Reference(service = UserDirectory.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindDirectory")
    void bindDirectory(UserDirectory d) {
        directory = d;
    }

    void unbindDirectory(UserDirectory d) {
        if (directory == d) {
            directory = null;
        }
    }

    /** The cells a user set, keyed as {@link PreferenceMatrix#cell}. */
    static Map<String, Boolean> cells(EntityManager em, String userId) {
        Map<String, Boolean> out = new HashMap<>();
        em.createQuery("SELECT p FROM PreferenceEntity p WHERE p.userId = :u", PreferenceEntity.class)
                .setParameter("u", userId).getResultList()
                .forEach(p -> out.put(p.type() + "/" + p.channel(), p.enabled()));
        return out;
    }

    @Override
    public NotificationPreferences preferences(Caller caller) {
        Map<String, Boolean> set = jpa.txExpr(TransactionType.Supports, em -> cells(em, caller.userId()));
        return PreferenceMatrix.document(channels.forPreferences(), set);
    }

    @Override
    public NotificationPreferences replace(Caller caller, NotificationPreferences preferences) {
        Map<String, Boolean> set = PreferenceMatrix.fromDocument(preferences, channels.forPreferences());
        conflictsTranslated(() -> jpa.tx(TransactionType.Required, em -> {
            em.createQuery("DELETE FROM PreferenceEntity p WHERE p.userId = :u").setParameter("u", caller.userId())
                    .executeUpdate();
            set.forEach((cell, enabled) -> {
                int slash = cell.indexOf('/');
                em.persist(new PreferenceEntity(caller.userId(), cell.substring(0, slash), cell.substring(slash + 1), enabled));
            });
            em.flush();
        }));
        return preferences(caller);
    }

    @Override
    public NotificationPreferences set(Caller caller, String type, String channel, Boolean enabled) {
        NotificationType t = PreferenceMatrix.checkCell(type, channel, enabled, channels.forPreferences());
        boolean byDefault = PreferenceMatrix.byDefault(t, channel) == enabled;
        conflictsTranslated(() -> jpa.tx(TransactionType.Required, em -> {
            PreferenceEntity cell = em.find(PreferenceEntity.class, new PreferenceEntity.Key(caller.userId(), t.id(), channel));
            if (cell != null && byDefault) {
                em.remove(cell);
            } else if (cell != null) {
                cell.enabled(enabled);
            } else if (!byDefault) {
                em.persist(new PreferenceEntity(caller.userId(), t.id(), channel, enabled));
            }
            em.flush();
        }));
        return preferences(caller);
    }

    @Override
    public boolean enabled(String userId, NotificationType type, String channel) {
        return PreferenceMatrix.enabled(type, channel, jpa.txExpr(TransactionType.Supports, em -> cells(em, userId)));
    }

    /**
     * The user directory is the one store of users' addresses and languages (the dispatcher reads it): the
     * values are handed to it, or dropped while none is deployed.
     */
    @Override
    @Deprecated
    public void rememberContact(String userId, String email, String languageTag) {
        UserDirectory d = directory;
        if (d != null && userId != null && (email != null || languageTag != null)) {
            d.rememberClaims(userId, email, languageTag);
        }
    }

    private static void conflictsTranslated(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The preferences were changed by another request at the same time; retry");
        }
    }
}
