package org.souk.ledger.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.persistence.EntityManager;
import javax.sql.DataSource;

import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.Role;
import org.souk.common.api.SoukException;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.AccountLine;
import org.souk.ledger.api.Conversion;
import org.souk.ledger.api.FreelancerBalance;
import org.souk.ledger.api.LedgerCheck;
import org.souk.ledger.api.LedgerEntry;
import org.souk.ledger.api.LedgerProblems;
import org.souk.ledger.api.LedgerService;
import org.souk.notification.api.NotificationOutbox;
import org.souk.notification.api.OutboxTopics;
import org.souk.ledger.api.Posting;
import org.souk.ledger.api.PostingKind;
import org.souk.ledger.api.SignedMoney;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;
import org.souk.persistence.Conflicts;
import org.souk.persistence.DueRows;
import org.souk.persistence.SchemaMigrator;

/**
 * The ledger in the {@code ledger_posting}, {@code ledger_entry}, {@code ledger_clearance} and
 * {@code ledger_withdrawal} tables; what each event posts is {@link LedgerRules}' decision. Time comes from
 * the highest-ranked {@link Clock} service if there is one (tests move it), else from the system clock.
 *
 * <p>Refusals found while reading inside the caller's transaction are carried out of the transaction
 * template as values and thrown after it, so that a refusal does not mark the caller's transaction
 * rollback-only (the template does that for anything thrown inside it).
 */
@Component(configurationPid = "org.souk.ledger")
@Designate(ocd = LedgerConfig.class)
public class JpaLedgerService implements LedgerService {

    private static final Logger LOG = LoggerFactory.getLogger(JpaLedgerService.class);

    private static final Set<AccountKind> FREELANCER_KINDS = Set.of(AccountKind.FREELANCER_PENDING,
            AccountKind.FREELANCER_AVAILABLE, AccountKind.WITHDRAWAL_RESERVED, AccountKind.FREELANCER_PAID_OUT,
            AccountKind.TEST_EARNINGS);
    private static final Set<PostingKind> RELEASES = Set.of(PostingKind.ORDER_COMPLETED, PostingKind.ORDER_CANCELLED);

    private final JpaTemplate jpa;
    /** Records cleared earnings for the freelancer's notification in the clearance's own transaction. */
    private volatile NotificationOutbox outbox = (topic, properties) -> { };
    private final Clock systemClock;
    private volatile Clock clock;
    private volatile LedgerSettings settings;
    /** Orders the postings this node writes within one instant; starts above what an earlier run wrote. */
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    @Activate
    public JpaLedgerService(@Reference(target = "(osgi.unit.name=souk-ledger)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=souk)") DataSource dataSource, LedgerConfig config) {
        this(jpa, dataSource, Clock.systemUTC(), LedgerSettings.of(config));
    }

    JpaLedgerService(JpaTemplate jpa, DataSource dataSource, Clock clock, LedgerSettings settings) {
        new SchemaMigrator(dataSource, "ledger", JpaLedgerService.class.getClassLoader()).migrate();
        this.jpa = jpa;
        this.systemClock = clock;
        this.clock = clock;
        this.settings = settings;
    }

