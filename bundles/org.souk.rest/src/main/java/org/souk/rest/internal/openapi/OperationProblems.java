package org.souk.rest.internal.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Build time only: the problems particular to each operation, by status, beyond those that follow from what
 * the operation is ({@link ProblemAnswers}). One table for the whole API, so that a reader sees which
 * operation answers which code; a unit test keeps its operations and codes those of the document and of
 * {@code problems.properties}, and the integration tests fail on a code an operation answers without
 * listing it here.
 */
final class OperationProblems {

    private static final String ORDER_MOVES = "409: wrong_state window_closed order_disputed; 403: not_your_turn";
    private static final String ANSWER = "409: no_open_request wrong_state order_disputed; 403: not_your_turn";
    private static final String REQUEST = "409: request_already_open wrong_state window_closed order_disputed; 403: not_your_turn";

    static final Map<String, String> BY_OPERATION = table(
            "placeOrder", "404: not_found",
            "payOrder", "402: payment_declined; 409: order_not_pending attempt_in_progress no_attempts_left",
            "cancelOrder", ORDER_MOVES + "; 409: escrow_short nothing_payable",
            "refundOrder", "409: order_not_completed escrow_short nothing_payable",
            "acceptOrder", ORDER_MOVES,
            "deliverOrder", ORDER_MOVES,
            "requestRevision", ORDER_MOVES + "; 409: revisions_exhausted",
            "completeOrder", ORDER_MOVES,
            "getCancellationRequest", "404: no_request",
            "requestCancellation", REQUEST + "; 409: request_cooldown request_limit",
            "acceptCancellation", ANSWER + "; 409: escrow_short nothing_payable",
            "declineCancellation", ANSWER,
            "withdrawCancellation", ANSWER,
            "getExtensionRequest", "404: no_request",
            "requestExtension", REQUEST,
            "acceptExtension", ANSWER,
            "declineExtension", ANSWER,
            "withdrawExtension", ANSWER,
            "openDispute", "409: wrong_state order_disputed",
            "resolveDispute", "409: dispute_closed escrow_short nothing_payable",
            "reviewOrder", "409: order_not_completed already_reviewed; 403: not_the_client",
            "replyToReview", "409: already_replied; 403: not_the_freelancer; 404: no_review",
            "getReview", "404: no_review",
            "sendOrderMessage", "409: wrong_state",
            "requestWithdrawal", "409: withdrawal_open insufficient_funds",
            "getWithdrawal", "404: no_withdrawal",
            "payWithdrawal", "409: withdrawal_decided withdrawal_paying; 404: no_withdrawal",
            "rejectWithdrawal", "409: withdrawal_decided withdrawal_paying; 404: no_withdrawal",
            "payWithdrawalThroughProvider", "409: withdrawal_decided withdrawal_paying no_payout_details; 404: no_withdrawal",
            "releaseWithdrawalPayout", "409: withdrawal_decided withdrawal_not_paying; 404: no_withdrawal",
            "updateGig", "412: precondition_failed",
            "getPayoutDetails", "404: not_found",
            "receiveWebhook", "401: unauthorized; 404: not_found");

    private OperationProblems() {
    }

    /** The codes the operation names, by status. */
    static Map<Integer, List<String>> of(String operationId) {
        Map<Integer, List<String>> byStatus = new TreeMap<>();
        String spec = BY_OPERATION.get(operationId);
        if (spec == null) {
            return byStatus;
        }
        for (String part : spec.split(";")) {
            String[] statusAndCodes = part.trim().split(":", 2);
            byStatus.computeIfAbsent(Integer.parseInt(statusAndCodes[0].trim()), s -> new java.util.ArrayList<>())
                    .addAll(List.of(statusAndCodes[1].trim().split("\\s+")));
        }
        return byStatus;
    }

    private static Map<String, String> table(String... pairs) {
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put(pairs[i], pairs[i + 1]);
        }
        return table;
    }
}
