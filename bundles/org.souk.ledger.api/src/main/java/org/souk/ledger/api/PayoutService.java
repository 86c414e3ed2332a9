package org.souk.ledger.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.ValidationException;

/**
 * Paying withdrawals through a deployed {@link org.souk.ledger.api.payout.PayoutProvider}, to the bank account
 * the freelancer registered.
 *
 * <h2>Once, whatever is retried</h2>
 * {@link #payOut} first claims the withdrawal in its own transaction (the row's version lets one claim win),
 * then asks the provider outside any transaction, then decides the withdrawal through the ledger's own
 * {@link LedgerService#payWithdrawal} or {@link LedgerService#rejectWithdrawal}. A claimed withdrawal stays
 * {@link WithdrawalStatus#REQUESTED} with its {@link Withdrawal#payoutProvider()} until the provider's answer is
 * final; meanwhile it is neither claimed again nor paid or rejected by hand
 * ({@link LedgerProblems#WITHDRAWAL_PAYING}). {@link #checkPayouts} asks the providers about the claimed ones.
 */
@ProviderType
public interface PayoutService {

    /**
     * Registers or replaces the caller's payout details.
     *
     * @param iban an IBAN, spaces allowed; checked by its country's length and the ISO 13616 check digits
     * @param holder the account holder's name, at most 140 characters
     * @throws ForbiddenException if the caller is not a freelancer
     * @throws ValidationException naming {@code iban} or {@code holder}
     */
    PayoutDetails setPayoutDetails(Caller caller, String iban, String holder);

    /** The caller's payout details, the IBAN masked; empty if they registered none. */
    Optional<PayoutDetails> payoutDetails(Caller caller);

    /**
     * An administrator pays a requested withdrawal through a deployed payout provider, to the freelancer's
     * payout details. Returns the withdrawal as the provider's answer left it: {@link WithdrawalStatus#PAID},
     * {@link WithdrawalStatus#REJECTED} (the amount is available again, the provider's message is the reason),
     * or still {@link WithdrawalStatus#REQUESTED} with the provider's reference while the provider works on it.
     *
     * The administrator says why ({@code reason}, required): it goes to the audit trail with the claim.
     *
     * @throws ForbiddenException if the caller is not an administrator
     * @throws ValidationException ({@code provider}) if no payout provider of that id is deployed, ({@code reason})
     *         if none is given
     * @throws NotFoundException ({@link LedgerProblems#NO_WITHDRAWAL}) for an unknown withdrawal
     * @throws ConflictException {@link LedgerProblems#NO_PAYOUT_DETAILS} if the freelancer registered none,
     *         {@link LedgerProblems#WITHDRAWAL_PAYING} if a provider was asked already,
     *         {@link LedgerProblems#WITHDRAWAL_DECIDED} if it was paid or rejected
     */
    Withdrawal payOut(Caller caller, String withdrawalId, String provider, String reason);

    /**
     * As {@link #payOut(Caller, String, String, String)} without a reason, which is refused: money does not
     * move without one.
     *
     * @deprecated say why with {@link #payOut(Caller, String, String, String)}
     * @throws ValidationException ({@code reason}) always, after the checks that come before it
     */
    @Deprecated
    Withdrawal payOut(Caller caller, String withdrawalId, String provider);

    /**
     * Asks the providers about at most {@code limit} claimed withdrawals (the status of those they accepted;
     * a payout whose first call never got an answer is asked again, providers being idempotent) and decides
     * those with a final answer. Called by the ledger's poller; safe from several nodes at once.
     *
     * @return how many were decided (paid or rejected)
     */
    int checkPayouts(int limit);

    /**
     * An administrator's escape for a claim that is stuck (its provider removed for good, its batch lost): the
     * provider, if deployed and it gave a reference, is asked one last time; if it says PAID the withdrawal is
     * paid as usual, otherwise the claim is released (recorded with the administrator's name and note) and the
     * withdrawal may be paid or rejected by hand again. Check with the provider or the bank first: a provider
     * that pays after its claim was released pays twice.
     *
     * @param note why (what the provider or the bank said); required, one line of at most 500 characters
     * @throws ForbiddenException if the caller is not an administrator
     * @throws ValidationException ({@code note})
     * @throws NotFoundException ({@link LedgerProblems#NO_WITHDRAWAL}) for an unknown withdrawal
     * @throws ConflictException {@link LedgerProblems#WITHDRAWAL_NOT_PAYING} if no provider is paying it,
     *         {@link LedgerProblems#WITHDRAWAL_DECIDED} if it was paid or rejected,
     *         {@link LedgerProblems#WITHDRAWAL_PAYING} if it changed meanwhile (try again)
     */
    Withdrawal releasePayout(Caller caller, String withdrawalId, String note);

    /** The withdrawals a provider is paying, oldest claim first. */
    List<Withdrawal> payoutsInFlight(int limit);

    /** The ids of the payout providers deployed now. */
    Set<String> payoutProviders();
}
