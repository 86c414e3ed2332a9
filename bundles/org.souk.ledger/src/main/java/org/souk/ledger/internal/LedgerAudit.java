package org.souk.ledger.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.LedgerCheck;
import org.souk.ledger.api.SignedMoney;

/** What {@code check()} concludes from the ledger's sums: a pure function, so each rule is tested alone. */
final class LedgerAudit {

    private LedgerAudit() {
    }

    /** The sum of one posting's entries in one currency. */
    record PostingSum(String postingId, String currency, long sum) {
    }

    /** The balance of one account: the sum of its entries. */
    record AccountSum(AccountKind kind, String owner, String currency, long sum) {
    }

    /** What a freelancer's open withdrawal requests hold in one currency. */
    record OpenSum(String freelancerId, String currency, long sum) {
    }

    /**
     * @param postingSums every posting's sum per currency
     * @param emptyPostings the causes of postings without entries
     * @param closedOrders orders with a completion or cancellation posting
     * @param clawedBack freelancers who had a clawback
     */
    static LedgerCheck audit(long postings, List<PostingSum> postingSums, List<String> emptyPostings,
            List<AccountSum> accounts, Set<String> closedOrders, Set<String> clawedBack, List<OpenSum> open) {
        List<String> differences = new ArrayList<>();
        for (PostingSum p : postingSums) {
            if (p.sum() != 0) {
                differences.add("posting " + p.postingId() + " sums to " + new SignedMoney(p.sum(), p.currency())
                        + " instead of zero");
            }
        }
        for (String cause : emptyPostings) {
            differences.add("posting " + cause + " has no entries");
        }
        Map<String, Long> reserved = new HashMap<>();
        Map<String, Integer> escrowCurrencies = new HashMap<>();
        for (AccountSum a : accounts) {
            SignedMoney balance = new SignedMoney(a.sum(), a.currency());
            String name = a.kind() + "/" + a.owner() + "/" + a.currency();
            switch (a.kind()) {
                case GATEWAY_CLEARING -> {
                    if (a.sum() > 0) {
                        differences.add(name + " is " + balance + ": more was refunded through it than it collected");
                    }
                }
                case FREELANCER_AVAILABLE, TEST_EARNINGS -> {
                    if (a.sum() < 0 && !clawedBack.contains(a.owner())) {
                        differences.add(name + " is " + balance + " without a clawback");
                    }
                }
                case ESCROW -> {
                    escrowCurrencies.merge(a.owner(), 1, Integer::sum);
                    if (a.sum() < 0) {
                        differences.add(name + " is " + balance);
                    } else if (a.sum() != 0 && closedOrders.contains(a.owner())) {
                        differences.add(name + " still holds " + balance + " after the order was released");
                    }
                }
                case WITHDRAWAL_RESERVED -> {
                    reserved.put(a.owner() + "/" + a.currency(), a.sum());
                    if (a.sum() < 0) {
                        differences.add(name + " is " + balance);
                    }
                }
                default -> {
                    if (a.sum() < 0) {
                        differences.add(name + " is " + balance);
                    }
                }
            }
        }
        escrowCurrencies.forEach((order, count) -> {
            if (count > 1) {
                differences.add("escrow of order " + order + " holds " + count + " currencies");
            }
        });
        Map<String, Long> requested = new HashMap<>();
        for (OpenSum o : open) {
            requested.put(o.freelancerId() + "/" + o.currency(), o.sum());
        }
        Set<String> keys = new java.util.TreeSet<>(reserved.keySet());
        keys.addAll(requested.keySet());
        for (String key : keys) {
            long r = reserved.getOrDefault(key, 0L);
            long q = requested.getOrDefault(key, 0L);
            if (r != q) {
                differences.add("WITHDRAWAL_RESERVED/" + key + " holds " + r + " minor units but the open requests ask "
                        + q);
            }
        }
        return new LedgerCheck(postings, accounts.size(), differences);
    }
}
