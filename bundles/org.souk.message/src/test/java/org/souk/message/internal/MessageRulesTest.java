package org.souk.message.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Caller;
import org.souk.common.api.FieldError;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;
import org.souk.message.api.Attachment;
import org.souk.message.api.MessageDraft;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;

class MessageRulesTest {

    private static final OrderSummary ORDER = new OrderSummary("o-1", "omar", "fatima", "g-1", "Logo design", Tier.BASIC,
            Money.ofMinor(25000, "MAD"), OrderStatus.PROCESSING, null,
            Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:00Z"));

    @Test
    void aPlainTextWithAnAttachmentIsAccepted() {
        assertThatCode(() -> MessageRules.checkDraft(new MessageDraft("Here is the first draft",
                List.of(new Attachment("draft.pdf", "https://files.example.com/d/1", "application/pdf", 2048L)))))
                .doesNotThrowAnyException();
        assertThatCode(() -> MessageRules.checkDraft(new MessageDraft("مرحبا", null))).doesNotThrowAnyException();
    }

    @Test
    void everyMistakeIsNamedAtOnce() {
        ValidationException e = catchThrowableOfType(() -> MessageRules.checkDraft(new MessageDraft(" ", List.of(
                new Attachment("", "ftp://files.example.com/x", "not a type", -1L),
                new Attachment("ok.png", "/relative/path", null, null)))), ValidationException.class);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("body", "attachments[0].name",
                "attachments[0].url", "attachments[0].contentType", "attachments[0].size", "attachments[1].url");
    }

    @Test
    void aMissingDraftOrBodyNamesTheBody() {
        assertThat(catchThrowableOfType(() -> MessageRules.checkDraft(null), ValidationException.class).errors())
                .extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void limitsAreCountedInCharactersNotUnits() {
        String emoji = "\uD83D\uDE00";
        assertThatCode(() -> MessageRules.checkDraft(new MessageDraft(emoji.repeat(4000), null))).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(() -> MessageRules.checkDraft(new MessageDraft("a".repeat(4001), null)),
                ValidationException.class).errors()).extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void tooManyAttachmentsAreRefused() {
        List<Attachment> eleven = Collections.nCopies(11, new Attachment("a.txt", "https://f.example.com/a", null, null));
        assertThat(catchThrowableOfType(() -> MessageRules.checkDraft(new MessageDraft("files", eleven)),
                ValidationException.class).errors()).extracting(FieldError::field).containsExactly("attachments");
    }

    @Test
    void theTwoPartiesWriteToEachOther() {
        String client = MessageRules.authorRole(new Caller("omar", Role.CLIENT), ORDER);
        String freelancer = MessageRules.authorRole(new Caller("fatima", Role.FREELANCER), ORDER);
        assertThat(client).isEqualTo("CLIENT");
        assertThat(freelancer).isEqualTo("FREELANCER");
        assertThat(MessageRules.recipient(client, ORDER)).isEqualTo("fatima");
        assertThat(MessageRules.recipient(freelancer, ORDER)).isEqualTo("omar");
    }

    @Test
    void anAdministratorReadsButDoesNotWrite() {
        assertThat(catchThrowableOfType(() -> MessageRules.authorRole(new Caller("root", Role.ADMIN), ORDER),
                ForbiddenException.class)).isNotNull();
    }

    @Test
    void anExcerptFoldsWhiteSpaceAndCutsBetweenCharactersNeverInsideOne() {
        assertThat(MessageRules.excerpt("  Hello\n\n  there\t!  ", 140)).isEqualTo("Hello there !");
        String smiles = "\uD83D\uDE00".repeat(10);
        String cut = MessageRules.excerpt(smiles, 5);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(5);
        assertThat(cut).isEqualTo("\uD83D\uDE00".repeat(4) + "\u2026");
        assertThat(MessageRules.excerpt(smiles, 10)).isEqualTo(smiles);
    }
}
