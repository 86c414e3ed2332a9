package org.souk.notification.internal;

import java.io.Serializable;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;
import javax.persistence.Version;

/** One cell of a user's preference matrix that the user set. */
@Entity
@Table(name = "notification_preference")
@IdClass(PreferenceEntity.Key.class)
public class PreferenceEntity {

    @Id
    @Column(name = "user_id")
    private String userId;
    @Id
    private String type;
    @Id
    private String channel;
    private boolean enabled;
    @Version
    private long version;

    protected PreferenceEntity() {
    }

    PreferenceEntity(String userId, String type, String channel, boolean enabled) {
        this.userId = userId;
        this.type = type;
        this.channel = channel;
        this.enabled = enabled;
    }

    String type() {
        return type;
    }

    String channel() {
        return channel;
    }

    boolean enabled() {
        return enabled;
    }

    void enabled(boolean value) {
        enabled = value;
    }

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String userId;
        private String type;
        private String channel;

        public Key() {
        }

        Key(String userId, String type, String channel) {
            this.userId = userId;
            this.type = type;
            this.channel = channel;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(type, k.type)
                    && Objects.equals(channel, k.channel);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, type, channel);
        }
    }
}