    @Modified
    void modified(LedgerConfig config) {
        settings = LedgerSettings.of(config);
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindOutbox")
    void bindOutbox(NotificationOutbox o) {
        outbox = o;
    }

    void unbindOutbox(NotificationOutbox o) {
        // Mandatory: the component deactivates unless another outbox is bound first.
    }

    @Reference(service = Clock.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindClock")
    void bindClock(Clock c) {
        clock = c;
    }

    void unbindClock(Clock c) {
        if (clock == c) {
            clock = systemClock;
        }
    }

    // ---- postings ------------------------------------------------------------------------------------

    @Override
    public Posting paymentCaptured(String orderId, String paymentId, String provider, Money amount, Conversion conversion,
            boolean test) {
        requireId("orderId", orderId);
        requireId("paymentId", paymentId);
        requireId("provider", provider);
        LedgerRules.requirePositive("amount", amount);
        String cause = "payment:" + paymentId + ":captured";
        return inTransaction(em -> existing(em, cause).orElseGet(() -> {
            Map<String, Long> escrow = escrow(em, orderId);
            if (!escrow.isEmpty() && !escrow.containsKey(amount.currency())) {
                throw ConflictException.typed(LedgerProblems.ESCROW_SHORT, "Order " + orderId + " is held in "
                        + escrow.keySet() + ", not " + amount.currency());
            }
            PostingKind kind = test ? PostingKind.TEST_PAYMENT_CAPTURED : PostingKind.PAYMENT_CAPTURED;
            return post(em, cause, kind, orderId, null, null, conversion, LedgerRules.move(amount,
                    LedgerRules.clearing(provider, amount.currency()), LedgerRules.escrow(orderId, amount.currency())));
        }));
    }

    @Override
    public Posting strayChargeTaken(String orderId, String refundId, String provider, Money amount) {
        requireId("orderId", orderId);
        requireId("refundId", refundId);
        requireId("provider", provider);
        LedgerRules.requirePositive("amount", amount);
        String cause = "refund:" + refundId + ":stray";
        return inTransaction(em -> existing(em, cause).orElseGet(() -> post(em, cause, PostingKind.STRAY_CHARGE, orderId,
                null, null, null, LedgerRules.move(amount, LedgerRules.clearing(provider, amount.currency()),
                        LedgerRules.suspense(orderId, amount.currency())))));
    }

    @Override
    public Optional<Posting> strayChargeReturned(String orderId, String refundId, String provider, Money amount) {
        requireId("orderId", orderId);
        requireId("refundId", refundId);
        String cause = "refund:" + refundId + ":returned";
        return inTransaction(em -> {
            Optional<Posting> done = existing(em, cause);
            Optional<Posting> taken = existing(em, "refund:" + refundId + ":stray");
            if (done.isPresent() || taken.isEmpty()) {
                return done; // a charge recorded before the ledger held stray charges has nothing to return
            }
            // Returned exactly as it was taken: the same clearing account, the same amount, whatever the caller says.
            LedgerEntry from = taken.get().entries().stream()
                    .filter(e -> e.account().kind() == AccountKind.GATEWAY_CLEARING).findFirst().orElseThrow();
            Money back = from.amount().magnitude();
            if (amount != null && !amount.equals(back)) {
                LOG.warn("Stray charge refund {} of order {} paid {}, its charge was {}: the suspense returns {}", refundId,
                        orderId, amount, back, back);
            }
            return Optional.of(post(em, cause, PostingKind.STRAY_CHARGE_RETURNED, orderId, null, null, null,
                    LedgerRules.move(back, LedgerRules.suspense(orderId, back.currency()),
                            LedgerRules.clearing(from.account().owner(), back.currency()))));
        });
    }

    @Override
    public Optional<Posting> orderCompleted(String orderId, String freelancerId) {
        requireId("orderId", orderId);
        requireId("freelancerId", freelancerId);
        return release(orderId, freelancerId, null, "order:" + orderId + ":completed", PostingKind.ORDER_COMPLETED);
    }

    @Override
    public Optional<Posting> orderCancelled(String orderId, String freelancerId, Money refund) {
        requireId("orderId", orderId);
        if (refund == null) {
            throw new ValidationException("refund", "is required (zero for none)");
        }
        return release(orderId, freelancerId, refund, "order:" + orderId + ":cancelled", PostingKind.ORDER_CANCELLED);
    }

    private Optional<Posting> release(String orderId, String freelancerId, Money refund, String cause, PostingKind kind) {
        LedgerSettings now = settings;
        return inTransaction(em -> {
            Optional<Posting> done = existing(em, cause);
            if (done.isPresent()) {
                return done;
            }
            Map<String, Long> held = escrow(em, orderId);
            Money escrow;
            if (held.isEmpty()) {
                if (refund != null && !refund.isZero()) {
                    throw new ValidationException("refund", "must be zero: order " + orderId + " holds nothing in escrow");
                }
                return Optional.<Posting>empty();
            } else if (held.size() > 1) {
                throw new IllegalStateException("escrow of order " + orderId + " holds " + held.keySet());
            } else {
                var only = held.entrySet().iterator().next();
                escrow = Money.ofMinor(only.getValue(), only.getKey());
            }
            Money refunded = refund == null ? Money.ofMinor(0, escrow.currency()) : refund;
            if (escrow.isZero() && refunded.isZero()) {
                return Optional.<Posting>empty();
            }
            List<LedgerEntry> entries = LedgerRules.release(orderId, freelancerId, escrow, refunded, now.commissionPercent(),
                    book(em, orderId));
            Posting posting = post(em, cause, kind, orderId, freelancerId, now.commissionPercent(), null, entries);
            Money pending = entries.stream().filter(e -> e.account().kind() == AccountKind.FREELANCER_PENDING)
                    .map(e -> e.amount().magnitude()).findFirst().orElse(null);
            if (pending != null) {
                Instant at = clock.instant();
                em.persist(new ClearanceEntity(UUID.randomUUID().toString(), orderId, freelancerId, pending,
                        at.plus(now.clearancePeriod()), at));
            }
            em.flush();
            return Optional.of(posting);
        });
    }

    @Override
    public Posting refundPaid(String orderId, String refundId, String provider, Money amount) {
        requireId("orderId", orderId);
        requireId("refundId", refundId);
        requireId("provider", provider);
        LedgerRules.requirePositive("amount", amount);
        String cause = "refund:" + refundId + ":paid";
        return inTransaction(em -> existing(em, cause).orElseGet(() -> {
            long payable = balance(em, AccountKind.REFUNDS_PAYABLE, orderId, amount.currency());
            if (payable < amount.minor()) {
                throw ConflictException.typed(LedgerProblems.NOTHING_PAYABLE, "Order " + orderId + " owes its client "
                        + new SignedMoney(payable, amount.currency()) + ", less than the refund of " + amount);
            }
            return post(em, cause, PostingKind.REFUND_PAID, orderId, null, null, null, LedgerRules.move(amount,
                    LedgerRules.refundsPayable(orderId, amount.currency()), LedgerRules.clearing(provider, amount.currency())));
        }));
    }

    @Override
    public Posting clawback(String orderId, String refundId, Money refund) {
        requireId("orderId", orderId);
        requireId("refundId", refundId);
        LedgerRules.requirePositive("refund", refund);
        String cause = "refund:" + refundId + ":clawback";
        return inTransaction(em -> existing(em, cause).orElseGet(() -> {
            PostingEntity release = em.createQuery("SELECT p FROM PostingEntity p WHERE p.orderId = :order"
                    + " AND p.kind IN :kinds", PostingEntity.class).setParameter("order", orderId)
                    .setParameter("kinds", RELEASES).getResultList().stream().findFirst().orElse(null);
            if (release == null || release.freelancerId() == null) {
                throw new ValidationException("orderId", "order " + orderId + " has no released earnings to claw back");
            }
            String cur = refund.currency();
            Book book = book(em, orderId);
            Map<AccountKind, Long> released = sumsByKind(em, release.id(), cur);
            long commission = released.getOrDefault(book.revenue, 0L);
            long earned = commission + released.getOrDefault(book.earned, 0L);
            if (earned == 0) {
                throw new ValidationException("refund", "order " + orderId + " released no earnings in " + cur);
            }
            long clawed = 0;
            long returned = 0;
            for (PostingEntity earlier : em.createQuery("SELECT p FROM PostingEntity p WHERE p.orderId = :order"
                    + " AND p.kind = :kind", PostingEntity.class).setParameter("order", orderId)
                    .setParameter("kind", PostingKind.CLAWBACK).getResultList()) {
                Map<AccountKind, Long> sums = sumsByKind(em, earlier.id(), cur);
                clawed += sums.getOrDefault(AccountKind.REFUNDS_PAYABLE, 0L);
                returned -= sums.getOrDefault(book.revenue, 0L);
            }
            List<LedgerEntry> entries = LedgerRules.clawback(orderId, release.freelancerId(), refund,
                    Money.ofMinor(earned, cur), Money.ofMinor(commission, cur), Money.ofMinor(clawed, cur),
                    Money.ofMinor(returned, cur), release.commissionPercent(), book);
            return post(em, cause, PostingKind.CLAWBACK, orderId, release.freelancerId(), release.commissionPercent(),
                    null, entries);
        }));
    }

    @Override
    public int releaseDueClearances(int limit) {
        Instant now = clock.instant();
        List<String> due = jpa.txExpr(TransactionType.Supports, em -> DueRows.pendingIds(em, "ledger_clearance", now, limit));
        int cleared = 0;
        for (String id : due) {
            try {
                if (jpa.txExpr(TransactionType.RequiresNew, em -> clear(em, em.find(ClearanceEntity.class, id), now))) {
                    cleared++;
                }
            } catch (RuntimeException e) {
                if (Conflicts.isConflict(e)) {
                    LOG.debug("Clearance {} was fired by another node first", id);
                } else {
                    LOG.warn("Clearance {} could not fire: {}", id, e.toString());
                }
            }
        }
        return cleared;
    }

    /** Fires one clearance: its pending earnings become available; its version makes a second firing fail. */
    private boolean clear(EntityManager em, ClearanceEntity clearance, Instant now) {
        if (clearance == null || !clearance.dueAt(now)) {
            return false;
        }
        String cause = "order:" + clearance.orderId() + ":cleared";
        if (existing(em, cause).isEmpty()) {
            Money amount = clearance.amount();
            post(em, cause, PostingKind.CLEARANCE, clearance.orderId(), clearance.freelancerId(), null, null,
                    LedgerRules.move(amount,
                            LedgerRules.freelancer(AccountKind.FREELANCER_PENDING, clearance.freelancerId(), amount.currency()),
                            LedgerRules.freelancer(AccountKind.FREELANCER_AVAILABLE, clearance.freelancerId(), amount.currency())));
            outbox.record(OutboxTopics.EARNINGS_AVAILABLE, Map.of(OutboxTopics.CLEARANCE_ID, cause,
                    OutboxTopics.ORDER_ID, clearance.orderId(), OutboxTopics.FREELANCER_ID, clearance.freelancerId(),
                    OutboxTopics.AMOUNT, amount.toString()));
        }
        clearance.fired(now);
        em.flush();
        return true;
    }

    // ---- withdrawals -------------------------------------------------------------------------------------

    @Override
    public Withdrawal requestWithdrawal(Caller caller, Money amount) {
        if (caller.role() != Role.FREELANCER) {
            throw new ForbiddenException("Only freelancers withdraw their earnings");
        }
        LedgerRules.requirePositive("amount", amount);
        BigDecimal minimum = settings.withdrawalMinimum();
        String me = caller.userId();
        return translated(LedgerProblems.WITHDRAWAL_OPEN, "A withdrawal request is open already", () -> inTransaction(em -> {
            boolean open = !em.createQuery("SELECT w.id FROM WithdrawalEntity w WHERE w.freelancerId = :me"
                    + " AND w.status = :requested", String.class).setParameter("me", me)
                    .setParameter("requested", WithdrawalStatus.REQUESTED).setMaxResults(1).getResultList().isEmpty();
            long available = balance(em, AccountKind.FREELANCER_AVAILABLE, me, amount.currency());
            long test = balance(em, AccountKind.TEST_EARNINGS, me, amount.currency());
            LedgerRules.mayWithdraw(amount, minimum, open, new SignedMoney(available, amount.currency()),
                    new SignedMoney(test, amount.currency()));
            WithdrawalEntity w = new WithdrawalEntity(UUID.randomUUID().toString(), me, amount, clock.instant());
            em.persist(w);
            post(em, "withdrawal:" + w.id() + ":reserved", PostingKind.WITHDRAWAL_RESERVED, null, me, null, null,
                    LedgerRules.move(amount, LedgerRules.freelancer(AccountKind.FREELANCER_AVAILABLE, me, amount.currency()),
                            LedgerRules.freelancer(AccountKind.WITHDRAWAL_RESERVED, me, amount.currency())));
            // The unique open key refuses the second of two concurrent requests here.
            em.flush();
            return w.toWithdrawal();
        }));
    }

    @Override
    public Withdrawal payWithdrawal(Caller caller, String withdrawalId, String reference) {
        LedgerRules.requireText("reference", reference, LedgerRules.MAX_REFERENCE);
        return decide(caller, withdrawalId, WithdrawalStatus.PAID, reference.trim());
    }

    @Override
    public Withdrawal rejectWithdrawal(Caller caller, String withdrawalId, String reason) {
        LedgerRules.requireText("reason", reason, LedgerRules.MAX_REASON);
        return decide(caller, withdrawalId, WithdrawalStatus.REJECTED, reason.trim());
    }

    private Withdrawal decide(Caller caller, String withdrawalId, WithdrawalStatus outcome, String text) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only administrators pay or reject withdrawals");
        }
        return translated(LedgerProblems.WITHDRAWAL_DECIDED, "Withdrawal " + withdrawalId + " was decided meanwhile",
                () -> inTransaction(em -> {
                    WithdrawalEntity w = withdrawalId == null ? null : em.find(WithdrawalEntity.class, withdrawalId);
                    if (w == null) {
                        throw noWithdrawal(withdrawalId);
                    }
                    LedgerRules.mayDecide(w.id(), w.status());
                    w.decide(outcome, caller.userId(), text, clock.instant());
                    Money amount = w.amount();
                    String me = w.freelancerId();
                    var reserved = LedgerRules.freelancer(AccountKind.WITHDRAWAL_RESERVED, me, amount.currency());
                    if (outcome == WithdrawalStatus.PAID) {
                        post(em, "withdrawal:" + w.id() + ":paid", PostingKind.WITHDRAWAL_PAID, null, me, null, null,
                                LedgerRules.move(amount, reserved,
                                        LedgerRules.freelancer(AccountKind.FREELANCER_PAID_OUT, me, amount.currency())));
                    } else {
                        post(em, "withdrawal:" + w.id() + ":rejected", PostingKind.WITHDRAWAL_REJECTED, null, me, null, null,
                                LedgerRules.move(amount, reserved,
                                        LedgerRules.freelancer(AccountKind.FREELANCER_AVAILABLE, me, amount.currency())));
                    }
                    // The version column refuses the second of two concurrent decisions here.
                    em.flush();
                    return w.toWithdrawal();
                }));
    }

