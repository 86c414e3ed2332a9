package org.souk.review.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.FieldError;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Role;
import org.souk.common.api.SoukException;
import org.souk.common.api.ValidationException;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.review.api.Review;
import org.souk.review.api.ReviewDraft;
import org.souk.review.api.ReviewProblems;

class ReviewRulesTest {

    private static final Caller CLIENT = new Caller("omar", Role.CLIENT);
    private static final Caller FREELANCER = new Caller("fatima", Role.FREELANCER);
    private static final Caller OTHER_CLIENT = new Caller("salma", Role.CLIENT);
    private static final Caller ADMIN = new Caller("root", Role.ADMIN);

    private static OrderSummary order(OrderStatus status, OrderStage stage) {
        Instant at = Instant.parse("2025-01-01T10:00:00Z");
        return new OrderSummary("o-1", "omar", "fatima", "g-1", "Logo design", Tier.BASIC,
                Money.ofMinor(25000, "MAD"), status, stage, at, at);
    }

    private static final OrderSummary COMPLETED = order(OrderStatus.COMPLETED, null);

    private static Review review(String reply) {
        return new Review("r-1", "o-1", "g-1", "omar", "fatima", 5, "great", Instant.EPOCH, reply,
                reply == null ? null : Instant.EPOCH);
    }

    private static FieldError fieldError(Runnable check) {
        ValidationException e = catchThrowableOfType(check::run, ValidationException.class);
        assertThat(e).isNotNull();
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }

    private static <T extends SoukException> T refusal(Runnable check, Class<T> type, String problem) {
        T e = catchThrowableOfType(check::run, type);
        assertThat(e).as("expected %s", problem).isNotNull();
        assertThat(e.problemType()).isEqualTo(problem);
        return e;
    }

    @Test
    void aRatingIsAWholeNumberFromOneToFive() {
        for (int rating = 1; rating <= 5; rating++) {
            int r = rating;
            assertThatCode(() -> ReviewRules.checkDraft(new ReviewDraft(r, null))).doesNotThrowAnyException();
        }
        assertThat(fieldError(() -> ReviewRules.checkDraft(new ReviewDraft(0, "ok"))).field()).isEqualTo("rating");
        assertThat(fieldError(() -> ReviewRules.checkDraft(new ReviewDraft(6, "ok"))).field()).isEqualTo("rating");
        assertThat(fieldError(() -> ReviewRules.checkDraft(new ReviewDraft(-1, "ok"))).field()).isEqualTo("rating");
        assertThat(fieldError(() -> ReviewRules.checkDraft(new ReviewDraft(null, "ok"))).reason()).contains("required");
        assertThat(fieldError(() -> ReviewRules.checkDraft(null)).field()).isEqualTo("rating");
    }

    @Test
    void aCommentHoldsUpToTwoThousandCharactersCountedAsCodePoints() {
        assertThatCode(() -> ReviewRules.checkDraft(new ReviewDraft(4, "x".repeat(2000)))).doesNotThrowAnyException();
        FieldError tooLong = fieldError(() -> ReviewRules.checkDraft(new ReviewDraft(4, "x".repeat(2001))));
        assertThat(tooLong.field()).isEqualTo("comment");
        assertThat(tooLong.reason()).contains("2000");
        // 2000 emoji are 4000 UTF-16 units but 2000 characters.
        String emoji = new String(Character.toChars(0x1F600));
        assertThatCode(() -> ReviewRules.checkDraft(new ReviewDraft(4, emoji.repeat(2000)))).doesNotThrowAnyException();
        assertThat(fieldError(() -> ReviewRules.checkDraft(new ReviewDraft(4, emoji.repeat(2001)))).field()).isEqualTo("comment");
    }

    @Test
    void aCommentIsOptionalAndAnythingPrintableIsAcceptedAsWritten() {
        assertThatCode(() -> ReviewRules.checkDraft(new ReviewDraft(5, null))).doesNotThrowAnyException();
        assertThatCode(() -> ReviewRules.checkDraft(new ReviewDraft(5, ""))).doesNotThrowAnyException();
        assertThatCode(() -> ReviewRules.checkDraft(new ReviewDraft(5, "  عمل رائع <b>&amp;</b>\n\t  ")))
                .doesNotThrowAnyException();
    }

    @Test
    void textsThatNoDatabaseStoresExactlyAreRefused() {
        assertThat(fieldError(() -> ReviewRules.checkDraft(new ReviewDraft(5, "a\0b"))).reason()).contains("NUL");
        assertThat(fieldError(() -> ReviewRules.checkDraft(new ReviewDraft(5, "a\uD83Db"))).reason()).contains("surrogate");
        assertThat(fieldError(() -> ReviewRules.checkDraft(new ReviewDraft(5, "a\uDE00"))).field()).isEqualTo("comment");
        assertThat(fieldError(() -> ReviewRules.checkReply("ok\uD83D")).field()).isEqualTo("reply");
    }

