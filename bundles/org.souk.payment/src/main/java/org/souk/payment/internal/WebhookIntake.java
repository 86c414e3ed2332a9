package org.souk.payment.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.UnauthorizedException;
import org.souk.common.api.UnavailableException;
import org.souk.common.api.ValidationException;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.api.TransactionKind;
import org.souk.payment.api.WebhookOutcome;
import org.souk.persistence.Conflicts;

/**
 * Gateways' webhooks: verified by their provider, deduplicated by the gateway's event id, matched to the
 * payment they are about and settled by the {@link SettlementDesk}. A success the event alone cannot prove is
 * confirmed with the gateway before anything moves.
 */
final class WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private final JpaTemplate jpa;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final RefundDesk refunds;
    private final SettlementDesk settlement;
    private final java.util.concurrent.atomic.AtomicLong ignored = new java.util.concurrent.atomic.AtomicLong();

    WebhookIntake(JpaTemplate jpa, PaymentGateway gateway, Clock clock, RefundDesk refunds, SettlementDesk settlement) {
        this.jpa = jpa;
        this.gateway = gateway;
        this.clock = clock;
        this.refunds = refunds;
        this.settlement = settlement;
    }

    WebhookOutcome handleWebhook(String providerId, Map<String, List<String>> headers, byte[] body) {
        WebhookEvent event;
        try {
            event = gateway.verifyWebhook(providerId, new WebhookRequest(headers, body));
        } catch (WebhookRejectedException e) {
            LOG.debug("Webhook of '{}' rejected: {}", providerId, e.getMessage());
            throw new UnauthorizedException("Webhook rejected: " + e.getMessage());
        } catch (ValidationException e) {
            // Signed, but no event the provider can read: a 400 naming the field, nothing recorded, so the
            // gateway's redelivery (or its dashboard) shows the malformed notice instead of a silent 200.
            LOG.warn("Webhook of '{}' is signed but malformed: {}", providerId, e.getMessage());
            throw e;
        }
        if (event.isIgnored()) {
            return ignore(providerId, event);
        }
        if (event.status() == ProviderStatus.UNKNOWN) {
            // Verified, but the gateway could not confirm it just now: not recorded, so its retry is not a duplicate.
            throw new UnavailableException("The gateway could not confirm event " + event.eventId() + " yet; retry later");
        }
        if (seen(providerId, event.eventId())) {
            return WebhookOutcome.DUPLICATE;
        }
        Intake intake;
        try {
            intake = jpa.txExpr(TransactionType.Required, em -> applyWebhook(em, providerId, event));
        } catch (RuntimeException e) {
            if (Conflicts.isConflict(e) && seen(providerId, event.eventId())) {
                return WebhookOutcome.DUPLICATE;
            }
            throw Conflicts.translate(e, "The payment was changed by another request at the same time; retry");
        }
        if (intake.refundRecorded()) {
            refunds.askDue(intake.paymentId());
        }
        if (intake.action() == Settlement.Action.LOOK_UP) {
            return confirm(providerId, event, intake);
        }
        if (intake.outcome() == WebhookOutcome.APPLIED && event.status() == ProviderStatus.PENDING) {
            lookUpNow(providerId, event, intake.paymentId(), intake.attempt());
        }
        return intake.outcome();
    }

    /**
     * A verified event about nothing Souk handles (another event type, another shop's payment): the gateway
     * gets its 2xx, so that it keeps the endpoint on, and nothing changes. Its id, when it has one, is recorded
     * as seen with no payment, like an event about no known payment, so a redelivery is a duplicate.
     */
    private WebhookOutcome ignore(String providerId, WebhookEvent event) {
        ignored.incrementAndGet();
        LOG.info("Webhook event {} of '{}' ignored: {}", event.eventId() == null ? "(no id)" : event.eventId(),
                providerId, event.ignoredBecause());
        if (event.eventId() == null) {
            return WebhookOutcome.IGNORED;
        }
        if (seen(providerId, event.eventId())) {
            return WebhookOutcome.DUPLICATE;
        }
        markSeen(providerId, event, null);
        return WebhookOutcome.IGNORED;
    }

    /** Verified events ignored since this bundle started, for administrators. */
    long ignoredCount() {
        return ignored.get();
    }

    /**
     * What a webhook did in its transaction; {@code attempt} is the number of the attempt it was matched to (0 if
     * it names none of them).
     */
    private record Intake(WebhookOutcome outcome, Settlement.Action action, String paymentId, PaymentStatus before,
            boolean refundRecorded, int attempt) {
    }

    /**
     * A webhook that says "under way" (a PayPal approval, say) is the moment to ask the gateway, which may
     * complete the payment now (PayPal captures on look-up) instead of at the next reconciliation.
     */
    private void lookUpNow(String providerId, WebhookEvent event, String paymentId, int matched) {
        PaymentEntity p = jpa.txExpr(TransactionType.Supports, em -> em.find(PaymentEntity.class, paymentId));
        if (p == null || p.status() != PaymentStatus.PENDING) {
            return;
        }
        try {
            PaymentAttemptEntity attempt = matched != 0 ? p.attempt(matched) : p.currentAttempt();
            ProviderResult answer = gateway.fetch(providerId, SettlementDesk.lookUpOf(p, attempt));
            settlement.apply(p.id(), attempt.number(), TransactionKind.STATUS_CHECK, answer);
        } catch (RuntimeException e) {
            LOG.info("Look-up of payment {} after webhook {} failed ({}); reconciliation will retry", p.id(),
                    event.eventId(), e.getMessage());
        }
    }

    /**
     * A success the event alone cannot settle (it names no amount, or another charge than the payment's):
     * the gateway is asked about the charge the event names, with the payment's id and amount, and its
     * own answer decides. The event counts as seen only once that answer is in; while the gateway cannot
     * say, a payment no reconciliation will look at again answers 503 so that the gateway redelivers.
     */
    private WebhookOutcome confirm(String providerId, WebhookEvent event, Intake intake) {
        PaymentEntity p = jpa.txExpr(TransactionType.Supports, em -> em.find(PaymentEntity.class, intake.paymentId()));
        // The charge is asked about under the key of the attempt that made it (the one the event was matched
        // to, even if its gateway never named its charge), and with what it was to charge.
        PaymentAttemptEntity matched = intake.attempt() != 0 ? p.attempt(intake.attempt()) : null;
        String named = reportedReference(p, event);
        String asked = named != null ? named : matched != null ? matched.gatewayReference() : p.gatewayReference();
        PaymentAttemptEntity charge = matched != null ? matched : p.attemptWithReference(asked);
        if (charge == null) {
            charge = p.currentAttempt();
        }
        PaymentAttemptEntity paying = p.payingAttempt();
        PaymentAttemptEntity standing = paying != null ? paying : p.currentAttempt();
        boolean otherCharge = charge.number() != standing.number() || asked != null && !asked.equals(p.gatewayReference())
                && (p.gatewayReference() != null || p.otherReferences().contains(asked));
        ProviderResult answer = gateway.fetch(providerId, new PaymentLookup(charge.id(), p.orderId(), asked, p.amount(),
                charge.charged()));
        SettlementDesk.Settled settled;
        if (answer.status() == ProviderStatus.PROCESSED) {
            settled = settlement.applyReport(p.id(), TransactionKind.STATUS_CHECK, answer,
                    new Settlement.Report(ProviderStatus.PROCESSED, asked, p.expectedSettlement(charge),
                            Settlement.Source.CONFIRMED, charge.number()));
        } else if (answer.status() == ProviderStatus.UNKNOWN && (otherCharge || p.status() != PaymentStatus.PENDING)) {
            throw new UnavailableException("The gateway could not confirm event " + event.eventId() + " yet; retry later");
        } else if (otherCharge || p.status() != PaymentStatus.PENDING) {
            // The gateway does not confirm the success the event named: recorded, nothing moves.
            LOG.warn("Payment {}: webhook event {} reported a success for {} that the gateway does not confirm ({})",
                    p.id(), event.eventId(), asked, answer.status());
            jpa.tx(TransactionType.Required, em -> em.persist(new PaymentTransactionEntity(UUID.randomUUID().toString(),
                    p.id(), TransactionKind.STATUS_CHECK, answer.status(), asked, "refused, the gateway does not confirm "
                    + "the success of event " + event.eventId() + ": " + (answer.message() == null ? "" : answer.message()),
                    clock.instant())));
            markSeen(providerId, event, p.id());
            return WebhookOutcome.REFUSED;
        } else {
            settled = settlement.applyReport(p.id(), TransactionKind.STATUS_CHECK, answer,
                    new Settlement.Report(answer.status(), answer.gatewayReference(), null, Settlement.Source.LOOK_UP,
                            charge.number()));
        }
        markSeen(providerId, event, p.id());
        return settled.payment().status() != intake.before() || settled.refundRecorded() ? WebhookOutcome.APPLIED
                : WebhookOutcome.IGNORED;
    }

    private void markSeen(String providerId, WebhookEvent event, String paymentId) {
        try {
            jpa.tx(TransactionType.Required, em -> {
                em.persist(new WebhookEventEntity(providerId, event.eventId(), paymentId, clock.instant()));
                em.flush();
            });
        } catch (RuntimeException e) {
            if (!Conflicts.isConflict(e)) {
                throw e;
            }
            // the same event, delivered twice at once, was marked by the other delivery
        }
    }

    private Intake applyWebhook(EntityManager em, String providerId, WebhookEvent event) {
        Match match = find(em, providerId, event);
        if (match == null) {
            em.persist(new WebhookEventEntity(providerId, event.eventId(), null, clock.instant()));
            em.flush();
            LOG.info("Webhook event {} of '{}' concerns no known payment; ignored", event.eventId(), providerId);
            return new Intake(WebhookOutcome.IGNORED, Settlement.Action.NOTHING, null, null, false, 0);
        }
        PaymentEntity p = match.payment();
        int attempt = match.attempt() == null ? 0 : match.attempt().number();
        if (match.attempt() != null && !match.attempt().provider().equals(providerId)) {
            return refuseForeign(em, providerId, event, p, match.attempt());
        }
        PaymentStatus before = p.status();
        boolean declinedBefore = p.awaitingNewAttempt();
        Settlement.Report report = new Settlement.Report(event.status(), reportedReference(p, event), event.amount(),
                Settlement.Source.WEBHOOK, attempt);
        // A success's amount is checked against what the attempt whose charge it names was to settle.
        Settlement.Action action = Settlement.decide(SettlementDesk.standing(p),
                p.expectedSettlement(SettlementDesk.attemptOf(p, report)), report).action();
        if (action != Settlement.Action.LOOK_UP) {
            // Seen now, so a redelivery is a duplicate; a look-up's event is marked once the gateway has answered.
            em.persist(new WebhookEventEntity(providerId, event.eventId(), p.id(), clock.instant()));
            em.flush();
        }
        SettlementDesk.Settled settled = settlement.settle(em, p, TransactionKind.WEBHOOK, new ProviderResult(event.status(),
                report.reference(), "webhook event " + event.eventId(), null, null, null, event.declineCode()), report);
        WebhookOutcome outcome = switch (action) {
            case REFUSE -> WebhookOutcome.REFUSED;
            case REFUND_CHARGE -> WebhookOutcome.APPLIED;
            // A decline that leaves the payment pending, awaiting a new attempt, was applied all the same.
            case SETTLE -> before == p.status() && declinedBefore == p.awaitingNewAttempt() && event.status().isFinal()
                    ? WebhookOutcome.IGNORED : WebhookOutcome.APPLIED;
            case LOOK_UP, NOTHING -> WebhookOutcome.IGNORED;
        };
        return new Intake(outcome, action, p.id(), before, settled.refundRecorded(), attempt);
    }

    /**
     * An event that came through one provider id about an attempt made through another (another account of the
     * same gateway, or another gateway): that provider cannot speak for the charge, whatever its signature
     * proves. Recorded on the payment as refused and seen, nothing else changes, and no gateway is asked.
     */
    private Intake refuseForeign(EntityManager em, String providerId, WebhookEvent event, PaymentEntity p,
            PaymentAttemptEntity attempt) {
        String why = "refused, provider mismatch: event " + event.eventId() + " came through '" + providerId
                + "', but attempt " + attempt.number() + " was made through '" + attempt.provider() + "'";
        LOG.warn("Payment {}: webhook {}", p.id(), why);
        em.persist(new WebhookEventEntity(providerId, event.eventId(), p.id(), clock.instant()));
        em.persist(new PaymentTransactionEntity(UUID.randomUUID().toString(), p.id(), TransactionKind.WEBHOOK,
                event.status(), event.gatewayReference(), why, clock.instant()));
        em.flush();
        return new Intake(WebhookOutcome.REFUSED, Settlement.Action.REFUSE, p.id(), p.status(), false, attempt.number());
    }

    /** The payment a webhook is about and the attempt it names (null if it names none in particular). */
    private record Match(PaymentEntity payment, PaymentAttemptEntity attempt) {
    }

    /**
     * The payment and attempt a webhook is about: by the charge it names among the attempts made through this
     * provider, else by the key it echoes (an attempt's, the first attempt's being the payment's id; Souk's own,
     * so matched whichever provider made that attempt), else by a charge of an attempt made through another
     * provider. An attempt made through another provider than the webhook's is refused by the caller.
     */
    private static Match find(EntityManager em, String providerId, WebhookEvent event) {
        String ref = event.gatewayReference();
        if (ref != null) {
            PaymentAttemptEntity attempt = em.createQuery("SELECT a FROM PaymentAttemptEntity a WHERE a.provider = :provider"
                    + " AND a.gatewayReference = :ref", PaymentAttemptEntity.class).setParameter("provider", providerId)
                    .setParameter("ref", ref).getResultList().stream().findFirst().orElse(null);
            if (attempt != null) {
                return new Match(attempt.payment(), attempt);
            }
        }
        if (event.paymentId() != null) {
            PaymentAttemptEntity attempt = em.find(PaymentAttemptEntity.class, event.paymentId());
            if (attempt != null) {
                return new Match(attempt.payment(), attempt);
            }
            PaymentEntity p = em.find(PaymentEntity.class, event.paymentId());
            if (p != null && p.provider().equals(providerId)) {
                return new Match(p, p.attemptWithKey(event.paymentId()));
            }
        }
        if (ref != null) {
            PaymentEntity p = em.createQuery(
                    "SELECT p FROM PaymentEntity p WHERE p.provider = :provider AND p.gatewayReference = :ref",
                    PaymentEntity.class).setParameter("provider", providerId).setParameter("ref", ref)
                    .getResultList().stream().findFirst().orElse(null);
            if (p != null) {
                return new Match(p, p.attemptWithReference(ref));
            }
            return em.createQuery("SELECT a FROM PaymentAttemptEntity a WHERE a.gatewayReference = :ref",
                    PaymentAttemptEntity.class).setParameter("ref", ref).getResultList().stream().findFirst()
                    .map(a -> new Match(a.payment(), a)).orElse(null);
        }
        return null;
    }

    /**
     * The charge a webhook names: its gateway reference, or, when it names none but echoes an earlier
     * attempt's key, that attempt's reference (a word about an earlier attempt is never taken for the latest's).
     */
    static String reportedReference(PaymentEntity p, WebhookEvent event) {
        if (event.gatewayReference() != null) {
            return event.gatewayReference();
        }
        PaymentAttemptEntity attempt = p.attemptWithKey(event.paymentId());
        return attempt != null && attempt.number() != p.attemptNumber() ? attempt.gatewayReference() : null;
    }

    private boolean seen(String providerId, String eventId) {
        return jpa.txExpr(TransactionType.Supports,
                em -> em.find(WebhookEventEntity.class, providerId + ":" + eventId) != null);
    }
}