    @Override
    public Withdrawal withdrawal(Caller caller, String withdrawalId) {
        WithdrawalEntity w = withdrawalId == null ? null
                : jpa.txExpr(TransactionType.Supports, em -> em.find(WithdrawalEntity.class, withdrawalId));
        if (w == null || !(caller.isAdmin() || caller.userId().equals(w.freelancerId()))) {
            throw noWithdrawal(withdrawalId);
        }
        return w.toWithdrawal();
    }

    @Override
    public Page<Withdrawal> withdrawals(Caller caller, WithdrawalStatus status, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        int from = Math.max(0, offset);
        List<String> conditions = new ArrayList<>();
        if (!caller.isAdmin()) {
            conditions.add("w.freelancerId = :me");
        }
        if (status != null) {
            conditions.add("w.status = :status");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jpa.txExpr(TransactionType.Supports, em -> {
            var count = em.createQuery("SELECT COUNT(w) FROM WithdrawalEntity w" + where, Long.class);
            var list = em.createQuery("SELECT w FROM WithdrawalEntity w" + where
                    + " ORDER BY w.requestedAt DESC, w.id DESC", WithdrawalEntity.class);
            if (!caller.isAdmin()) {
                count.setParameter("me", caller.userId());
                list.setParameter("me", caller.userId());
            }
            if (status != null) {
                count.setParameter("status", status);
                list.setParameter("status", status);
            }
            List<Withdrawal> items = list.setFirstResult(from).setMaxResults(size).getResultList().stream()
                    .map(WithdrawalEntity::toWithdrawal).toList();
            return new Page<>(items, from, size, count.getSingleResult());
        });
    }

    // ---- queries -----------------------------------------------------------------------------------------

    @Override
    public List<FreelancerBalance> balances(String freelancerId) {
        return jpa.txExpr(TransactionType.Supports, em -> {
            Map<String, Map<AccountKind, Long>> byCurrency = new LinkedHashMap<>();
            for (Object[] row : em.createQuery("SELECT e.currency, e.accountKind, SUM(e.amountMinor) FROM EntryEntity e"
                    + " WHERE e.owner = :me AND e.accountKind IN :kinds GROUP BY e.currency, e.accountKind"
                    + " ORDER BY e.currency", Object[].class).setParameter("me", freelancerId)
                    .setParameter("kinds", FREELANCER_KINDS).getResultList()) {
                byCurrency.computeIfAbsent((String) row[0], c -> new HashMap<>())
                        .put((AccountKind) row[1], ((Number) row[2]).longValue());
            }
            List<FreelancerBalance> out = new ArrayList<>();
            byCurrency.forEach((cur, sums) -> out.add(new FreelancerBalance(freelancerId, cur,
                    signed(sums, AccountKind.FREELANCER_PENDING, cur), signed(sums, AccountKind.FREELANCER_AVAILABLE, cur),
                    signed(sums, AccountKind.WITHDRAWAL_RESERVED, cur), signed(sums, AccountKind.FREELANCER_PAID_OUT, cur),
                    signed(sums, AccountKind.TEST_EARNINGS, cur))));
            return out;
        });
    }

    @Override
    public Page<AccountLine> entries(String freelancerId, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        int from = Math.max(0, offset);
        return jpa.txExpr(TransactionType.Supports, em -> {
            long total = em.createQuery("SELECT COUNT(e) FROM EntryEntity e WHERE e.owner = :me AND e.accountKind IN :kinds",
                    Long.class).setParameter("me", freelancerId).setParameter("kinds", FREELANCER_KINDS).getSingleResult();
            List<AccountLine> items = em.createQuery("SELECT e FROM EntryEntity e WHERE e.owner = :me"
                    + " AND e.accountKind IN :kinds ORDER BY e.createdAt DESC, e.seq DESC, e.lineNo DESC", EntryEntity.class)
                    .setParameter("me", freelancerId).setParameter("kinds", FREELANCER_KINDS)
                    .setFirstResult(from).setMaxResults(size).getResultList().stream().map(EntryEntity::toLine).toList();
            return new Page<>(items, from, size, total);
        });
    }

    @Override
    public List<Posting> orderPostings(String orderId) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT p FROM PostingEntity p"
                + " WHERE p.orderId = :order ORDER BY p.createdAt, p.seq", PostingEntity.class)
                .setParameter("order", orderId).getResultList().stream().map(p -> toPosting(em, p)).toList());
    }

    @Override
    public Money commission(Money earnings) {
        return LedgerRules.split(earnings, settings.commissionPercent()).commission();
    }

    @Override
    public LedgerCheck check() {
        return jpa.txExpr(TransactionType.Supports, em -> {
            long postings = em.createQuery("SELECT COUNT(p) FROM PostingEntity p", Long.class).getSingleResult();
            List<LedgerAudit.PostingSum> sums = em.createQuery("SELECT e.postingId, e.currency, SUM(e.amountMinor)"
                    + " FROM EntryEntity e GROUP BY e.postingId, e.currency HAVING SUM(e.amountMinor) <> 0",
                    Object[].class).getResultList().stream()
                    .map(r -> new LedgerAudit.PostingSum((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
            List<String> empty = em.createQuery("SELECT p.cause FROM PostingEntity p WHERE NOT EXISTS"
                    + " (SELECT e FROM EntryEntity e WHERE e.postingId = p.id)", String.class).getResultList();
            List<LedgerAudit.AccountSum> accounts = em.createQuery("SELECT e.accountKind, e.owner, e.currency,"
                    + " SUM(e.amountMinor) FROM EntryEntity e GROUP BY e.accountKind, e.owner, e.currency", Object[].class)
                    .getResultList().stream().map(r -> new LedgerAudit.AccountSum((AccountKind) r[0], (String) r[1],
                            (String) r[2], ((Number) r[3]).longValue())).toList();
            Set<String> closed = Set.copyOf(em.createQuery("SELECT p.orderId FROM PostingEntity p WHERE p.kind IN :kinds",
                    String.class).setParameter("kinds", RELEASES).getResultList());
            Set<String> clawedBack = Set.copyOf(em.createQuery("SELECT p.freelancerId FROM PostingEntity p"
                    + " WHERE p.kind = :kind", String.class).setParameter("kind", PostingKind.CLAWBACK).getResultList());
            List<LedgerAudit.OpenSum> open = em.createQuery("SELECT w.freelancerId, w.currency, SUM(w.amountMinor)"
                    + " FROM WithdrawalEntity w WHERE w.status = :requested GROUP BY w.freelancerId, w.currency",
                    Object[].class).setParameter("requested", WithdrawalStatus.REQUESTED).getResultList().stream()
                    .map(r -> new LedgerAudit.OpenSum((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
            return LedgerAudit.audit(postings, sums, empty, accounts, closed, clawedBack, open);
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /**
     * Runs work in the caller's transaction (or a new one). A refusal thrown by the work comes out as a value
     * and is thrown here, after the template, so the caller's transaction stays usable; the work throws
     * refusals only before it writes anything.
     */
    private <T> T inTransaction(EmFunction<T> work) {
        Object result = jpa.txExpr(TransactionType.Required, em -> {
            try {
                return work.apply(em);
            } catch (SoukException refusal) {
                return new Refused(refusal);
            }
        });
        if (result instanceof Refused refused) {
            throw refused.refusal();
        }
        @SuppressWarnings("unchecked")
        T value = (T) result;
        return value;
    }

    private record Refused(SoukException refusal) {
    }

    /** A refusal as itself, a lost race (unique key, version) as the given conflict, anything else as it is. */
    private static <T> T translated(String problem, String message, Supplier<T> work) {
        try {
            return work.get();
        } catch (SoukException refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            if (Conflicts.isConflict(e)) {
                throw ConflictException.typed(problem, message, e);
            }
            throw e;
        }
    }

    private Posting post(EntityManager em, String cause, PostingKind kind, String orderId, String freelancerId,
            BigDecimal percent, Conversion conversion, List<LedgerEntry> entries) {
        List<LedgerEntry> lines = LedgerRules.balanced(entries);
        PostingEntity posting = new PostingEntity(UUID.randomUUID().toString(), sequence.incrementAndGet(), cause, kind, orderId, freelancerId,
                clock.instant(), percent, conversion);
        em.persist(posting);
        // Entries refer to their posting, and without a mapped relationship the provider may order the inserts
        // either way: the posting goes first. The unique key on cause refuses a second posting of one cause
        // here (the backstop for a race).
        em.flush();
        for (int i = 0; i < lines.size(); i++) {
            em.persist(new EntryEntity(posting, i + 1, lines.get(i)));
        }
        em.flush();
        return posting.toPosting(lines);
    }

    private static Optional<Posting> existing(EntityManager em, String cause) {
        return em.createQuery("SELECT p FROM PostingEntity p WHERE p.cause = :cause", PostingEntity.class)
                .setParameter("cause", cause).getResultList().stream().findFirst().map(p -> toPosting(em, p));
    }

    private static Posting toPosting(EntityManager em, PostingEntity p) {
        return p.toPosting(em.createQuery("SELECT e FROM EntryEntity e WHERE e.postingId = :p ORDER BY e.lineNo",
                EntryEntity.class).setParameter("p", p.id()).getResultList().stream().map(EntryEntity::toEntry).toList());
    }

    /** What the order's escrow holds, per currency (empty if it never held anything). */
    /** The books an order's earnings go to: a test payment's play money is kept apart from real money. */
    private static Book book(EntityManager em, String orderId) {
        return em.createQuery("SELECT COUNT(p) FROM PostingEntity p WHERE p.orderId = :order AND p.kind = :kind",
                Long.class).setParameter("order", orderId).setParameter("kind", PostingKind.TEST_PAYMENT_CAPTURED)
                .getSingleResult() > 0 ? Book.TEST : Book.REAL;
    }

    private static Map<String, Long> escrow(EntityManager em, String orderId) {
        Map<String, Long> held = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("SELECT e.currency, SUM(e.amountMinor) FROM EntryEntity e"
                + " WHERE e.accountKind = :kind AND e.owner = :order GROUP BY e.currency", Object[].class)
                .setParameter("kind", AccountKind.ESCROW).setParameter("order", orderId).getResultList()) {
            held.put((String) row[0], ((Number) row[1]).longValue());
        }
        return held;
    }

    private static long balance(EntityManager em, AccountKind kind, String owner, String currency) {
        Number sum = em.createQuery("SELECT SUM(e.amountMinor) FROM EntryEntity e WHERE e.accountKind = :kind"
                + " AND e.owner = :owner AND e.currency = :cur", Number.class).setParameter("kind", kind)
                .setParameter("owner", owner).setParameter("cur", currency).getSingleResult();
        return sum == null ? 0 : sum.longValue();
    }

    private static Map<AccountKind, Long> sumsByKind(EntityManager em, String postingId, String currency) {
        Map<AccountKind, Long> sums = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT e.accountKind, SUM(e.amountMinor) FROM EntryEntity e"
                + " WHERE e.postingId = :p AND e.currency = :cur GROUP BY e.accountKind", Object[].class)
                .setParameter("p", postingId).setParameter("cur", currency).getResultList()) {
            sums.put((AccountKind) row[0], ((Number) row[1]).longValue());
        }
        return sums;
    }

    private static SignedMoney signed(Map<AccountKind, Long> sums, AccountKind kind, String currency) {
        return new SignedMoney(sums.getOrDefault(kind, 0L), currency);
    }

    private static void requireId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (value.length() > 128) {
            throw new ValidationException(field, "must be at most 128 characters");
        }
    }

    private static NotFoundException noWithdrawal(String id) {
        return NotFoundException.typed(LedgerProblems.NO_WITHDRAWAL, "No withdrawal " + id);
    }
}
