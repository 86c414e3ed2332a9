package org.souk.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.message.api.MessageTopics;
import org.souk.notification.api.NotificationType;
import org.souk.notification.api.OutboxTopics;

/** Who hears what of the causes that are not order transitions: messages and refunds. */
class CausesTest {

    private static Map<String, Object> message(String text) {
        Map<String, Object> p = new HashMap<>();
        p.put(MessageTopics.ORDER_ID, "o-1");
        p.put(MessageTopics.MESSAGE_ID, "m-1");
        p.put(MessageTopics.AUTHOR_ID, "cli");
        p.put(MessageTopics.RECIPIENT_ID, "fre");
        p.put(MessageTopics.GIG_TITLE, "Logo design");
        p.put(MessageTopics.EXCERPT, text);
        return p;
    }

    @Test
    void aMessageTellsTheOtherSideWithTheGigInTheTitleAndTheStartOfTheText() {
        assertThat(Causes.drafts(MessageTopics.SENT, message("Here are my notes on the logo"))).singleElement()
                .satisfies(d -> {
                    assertThat(d.recipientId()).isEqualTo("fre");
                    assertThat(d.type()).isEqualTo(NotificationType.MESSAGE);
                    assertThat(d.orderId()).isEqualTo("o-1");
                    assertThat(d.title()).isEqualTo("New message on \"Logo design\"");
                    assertThat(d.body()).isEqualTo("Here are my notes on the logo");
                    assertThat(d.dedupKey()).isEqualTo("message#m-1");
                });
    }

    @Test
    void aMessageBodyIsNeverLongerThanAnExcerpt() {
        String body = Causes.drafts(MessageTopics.SENT, message("y".repeat(500))).get(0).body();
        assertThat(body).hasSize(MessageTopics.EXCERPT_LENGTH).endsWith("\u2026");
    }

    @Test
    void aMessageWithoutItsRecipientOrToItsAuthorTellsNobody() {
        Map<String, Object> noRecipient = message("hi");
        noRecipient.remove(MessageTopics.RECIPIENT_ID);
        assertThat(Causes.drafts(MessageTopics.SENT, noRecipient)).isEmpty();
        Map<String, Object> toSelf = message("hi");
        toSelf.put(MessageTopics.RECIPIENT_ID, "cli");
        assertThat(Causes.drafts(MessageTopics.SENT, toSelf)).isEmpty();
    }

    @Test
    void aMessageOnAnOrderWhoseGigIsUnknownStillTells() {
        Map<String, Object> p = message("hi");
        p.remove(MessageTopics.GIG_TITLE);
        assertThat(Causes.drafts(MessageTopics.SENT, p).get(0).title()).isEqualTo("New message on your order");
    }

    @Test
    void aRefundPaidOutTellsTheClient() {
        Map<String, Object> p = new HashMap<>();
        p.put(OutboxTopics.REFUND_ID, "r-1");
        p.put(OutboxTopics.ORDER_ID, "o-1");
        p.put(OutboxTopics.CLIENT_ID, "cli");
        p.put(OutboxTopics.AMOUNT, "250.00 MAD");
        p.put(OutboxTopics.GIG_TITLE, "Logo design");
        p.put(OutboxTopics.REASON, "the client cancelled");
        assertThat(Causes.drafts(OutboxTopics.REFUNDED, p)).singleElement().satisfies(d -> {
            assertThat(d.recipientId()).isEqualTo("cli");
            assertThat(d.type()).isEqualTo(NotificationType.REFUND);
            assertThat(d.body()).isEqualTo("We refunded 250.00 MAD for \"Logo design\": the client cancelled.");
            assertThat(d.dedupKey()).isEqualTo("refund#r-1");
        });
    }

    @Test
    void aChangeOfAddressSendsTheLinkToTheNewAddressAndTheNoticeWithoutItToTheOld() {
        Map<String, Object> p = new HashMap<>();
        p.put(OutboxTopics.CHANGE_ID, "c-1");
        p.put(OutboxTopics.USER_ID, "cli");
        p.put(OutboxTopics.NEW_EMAIL, "nadia@example.com");
        p.put(OutboxTopics.NEW_EMAIL_MASKED, "n***@example.com");
        p.put(OutboxTopics.OLD_EMAIL, "old@example.com");
        p.put(OutboxTopics.TOKEN, "tok");
        p.put(OutboxTopics.EXPIRES_AT, "2026-03-02T10:00:00Z");

        var drafts = Causes.drafts(OutboxTopics.EMAIL_CHANGE_REQUESTED, p);
        assertThat(drafts).extracting(Draft::type).containsExactly(NotificationType.EMAIL_CHANGE_CONFIRMATION,
                NotificationType.EMAIL_CHANGE_NOTICE);
        assertThat(drafts).allSatisfy(d -> assertThat(d.recipientId()).isEqualTo("cli"));
        assertThat(drafts.get(0).data()).containsEntry(Draft.ADDRESS, "nadia@example.com");
        assertThat(drafts.get(0).body()).contains("tok");
        assertThat(drafts.get(1).data()).containsEntry(Draft.ADDRESS, "old@example.com").containsEntry(OutboxTopics.TOKEN, "")
                .containsEntry(OutboxTopics.NEW_EMAIL, "");
        assertThat(drafts.get(1).body()).contains("n***@example.com").doesNotContain("tok", "nadia");
        assertThat(drafts.get(0).dedupKey()).isNotEqualTo(drafts.get(1).dedupKey());

        p.remove(OutboxTopics.OLD_EMAIL);
        assertThat(Causes.drafts(OutboxTopics.EMAIL_CHANGE_REQUESTED, p)).as("no old address: no notice")
                .extracting(Draft::type).containsExactly(NotificationType.EMAIL_CHANGE_CONFIRMATION);
    }
}
