package org.souk.ledger.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;

/**
 * The double-entry ledger of the money Souk holds.
 *
 * <h2>Accounts and signs</h2>
 * An account is a kind, an owner and one currency ({@link Account}); money in two currencies is two
 * accounts. Every {@link Posting} is a set of {@link LedgerEntry entries} that sums to zero in each currency.
 * An entry's amount is what its account <em>receives</em>: positive moves money into the account, negative
 * takes it out, and a balance is the plain sum of the account's entries. Money held for someone (escrow,
 * pending, available, reserved, refunds payable, revenue) is therefore positive; the two accounts that face
 * the outside world mirror it: {@link AccountKind#GATEWAY_CLEARING} goes negative as the gateway collects
 * money for Souk (it is where the money came from), {@link AccountKind#FREELANCER_PAID_OUT} grows positive
 * as money leaves. Balances are not stored: they are sums of entries, so they cannot drift from them.
 *
 * <h2>Transactions and idempotence</h2>
 * Every posting method joins the caller's JTA transaction (or starts one if there is none), so a posting is
 * committed or rolled back with the state change that caused it. Each posting has a unique cause key
 * (shown on each method); a repeat of a cause that was posted in an earlier transaction changes nothing
 * and returns the posting already written. Two transactions racing to post one cause are decided by the
 * unique key: the loser's transaction fails as a conflict and its retry finds the winner's posting.
 * Refusals ({@link ValidationException}, {@link ConflictException}) are thrown before anything is written,
 * but as with any failure inside a transaction the caller decides whether its own transaction still commits.
 *
 * <h2>Commission</h2>
 * The platform's commission on earnings {@code E} at {@code p} percent is {@code E × p / 100} rounded to
 * the nearest minor unit, a half to the even neighbour (banker's rounding); the freelancer gets exactly
 * {@code E} minus the commission, so nothing is created or lost. The percent is recorded on the posting.
 */
@ProviderType
public interface LedgerService {

    /**
     * A payment succeeded: {@code amount} moves from the provider's clearing account to the order's escrow.
     * Cause {@code payment:<paymentId>:captured}.
     *
     * @param amount in the order's currency; the escrow of an order never holds two currencies
     * @param conversion what the gateway really charged if it charged another currency at a rate, else null;
     *        recorded on the posting
     * @throws ValidationException for a missing id or provider, or a zero amount
     * @throws ConflictException ({@link LedgerProblems#ESCROW_SHORT}) if the order's escrow holds another currency
     */
    default Posting paymentCaptured(String orderId, String paymentId, String provider, Money amount, Conversion conversion) {
        return paymentCaptured(orderId, paymentId, provider, amount, conversion, false);
    }

    /**
     * As {@link #paymentCaptured(String, String, String, Money, Conversion)}, for a payment that moved real
     * money or, with {@code test}, one taken by a provider that moves none (a simulator, a gateway's sandbox).
     * A test payment is posted as {@link PostingKind#TEST_PAYMENT_CAPTURED}, and whatever its order earns goes
     * to {@link AccountKind#TEST_EARNINGS} and {@link AccountKind#TEST_REVENUE}: it never clears, never counts
     * as available and can never be withdrawn, so play money cannot become a real payout.
     */
    Posting paymentCaptured(String orderId, String paymentId, String provider, Money amount, Conversion conversion,
            boolean test);

    /**
     * A gateway took money that pays for nothing (a stray charge): {@code amount} moves from the provider's
     * clearing account to the order's {@link AccountKind#SUSPENSE}, where it shows as owed to the client until
     * {@link #strayChargeReturned}. Cause {@code refund:<refundId>:stray}; once per refund.
     */
    Posting strayChargeTaken(String orderId, String refundId, String provider, Money amount);

    /**
     * The refund of a stray charge was paid: its suspense goes back to the provider's clearing account.
     * Cause {@code refund:<refundId>:returned}; empty if the charge was never posted (recorded before the
     * ledger held stray charges).
     */
    Optional<Posting> strayChargeReturned(String orderId, String refundId, String provider, Money amount);

    /**
     * An order completed: its whole escrow is released, the commission to revenue and the rest to the
     * freelancer's pending earnings, which become available after {@code clearance.period}.
     * Cause {@code order:<orderId>:completed}.
     *
     * @return the posting, or empty if the escrow held nothing (an order never paid)
     */
    Optional<Posting> orderCompleted(String orderId, String freelancerId);

