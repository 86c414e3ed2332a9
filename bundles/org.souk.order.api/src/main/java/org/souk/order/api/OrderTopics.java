package org.souk.order.api;

/** Event Admin topics and properties the order bundle posts after each committed transition. */
public final class OrderTopics {

    /** Any transition of an order. */
    public static final String STATUS_CHANGED = "souk/order/STATUS_CHANGED";
    /** An undelivered order passed its due date (posted once per order, with the same properties but no transition). */
    public static final String LATE = "souk/order/LATE";
    /** With {@link #LATE}: when the order was due. */
    public static final String DUE_AT = "dueAt";
    /**
     * With {@link #LATE}: the {@link DeadlineKind} missed, {@code DUE} (the first delivery's, after which the
     * client may cancel alone) or {@code REVISION_DUE} (a revision's, grounds for a dispute only).
     */
    public static final String DEADLINE = "deadline";

    /**
     * A cancellation or extension request was made or answered (no transition): with {@link #REQUEST_ID},
     * {@link #REQUEST_KIND}, {@link #REQUEST_STATUS}, {@link #REQUESTED_BY}, the order's parties and the
     * {@link #ACTOR} who acted.
     */
    public static final String REQUEST_CHANGED = "souk/order/REQUEST";
    public static final String REQUEST_ID = "requestId";
    /** A {@link RequestKind} name. */
    public static final String REQUEST_KIND = "requestKind";
    /** A {@link RequestStatus} name: OPEN when just made. */
    public static final String REQUEST_STATUS = "requestStatus";
    public static final String REQUESTED_BY = "requestedBy";
    /** With a cancellation request: the refund it proposes, as {@code "150.00 MAD"}. */
    public static final String REFUND = "refund";
    /** With an open cancellation request: when it must be answered (ISO-8601). */
    public static final String ANSWER_BY = "answerBy";
    /**
     * With an open cancellation request: what the other side's silence does, {@code ACCEPT} (the request gives
     * the silent side at least its default outcome) or {@code EXPIRE}.
     */
    public static final String ON_SILENCE = "onSilence";

    /**
     * A dispute was opened or decided (with {@link #DISPUTE_ID}, {@link #DISPUTE_STATUS}, the order's parties,
     * the {@link #ACTOR}, and once decided the {@link #DECISION}, the {@link #REFUND} and the {@link #REASON}).
     */
    public static final String DISPUTE_CHANGED = "souk/order/DISPUTE";
    public static final String DISPUTE_ID = "disputeId";
    /** A {@link DisputeStatus} name. */
    public static final String DISPUTE_STATUS = "disputeStatus";
    /** A {@link DisputeDecision} name. */
    public static final String DECISION = "decision";

    public static final String ORDER_ID = "orderId";
    /** Position of the transition in the order's timeline: order id and sequence identify it. */
    public static final String SEQUENCE = "sequence";
    public static final String CLIENT_ID = "clientId";
    public static final String FREELANCER_ID = "freelancerId";
    public static final String GIG_TITLE = "gigTitle";
    public static final String FROM_STATUS = "fromStatus";
    public static final String TO_STATUS = "toStatus";
    public static final String TO_STAGE = "toStage";
    public static final String ACTOR = "actor";
    public static final String REASON = "reason";

    private OrderTopics() {
    }
}
