package org.souk.ledger.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.souk.common.api.Caller;
import org.souk.common.api.audit.AuditTrail;
import org.souk.common.api.Money;
import org.souk.common.api.Page;
import org.souk.ledger.api.AccountLine;
import org.souk.ledger.api.Conversion;
import org.souk.ledger.api.FreelancerBalance;
import org.souk.ledger.api.LedgerCheck;
import org.souk.ledger.api.LedgerService;
import org.souk.ledger.api.Posting;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;
import org.souk.notification.api.NotificationOutbox;
import org.souk.persistence.Conflicts;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/**
 * The ledger in the {@code ledger_posting}, {@code ledger_entry}, {@code ledger_clearance} and
 * {@code ledger_withdrawal} tables; what each event posts is {@link LedgerRules}' decision. Time comes from
 * the {@link PlatformClock}.
 *
 * <p>A facade: it holds the component's configuration and references and hands each call to the class with
 * that job ({@link EventPostings}, {@link Clearances}, {@link Withdrawals}, {@link LedgerQueries}), all
 * writing through one {@link PostingWriter} in {@link LedgerTransactions}.
 */
@Component(configurationPid = "org.souk.ledger")
@Designate(ocd = LedgerConfig.class)
public class JpaLedgerService implements LedgerService {

    /** Records cleared earnings for the freelancer's notification in the clearance's own transaction. */
    private volatile NotificationOutbox outbox = (topic, properties) -> { };
    private final Clock clock;
    private volatile LedgerSettings settings;

    private final EventPostings postings;
    private final Clearances clearances;
    private final Withdrawals withdrawals;
    private final JpaTemplate jpa;
    /** Null only in tests of the ledger alone. */
    private final AuditTrail audit;
    private final LedgerQueries queries;

    @Activate
    public JpaLedgerService(@Reference(target = "(osgi.unit.name=souk-ledger)") JpaTemplate jpa,
            @Reference(target = LedgerSchema.TARGET) Schema schema, @Reference PlatformClock clock,
            @Reference AuditTrail audit, LedgerConfig config) {
        this(jpa, clock, LedgerSettings.of(config), audit);
    }

    /** Without an audit trail: for tests of the ledger's own rules. */
    JpaLedgerService(JpaTemplate jpa, Clock clock, LedgerSettings settings) {
        this(jpa, clock, settings, null);
    }

    JpaLedgerService(JpaTemplate jpa, Clock clock, LedgerSettings settings, AuditTrail audit) {
        this.jpa = jpa;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        LedgerTransactions tx = new LedgerTransactions(jpa);
        Supplier<Instant> now = clock::instant;
        PostingWriter writer = new PostingWriter(now);
        this.postings = new EventPostings(tx, writer, now, () -> this.settings);
        this.clearances = new Clearances(tx, writer, now, () -> this.outbox);
        this.withdrawals = new Withdrawals(tx, writer, now, () -> this.settings);
        this.queries = new LedgerQueries(tx);
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

    // ---- postings ------------------------------------------------------------------------------------

    @Override
    public Posting paymentCaptured(String orderId, String paymentId, String provider, Money amount, Conversion conversion,
            boolean test) {
        return postings.paymentCaptured(orderId, paymentId, provider, amount, conversion, test);
    }

    @Override
    public Posting strayChargeTaken(String orderId, String refundId, String provider, Money amount) {
        return postings.strayChargeTaken(orderId, refundId, provider, amount);
    }

    @Override
    public Optional<Posting> strayChargeReturned(String orderId, String refundId, String provider, Money amount) {
        return postings.strayChargeReturned(orderId, refundId, provider, amount);
    }

    @Override
    public Optional<Posting> orderCompleted(String orderId, String freelancerId) {
        return postings.orderCompleted(orderId, freelancerId);
    }

    @Override
    public Optional<Posting> orderCancelled(String orderId, String freelancerId, Money refund) {
        return postings.orderCancelled(orderId, freelancerId, refund);
    }

    @Override
    public Posting refundPaid(String orderId, String refundId, String provider, Money amount) {
        return postings.refundPaid(orderId, refundId, provider, amount);
    }

    @Override
    public Posting clawback(String orderId, String refundId, Money refund) {
        return postings.clawback(orderId, refundId, refund);
    }

    @Override
    public int releaseDueClearances(int limit) {
        return clearances.releaseDue(limit);
    }

    // ---- withdrawals -------------------------------------------------------------------------------------

    @Override
    public Withdrawal requestWithdrawal(Caller caller, Money amount) {
        return withdrawals.request(caller, amount);
    }

    @Override
    public Withdrawal payWithdrawal(Caller caller, String withdrawalId, String reference) {
        return audited(caller, AuditTrail.WITHDRAWAL_PAY, reference, () -> withdrawals.pay(caller, withdrawalId, reference));
    }

    @Override
    public Withdrawal rejectWithdrawal(Caller caller, String withdrawalId, String reason) {
        return audited(caller, AuditTrail.WITHDRAWAL_REJECT, reason, () -> withdrawals.reject(caller, withdrawalId, reason));
    }

    /**
     * An administrator's decision of a withdrawal and its audit entry, in one transaction (the decision's own
     * joins it); the payout's reference is why a withdrawal is recorded as paid.
     */
    private Withdrawal audited(Caller caller, String action, String reason, Supplier<Withdrawal> decision) {
        if (audit == null) {
            return decision.get();
        }
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                Withdrawal decided = decision.get();
                audit.record(caller, action, decided.id(), null, reason == null ? null : reason.trim(),
                        decided.status() + " " + decided.amount() + " to " + decided.freelancerId());
                return decided;
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The withdrawal was decided by another request at the same time; reload it");
        }
    }

    @Override
    public Withdrawal withdrawal(Caller caller, String withdrawalId) {
        return withdrawals.one(caller, withdrawalId);
    }

    @Override
    public Page<Withdrawal> withdrawals(Caller caller, WithdrawalStatus status, int offset, int limit) {
        return withdrawals.page(caller, status, offset, limit);
    }

    // ---- queries -----------------------------------------------------------------------------------------

    @Override
    public List<FreelancerBalance> balances(String freelancerId) {
        return queries.balances(freelancerId);
    }

    @Override
    public Page<AccountLine> entries(String freelancerId, int offset, int limit) {
        return queries.entries(freelancerId, offset, limit);
    }

    @Override
    public List<Posting> orderPostings(String orderId) {
        return queries.orderPostings(orderId);
    }

    @Override
    public Money commission(Money earnings) {
        return LedgerRules.split(earnings, settings.commissionPercent()).commission();
    }

    @Override
    public LedgerCheck check() {
        return queries.check();
    }
}