    /**
     * An order was cancelled with a refund of {@code refund} (zero up to the whole escrow): the refund moves
     * to the order's refunds payable, the rest of the escrow is earnings as on completion (commission, then
     * pending, then clearance). Cause {@code order:<orderId>:cancelled}.
     *
     * @param freelancerId who earns what is not refunded; may be null only if the refund is the whole escrow
     * @return the posting, or empty if the escrow and the refund are both zero (an order cancelled unpaid)
     * @throws ValidationException if the refund is in another currency than the escrow, or exceeds it
     */
    Optional<Posting> orderCancelled(String orderId, String freelancerId, Money refund);

    /**
     * A refund was paid at the gateway: {@code amount} moves from the order's refunds payable to the
     * provider's clearing account. Cause {@code refund:<refundId>:paid}.
     *
     * @throws ConflictException ({@link LedgerProblems#NOTHING_PAYABLE}) if the order owes its client less
     *         than this (the cancellation or clawback that owes it must be posted first)
     */
    Posting refundPaid(String orderId, String refundId, String provider, Money amount);

    /**
     * A refund of an order whose money was released already (an administrator's decision): the refund is
     * split at the commission percent of the order's release, the commission part taken back from revenue
     * and the rest from the freelancer's available earnings, which may go negative this way and no other;
     * the whole refund moves to the order's refunds payable. Cause {@code refund:<refundId>:clawback}.
     *
     * @throws ValidationException if the order's money was never released, or the refund is more than what
     *         was released less earlier clawbacks, or in another currency
     */
    Posting clawback(String orderId, String refundId, Money refund);

    /**
     * Moves the pending earnings whose clearance fell due (by the ledger's clock) to available, each in its
     * own transaction, at most {@code limit} of them. Cause {@code order:<orderId>:cleared}. Called by the
     * ledger's own poller; safe to call from several nodes at once (each clearance happens once).
     *
     * @return how many cleared
     */
    int releaseDueClearances(int limit);

    /**
     * A freelancer asks to withdraw {@code amount} of their available earnings in its currency; the amount
     * is reserved at once. Cause {@code withdrawal:<id>:reserved}.
     *
     * @throws ValidationException below {@code withdrawal.minimum} (in the amount's currency)
     * @throws ForbiddenException if the caller is not a freelancer
     * @throws ConflictException ({@link LedgerProblems#WITHDRAWAL_OPEN}) while another request of the
     *         caller is open, ({@link LedgerProblems#INSUFFICIENT_FUNDS}) above the available balance
     */
    Withdrawal requestWithdrawal(Caller caller, Money amount);

    /**
     * An administrator records that a requested withdrawal was paid out, with the external reference
     * (a bank transfer id): reserved → paid out. Cause {@code withdrawal:<id>:paid}.
     *
     * @throws ForbiddenException if the caller is not an administrator
     * @throws NotFoundException for an unknown withdrawal
     * @throws ConflictException ({@link LedgerProblems#WITHDRAWAL_DECIDED}) if it was paid or rejected already
     */
    Withdrawal payWithdrawal(Caller caller, String withdrawalId, String reference);

    /**
     * An administrator rejects a requested withdrawal: the amount returns to available. Cause
     * {@code withdrawal:<id>:rejected}. Same refusals as {@link #payWithdrawal}.
     */
    Withdrawal rejectWithdrawal(Caller caller, String withdrawalId, String reason);

    /**
     * A withdrawal, for its freelancer or an administrator.
     *
     * @throws NotFoundException ({@link LedgerProblems#NO_WITHDRAWAL}) if unknown or someone else's
     */
    Withdrawal withdrawal(Caller caller, String withdrawalId);

    /** Withdrawals newest first: the caller's own, or everyone's for an administrator; {@code status} null for all. */
    Page<Withdrawal> withdrawals(Caller caller, WithdrawalStatus status, int offset, int limit);

    /** A freelancer's balances, one per currency they ever earned in. */
    List<FreelancerBalance> balances(String freelancerId);

    /** The entries on a freelancer's accounts, newest first, each with its posting's order. */
    Page<AccountLine> entries(String freelancerId, int offset, int limit);

    /** An order's postings, oldest first (who may read them is the caller's decision). */
    List<Posting> orderPostings(String orderId);

    /** The commission on {@code earnings} at the configured percent (see the rounding rule above). */
    Money commission(Money earnings);

    /**
     * Verifies the whole ledger: every posting sums to zero per currency; every account holds one currency;
     * the escrow of every order with a completion or cancellation posting is empty; no balance is negative
     * except clearing (by the sign convention) and available after a clawback; each freelancer's reserved
     * balance equals their open withdrawals.
     */
    LedgerCheck check();
}
