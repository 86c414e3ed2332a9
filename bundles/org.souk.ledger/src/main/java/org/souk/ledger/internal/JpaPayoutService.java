package org.souk.ledger.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.audit.AuditTrail;
import org.souk.common.api.ConflictException;
import org.souk.common.api.FieldError;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Role;
import org.souk.common.api.SoukException;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.LedgerProblems;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.PayoutDetails;
import org.souk.ledger.api.PayoutService;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;
import org.souk.ledger.api.payout.PayoutProvider;
import org.souk.ledger.api.payout.PayoutRequest;
import org.souk.ledger.api.payout.PayoutResult;
import org.souk.persistence.Conflicts;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/**
 * Payout details in {@code ledger_payout_details}, and withdrawals paid through the deployed
 * {@link PayoutProvider}s: claimed in a transaction of their own, the provider asked outside any transaction,
 * then decided through {@link LedgerService#payWithdrawal} / {@link LedgerService#rejectWithdrawal} under the
 * provider's name ({@link PayoutRules#settler}). What may happen when is {@link PayoutRules}' decision.
 */
@Component(service = PayoutService.class)
public class JpaPayoutService implements PayoutService {

    private static final Logger LOG = LoggerFactory.getLogger(JpaPayoutService.class);
    static final int MAX_HOLDER = 140;
    private static final int MAX_BATCH = 500;
    /** How long a provider call may take; shorter than {@link PayoutRules#UNANSWERED}, so no two calls overlap. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_CONCURRENT_CALLS = 8;

    private final JpaTemplate jpa;
    private final LedgerService ledger;
    private final PayoutProviders providers;
    private final Clock clock;
    private final Duration callTimeout;
    private final ExecutorService calls;

    @Activate
    public JpaPayoutService(@Reference(target = "(osgi.unit.name=souk-ledger)") JpaTemplate jpa,
            @Reference(target = LedgerSchema.TARGET) Schema schema, @Reference LedgerService ledger,
            @Reference PlatformClock clock, @Reference AuditTrail audit) {
        this(jpa, ledger, clock, new PayoutProviders());
        this.audit = audit;
    }

    /** Records an administrator's claim or release in its transaction; null only in tests of payouts alone. */
    private AuditTrail audit;

    JpaPayoutService(JpaTemplate jpa, LedgerService ledger, Clock clock, PayoutProviders providers) {
        this(jpa, ledger, clock, providers, CALL_TIMEOUT);
    }

