package org.souk.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.ValidationException;
import org.souk.notification.api.NotificationPreferences;
import org.souk.notification.api.NotificationPreferences.TypePreference;
import org.souk.notification.api.NotificationType;

class PreferenceMatrixTest {

    private static final List<String> CHANNELS = List.of("in_app", "email");

    @Test
    void defaultsPutEverythingInTheInboxAndByEmailWhatAsksToActOrMovesMoney() {
        NotificationPreferences doc = PreferenceMatrix.document(CHANNELS, Map.of());
        assertThat(doc.channels()).containsExactly("in_app", "email");
        assertThat(doc.types()).hasSize(NotificationType.values().length);
        assertThat(doc.types()).allSatisfy(t -> assertThat(t.channels().get("in_app")).isTrue());
        assertThat(row(doc, "order_status_changed").channels().get("email")).isFalse();
        assertThat(row(doc, "review_request").channels().get("email")).isFalse();
        assertThat(row(doc, "new_order").channels().get("email")).isTrue();
        assertThat(doc.types()).filteredOn(TypePreference::mandatory).extracting(TypePreference::type)
                .containsExactlyInAnyOrder("payment_confirmed", "payment_failed", "refund", "cancellation_request", "dispute",
                        "email_change_confirmation", "email_change_notice");
        assertThat(PreferenceMatrix.byDefault(NotificationType.NEW_ORDER, "sms")).isFalse();
        assertThat(PreferenceMatrix.byDefault(NotificationType.REFUND, "sms")).isTrue();
    }

    @Test
    void aDocumentKeepsOnlyTheCellsThatDifferFromTheDefaults() {
        Map<String, Boolean> set = PreferenceMatrix.fromDocument(new NotificationPreferences(null, List.of(
                new TypePreference("new_order", false, cells(true, false)),
                new TypePreference("REVIEW_REQUEST", false, cells(false, true)))), CHANNELS);
        assertThat(set).containsOnly(Map.entry("new_order/email", false), Map.entry("review_request/in_app", false),
                Map.entry("review_request/email", true));
        NotificationPreferences doc = PreferenceMatrix.document(CHANNELS, set);
        assertThat(row(doc, "new_order").channels()).containsEntry("email", false).containsEntry("in_app", true);
    }

    @Test
    void everyBadCellIsNamedAndAMandatoryTypeStaysOn() {
        assertThatThrownBy(() -> PreferenceMatrix.fromDocument(new NotificationPreferences(null, List.of(
                new TypePreference("refund", true, cells(true, false)),
                new TypePreference("gossip", false, cells(true, true)),
                new TypePreference("delivery", false, Map.of("pigeon", true)),
                new TypePreference("new_order", false, Map.of()),
                new TypePreference("new_order", false, Map.of()))), CHANNELS))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("types[0].channels.email", "types[1].type", "types[2].channels.pigeon", "types[4].type"));
        assertThatThrownBy(() -> PreferenceMatrix.fromDocument(new NotificationPreferences(null, null), CHANNELS))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("types"));
        assertThatThrownBy(() -> PreferenceMatrix.checkCell("payment_confirmed", "in_app", false, CHANNELS))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("enabled"))
                .hasMessageContaining("mandatory");
        assertThatThrownBy(() -> PreferenceMatrix.checkCell("nope", "fax", null, CHANNELS))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("type", "channel", "enabled"));
        assertThat(PreferenceMatrix.checkCell("payment_confirmed", "email", true, CHANNELS))
                .isEqualTo(NotificationType.PAYMENT_CONFIRMED);
    }

    @Test
    void aMandatoryTypeIsOnWhateverIsStored() {
        assertThat(PreferenceMatrix.enabled(NotificationType.REFUND, "email", Map.of("refund/email", false))).isTrue();
        assertThat(PreferenceMatrix.enabled(NotificationType.DELIVERY, "email", Map.of("delivery/email", false))).isFalse();
    }

    @Test
    void cancellationRequestsAndDisputesCannotBeSwitchedOffAndAnOldOffIsIgnored() {
        // A user who switched cancellation requests off by email before they became mandatory still gets them.
        Map<String, Boolean> stored = Map.of("cancellation_request/email", false, "cancellation_request/in_app", false);
        assertThat(PreferenceMatrix.enabled(NotificationType.CANCELLATION_REQUEST, "email", stored)).isTrue();
        assertThat(PreferenceMatrix.enabled(NotificationType.CANCELLATION_REQUEST, "in_app", stored)).isTrue();
        assertThat(row(PreferenceMatrix.document(CHANNELS, stored), "cancellation_request").channels())
                .containsEntry("email", true).containsEntry("in_app", true);
        assertThatThrownBy(() -> PreferenceMatrix.checkCell("cancellation_request", "email", false, CHANNELS))
                .isInstanceOf(ValidationException.class).hasMessageContaining("mandatory");
        assertThatThrownBy(() -> PreferenceMatrix.checkCell("dispute", "in_app", false, CHANNELS))
                .isInstanceOf(ValidationException.class).hasMessageContaining("mandatory");
        // The answer to one's own request stays optional.
        assertThat(PreferenceMatrix.enabled(NotificationType.CANCELLATION_ANSWER, "email",
                Map.of("cancellation_answer/email", false))).isFalse();
    }

    private static Map<String, Boolean> cells(boolean inApp, boolean email) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        out.put("in_app", inApp);
        out.put("email", email);
        return out;
    }

    private static TypePreference row(NotificationPreferences doc, String type) {
        return doc.types().stream().filter(t -> t.type().equals(type)).findFirst().orElseThrow();
    }
}