    @Test
    void bothFieldsAreNamedWhenBothAreWrong() {
        ValidationException e = catchThrowableOfType(() -> ReviewRules.checkDraft(new ReviewDraft(9, "x".repeat(2001))),
                ValidationException.class);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("rating", "comment");
    }

    @Test
    void aReplySaysSomethingWithinTheLimit() {
        assertThatCode(() -> ReviewRules.checkReply(" Thank you! ")).doesNotThrowAnyException();
        assertThatCode(() -> ReviewRules.checkReply("y".repeat(2000))).doesNotThrowAnyException();
        assertThat(fieldError(() -> ReviewRules.checkReply(null)).reason()).contains("required");
        assertThat(fieldError(() -> ReviewRules.checkReply(" \n ")).reason()).contains("blank");
        assertThat(fieldError(() -> ReviewRules.checkReply("y".repeat(2001))).field()).isEqualTo("reply");
    }

    @Test
    void onlyTheClientReviewsACompletedOrderOnce() {
        assertThatCode(() -> ReviewRules.mayReview(CLIENT, COMPLETED, false)).doesNotThrowAnyException();
        refusal(() -> ReviewRules.mayReview(FREELANCER, COMPLETED, false), ForbiddenException.class, ReviewProblems.NOT_THE_CLIENT);
        refusal(() -> ReviewRules.mayReview(ADMIN, COMPLETED, false), ForbiddenException.class, ReviewProblems.NOT_THE_CLIENT);
        refusal(() -> ReviewRules.mayReview(OTHER_CLIENT, COMPLETED, false), ForbiddenException.class, ReviewProblems.NOT_THE_CLIENT);
        refusal(() -> ReviewRules.mayReview(CLIENT, COMPLETED, true), ConflictException.class, ReviewProblems.ALREADY_REVIEWED);
    }

    @Test
    void noOrderIsReviewedBeforeItIsCompleted() {
        for (OrderSummary open : new OrderSummary[] {order(OrderStatus.PENDING, null),
                order(OrderStatus.PROCESSING, OrderStage.AWAITING_ACCEPTANCE), order(OrderStatus.PROCESSING, OrderStage.IN_PROGRESS),
                order(OrderStatus.PROCESSING, OrderStage.DELIVERED), order(OrderStatus.CANCELLED, null)}) {
            refusal(() -> ReviewRules.mayReview(CLIENT, open, false), ConflictException.class, ReviewProblems.ORDER_NOT_COMPLETED);
        }
    }

    @Test
    void onlyTheFreelancerRepliesToAReviewOnce() {
        assertThatCode(() -> ReviewRules.mayReply(FREELANCER, COMPLETED, review(null))).doesNotThrowAnyException();
        refusal(() -> ReviewRules.mayReply(CLIENT, COMPLETED, review(null)), ForbiddenException.class, ReviewProblems.NOT_THE_FREELANCER);
        refusal(() -> ReviewRules.mayReply(ADMIN, COMPLETED, review(null)), ForbiddenException.class, ReviewProblems.NOT_THE_FREELANCER);
        refusal(() -> ReviewRules.mayReply(FREELANCER, COMPLETED, null), NotFoundException.class, ReviewProblems.NO_REVIEW);
        refusal(() -> ReviewRules.mayReply(FREELANCER, COMPLETED, review("thanks")), ConflictException.class,
                ReviewProblems.ALREADY_REPLIED);
    }

    @Test
    void theAverageHasOneDecimalRoundedHalfUpAndIsNullWithoutReviews() {
        assertThat(ReviewRules.average(0, 0)).isNull();
        assertThat(ReviewRules.average(5, 1)).isEqualTo(new BigDecimal("5.0"));
        assertThat(ReviewRules.average(9, 2)).isEqualTo(new BigDecimal("4.5"));
        assertThat(ReviewRules.average(17, 4)).isEqualTo(new BigDecimal("4.3")); // 4.25
        assertThat(ReviewRules.average(13, 3)).isEqualTo(new BigDecimal("4.3")); // 4.333…
        assertThat(ReviewRules.average(14, 3)).isEqualTo(new BigDecimal("4.7")); // 4.666…
        assertThat(ReviewRules.average(49, 20)).isEqualTo(new BigDecimal("2.5")); // 2.45
        assertThat(ReviewRules.average(61, 25)).isEqualTo(new BigDecimal("2.4")); // 2.44
    }
}