    JpaPayoutService(JpaTemplate jpa, LedgerService ledger, Clock clock, PayoutProviders providers, Duration callTimeout) {
        this.jpa = jpa;
        this.ledger = ledger;
        this.providers = providers;
        this.clock = clock;
        this.callTimeout = callTimeout;
        AtomicInteger n = new AtomicInteger();
        // Bounded: a provider that ignores the interruption of a call past its deadline cannot pile up threads.
        this.calls = Executors.newFixedThreadPool(MAX_CONCURRENT_CALLS, r -> {
            Thread t = new Thread(r, "souk-payout-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        calls.shutdownNow();
    }

    @Reference(service = PayoutProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeProvider")
    void addProvider(PayoutProvider provider, Map<String, Object> properties) {
        providers.add(provider, properties);
    }

    void removeProvider(PayoutProvider provider, Map<String, Object> properties) {
        providers.remove(provider, properties);
    }

    // ---- payout details ----------------------------------------------------------------------------------

    @Override
    public PayoutDetails setPayoutDetails(Caller caller, String iban, String holder) {
        if (caller.role() != Role.FREELANCER) {
            throw new ForbiddenException("Only freelancers register payout details");
        }
        List<FieldError> errors = new ArrayList<>();
        String account = null;
        try {
            account = Iban.valid(iban);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        String name = holder == null ? "" : holder.trim();
        if (name.isEmpty()) {
            errors.add(new FieldError("holder", "is required: the account holder's name as the bank knows it"));
        } else if (name.length() > MAX_HOLDER) {
            errors.add(new FieldError("holder", "must be at most " + MAX_HOLDER + " characters"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("holder", "must be one line of text"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String checked = account;
        String me = caller.userId();
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                PayoutDetailsEntity details = em.find(PayoutDetailsEntity.class, me);
                if (details == null) {
                    details = new PayoutDetailsEntity(me, checked, name, clock.instant());
                    em.persist(details);
                } else {
                    details.change(checked, name, clock.instant());
                }
                em.flush();
                return details.toDetails();
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "Your payout details were changed meanwhile; send them again");
        }
    }

    @Override
    public Optional<PayoutDetails> payoutDetails(Caller caller) {
        return Optional.ofNullable(jpa.txExpr(TransactionType.Supports,
                em -> em.find(PayoutDetailsEntity.class, caller.userId()))).map(PayoutDetailsEntity::toDetails);
    }

    // ---- paying through a provider -------------------------------------------------------------------------

    @Override
    @Deprecated
    public Withdrawal payOut(Caller caller, String withdrawalId, String provider) {
        return payOut(caller, withdrawalId, provider, null);
    }

    @Override
    public Withdrawal payOut(Caller caller, String withdrawalId, String provider, String reason) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only administrators pay withdrawals out");
        }
        String providerId = provider == null ? "" : provider.trim();
        PayoutProvider payer = providers.get(providerId).orElseThrow(() -> new ValidationException("provider",
                providerId.isEmpty() ? "is required: " + deployed() : "no payout provider '" + providerId
                        + "' is deployed; " + deployed()));
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("reason", "say why this withdrawal is paid out now (it goes to the audit trail)");
        }
        PayoutRequest request = claim(caller, withdrawalId, providerId, reason.trim());
        LOG.info("Withdrawal {} of {} claimed by {} for payout provider {}", request.withdrawalId(), request.amount(),
                caller.userId(), providerId);
        settle(providerId, request.withdrawalId(), ask(providerId, request.withdrawalId(), () -> payer.pay(request)));
        return ledger.withdrawal(Caller.SYSTEM, request.withdrawalId());
    }

    private String deployed() {
        Set<String> ids = providers.ids();
        return ids.isEmpty() ? "none is deployed" : "deployed: " + String.join(", ", ids);
    }

    /** Claims the withdrawal for the provider in a transaction of its own, and returns what to ask the provider. */
    private PayoutRequest claim(Caller caller, String withdrawalId, String providerId, String reason) {
        try {
            return jpa.txExpr(TransactionType.RequiresNew, em -> {
                WithdrawalEntity w = withdrawalId == null ? null : em.find(WithdrawalEntity.class, withdrawalId);
                if (w == null) {
                    throw NotFoundException.typed(LedgerProblems.NO_WITHDRAWAL, "No withdrawal " + withdrawalId);
                }
                PayoutDetailsEntity details = em.find(PayoutDetailsEntity.class, w.freelancerId());
                PayoutRules.mayClaim(w.id(), w.status(), w.payoutProvider(), details != null);
                Map<String, String> destination = details.destination();
                w.claim(providerId, caller.userId(), clock.instant(), destination.get("iban"), destination.get("holder"));
                if (audit != null) {
                    audit.record(caller, AuditTrail.WITHDRAWAL_PAYOUT, w.id(), null, reason,
                            "claimed for " + providerId + ": " + w.amount() + " to " + w.freelancerId());
                }
                // The version column refuses the second of two concurrent claims here.
                em.flush();
                return new PayoutRequest(w.id(), w.freelancerId(), w.amount(), destination);
            });
        } catch (RuntimeException e) {
            throw refusal(e, "Withdrawal " + withdrawalId + " was claimed or decided meanwhile");
        }
    }

    /**
     * The provider's answer, or null when it failed to give one within {@link #CALL_TIMEOUT} (the claim stays and
     * is asked again later).
     */
    private PayoutResult ask(String providerId, String withdrawalId, Supplier<PayoutResult> call) {
        Future<PayoutResult> answer;
        try {
            answer = calls.submit(call::get);
        } catch (RuntimeException e) {
            LOG.warn("Payout provider {} could not be asked about withdrawal {}: {}", providerId, withdrawalId, e.toString());
            return null;
        }
        try {
            return answer.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.warn("Payout provider {} gave no answer about withdrawal {} within {}; asked again later", providerId,
                    withdrawalId, callTimeout);
            return null;
        } catch (ExecutionException e) {
            LOG.warn("Payout provider {} gave no answer about withdrawal {}: {}", providerId, withdrawalId,
                    String.valueOf(e.getCause()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return null;
        }
    }

    /** Applies a provider's answer; true if it decided the withdrawal. */
    private boolean settle(String providerId, String withdrawalId, PayoutResult result) {
        Caller settler = PayoutRules.settler(providerId);
        try {
            switch (PayoutRules.next(result)) {
                case PAY -> {
                    ledger.payWithdrawal(settler, withdrawalId,
                            PayoutRules.text(result.reference(), LedgerRules.MAX_REFERENCE, withdrawalId));
                    LOG.info("Withdrawal {} paid by payout provider {}", withdrawalId, providerId);
                    return true;
                }
                case REJECT -> {
                    ledger.rejectWithdrawal(settler, withdrawalId, PayoutRules.text(result.message(),
                            LedgerRules.MAX_REASON, "payout provider " + providerId + " could not pay it"));
                    LOG.info("Withdrawal {} failed at payout provider {}: its amount is available again", withdrawalId,
                            providerId);
                    return true;
                }
                default -> {
                    if (result != null && result.reference() != null && !result.reference().isBlank()) {
                        recordReference(providerId, withdrawalId, result.reference().trim());
                    }
                    return false;
                }
            }
        } catch (ConflictException e) {
            if (LedgerProblems.WITHDRAWAL_DECIDED.equals(e.problemType())) {
                LOG.debug("Withdrawal {} was decided meanwhile", withdrawalId);
                return false;
            }
            throw e;
        }
    }

    private void recordReference(String providerId, String withdrawalId, String reference) {
        String kept = PayoutRules.text(reference, LedgerRules.MAX_REFERENCE, reference);
        try {
            jpa.txExpr(TransactionType.RequiresNew, em -> {
                WithdrawalEntity w = em.find(WithdrawalEntity.class, withdrawalId);
                if (w != null && w.status() == WithdrawalStatus.REQUESTED && providerId.equals(w.payoutProvider())
                        && !kept.equals(w.reference())) {
                    w.accepted(kept);
                    em.flush();
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (!Conflicts.isConflict(e)) {
                throw e;
            }
            LOG.debug("Withdrawal {} changed while its payout reference was recorded", withdrawalId);
        }
    }

    @Override
    public int checkPayouts(int limit) {
        Instant now = clock.instant();
        int decided = 0;
        for (WithdrawalEntity w : claimed(limit)) {
            try {
                if (check(w, now)) {
                    decided++;
                }
            } catch (RuntimeException e) {
                LOG.warn("The payout of withdrawal {} through {} could not be checked: {}", w.id(), w.payoutProvider(),
                        e.toString());
            }
        }
        return decided;
    }

    private boolean check(WithdrawalEntity w, Instant now) {
        Optional<PayoutProvider> provider = providers.get(w.payoutProvider());
        if (provider.isEmpty()) {
            LOG.debug("Payout provider {} of withdrawal {} is not deployed; asked again later", w.payoutProvider(), w.id());
            return false;
        }
        if (w.reference() == null && !PayoutRules.askAgain(null, w.payoutCheckedAt(), now)) {
            return false;
        }
        // Only the node whose bump of the claim commits asks the provider, and the claim goes to the back.
        if (!bump(w, now)) {
            LOG.debug("Withdrawal {} was checked or changed meanwhile by another node", w.id());
            return false;
        }
        PayoutProvider payer = provider.get();
        PayoutResult result;
        if (w.reference() != null) {
            result = ask(w.payoutProvider(), w.id(), () -> payer.status(w.reference()));
        } else {
            // The first call never answered (a crash, a failure): providers are idempotent on the withdrawal id.
            // Paid to the account stored with the claim, whatever the freelancer changed since.
            Map<String, String> destination = w.payoutDestination();
            if (destination == null) {
                PayoutDetailsEntity details = jpa.txExpr(TransactionType.Supports,
                        em -> em.find(PayoutDetailsEntity.class, w.freelancerId()));
                if (details == null) {
                    return false;
                }
                destination = details.destination(); // a claim made before destinations were stored with it
            }
            PayoutRequest request = new PayoutRequest(w.id(), w.freelancerId(), w.amount(), destination);
            result = ask(w.payoutProvider(), w.id(), () -> payer.pay(request));
        }
        return settle(w.payoutProvider(), w.id(), result);
    }

    /** Marks the claim checked now, if it is still as the poll read it; false if another node got there first. */
    private boolean bump(WithdrawalEntity seen, Instant now) {
        try {
            return jpa.txExpr(TransactionType.RequiresNew, em -> {
                WithdrawalEntity w = em.find(WithdrawalEntity.class, seen.id());
                if (w == null || w.version() != seen.version() || w.status() != WithdrawalStatus.REQUESTED
                        || !Objects.equals(w.payoutProvider(), seen.payoutProvider())) {
                    return false;
                }
                w.checked(now);
                em.flush();
                return true;
            });
        } catch (RuntimeException e) {
            if (!Conflicts.isConflict(e)) {
                throw e;
            }
            return false;
        }
    }

    /** The claims of deployed providers, least recently checked first, so stuck ones do not hide newer ones. */
    private List<WithdrawalEntity> claimed(int limit) {
        Set<String> deployed = providers.ids();
        if (deployed.isEmpty()) {
            return List.of();
        }
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT w FROM WithdrawalEntity w"
                + " WHERE w.status = :requested AND w.payoutProvider IN :deployed ORDER BY w.payoutCheckedAt, w.id",
                WithdrawalEntity.class).setParameter("requested", WithdrawalStatus.REQUESTED)
                .setParameter("deployed", deployed)
                .setMaxResults(Math.max(1, Math.min(limit, MAX_BATCH))).getResultList());
    }

    @Override
    public List<Withdrawal> payoutsInFlight(int limit) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT w FROM WithdrawalEntity w"
                + " WHERE w.status = :requested AND w.payoutProvider IS NOT NULL ORDER BY w.payoutClaimedAt, w.id",
                WithdrawalEntity.class).setParameter("requested", WithdrawalStatus.REQUESTED)
                .setMaxResults(Math.max(1, Math.min(limit, MAX_BATCH))).getResultList())
                .stream().map(WithdrawalEntity::toWithdrawal).toList();
    }

    @Override
    public Withdrawal releasePayout(Caller caller, String withdrawalId, String note) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only administrators release payouts");
        }
        WithdrawalEntity seen = withdrawalId == null ? null
                : jpa.txExpr(TransactionType.Supports, em -> em.find(WithdrawalEntity.class, withdrawalId));
        if (seen == null) {
            throw NotFoundException.typed(LedgerProblems.NO_WITHDRAWAL, "No withdrawal " + withdrawalId);
        }
        String text = PayoutRules.mayRelease(seen.id(), seen.status(), seen.payoutProvider(), note);
        String providerId = seen.payoutProvider();
        Optional<PayoutProvider> provider = providers.get(providerId);
        if (provider.isPresent() && seen.reference() != null) {
            // One last time: a payout the provider did send is paid as usual, not released.
            PayoutResult last = ask(providerId, seen.id(), () -> provider.get().status(seen.reference()));
            if (PayoutRules.next(last) == PayoutRules.Next.PAY) {
                settle(providerId, seen.id(), last);
                return ledger.withdrawal(Caller.SYSTEM, seen.id());
            }
        }
        String recorded = PayoutRules.releaseNote(providerId, seen.reference(), text);
        try {
            jpa.txExpr(TransactionType.RequiresNew, em -> {
                WithdrawalEntity w = em.find(WithdrawalEntity.class, seen.id());
                if (w == null || w.version() != seen.version()) {
                    throw ConflictException.typed(LedgerProblems.WITHDRAWAL_PAYING, "Withdrawal " + seen.id()
                            + " changed meanwhile; look at it again before releasing it");
                }
                w.release(caller.userId(), recorded, clock.instant());
                if (audit != null) {
                    audit.record(caller, AuditTrail.WITHDRAWAL_PAYOUT_RELEASE, w.id(), null, text, "released from " + providerId);
                }
                em.flush();
                return null;
            });
        } catch (RuntimeException e) {
            throw refusal(e, "Withdrawal " + seen.id() + " changed meanwhile; look at it again before releasing it");
        }
        LOG.warn("The payout of withdrawal {} through {} was released by {}: {}", seen.id(), providerId, caller.userId(),
                recorded);
        return ledger.withdrawal(Caller.SYSTEM, seen.id());
    }

    @Override
    public Set<String> payoutProviders() {
        return providers.ids();
    }

    /** A refusal as itself (templates may wrap it), a lost race as {@link LedgerProblems#WITHDRAWAL_PAYING}. */
    private static RuntimeException refusal(RuntimeException failure, String conflictMessage) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SoukException refused) {
                return refused;
            }
        }
        return Conflicts.isConflict(failure)
                ? ConflictException.typed(LedgerProblems.WITHDRAWAL_PAYING, conflictMessage, failure) : failure;
    }
}
