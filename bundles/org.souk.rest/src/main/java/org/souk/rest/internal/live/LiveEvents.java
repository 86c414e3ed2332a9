package org.souk.rest.internal.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.UnavailableException;
import org.souk.notification.api.Notification;
import org.souk.notification.api.NotificationService;
import org.souk.notification.api.NotificationTopics;
import org.souk.order.api.OrderChange;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderTopics;
import org.souk.persistence.PlatformClock;
import org.souk.rest.internal.RestConfig;

/**
 * The open event streams of this node and what they carry: each user's in-app notifications and the
 * transitions of their orders, read from the database (the inbox and the orders' timelines), so that a
 * stream sees what any node did and a reconnecting client catches up on what it missed.
 *
 * <p>Every stream is brought up to date every second, and at once when this node hears of a change for its
 * user (Event Admin). Each read reaches {@link #OVERLAP} back, for changes committed late with an earlier
 * time; what a stream already carried is remembered and not sent again.
 *
 * <p>One user holds at most {@code events.max.per.user} streams (PID {@code org.souk.rest}): opening one more
 * closes that user's oldest, after telling it why ({@code event: replaced}), so that one token cannot take the
 * node's {@link #MAX_STREAMS}.
 */
@Component(service = {LiveEvents.class, EventHandler.class}, configurationPid = RestConfig.PID, property = {
        EventConstants.EVENT_TOPIC + "=" + NotificationTopics.DELIVERED,
        EventConstants.EVENT_TOPIC + "=" + OrderTopics.STATUS_CHANGED })
public class LiveEvents implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);

    public static final String NOTIFICATION = "notification";
    public static final String ORDER = "order";
    public static final String RESET = "reset";
    /** The last event of a stream closed because its user opened one more than they may hold. */
    public static final String REPLACED = "replaced";
    static final Duration OVERLAP = Duration.ofSeconds(2);
    /** A client away longer than this is told to reload instead of being sent everything it missed. */
    static final Duration REPLAY_WINDOW = Duration.ofHours(1);
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    static final int MAX_STREAMS = 1000;
    /** Read per source and round; a stream further behind catches up over the next rounds. */
    static final int BATCH = 100;
    static final long RETRY_MS = 3000;

    private final NotificationService inbox;
    private final OrderService orders;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Map<String, Set<LiveStream>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    /** Orders the streams by when they were opened, so that a user's oldest is known. */
    private final AtomicLong opened = new AtomicLong();
    private volatile int maxPerUser = RestConfig.DEFAULT_EVENTS_MAX_PER_USER;

    @Activate
    public LiveEvents(@Reference NotificationService inbox, @Reference OrderService orders,
            @Reference PlatformClock clock, RestConfig config) {
        this(inbox, orders, clock, Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "souk-live-events");
            t.setDaemon(true);
            return t;
        }));
        configure(config);
        timer.scheduleWithFixedDelay(this::pumpAll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    }

    LiveEvents(NotificationService inbox, OrderService orders, Clock clock, ScheduledExecutorService timer) {
        this.inbox = inbox;
        this.orders = orders;
        this.clock = clock;
        this.timer = timer;
    }

    /** A lower limit applies to the streams already open at the user's next one. */
    @Modified
    void configure(RestConfig config) {
        int max = config == null ? RestConfig.DEFAULT_EVENTS_MAX_PER_USER : config.events_max_per_user();
        if (max < 1) {
            LOG.warn("events.max.per.user = {} in etc/org.souk.rest.cfg is not a positive number: {} used", max,
                    RestConfig.DEFAULT_EVENTS_MAX_PER_USER);
            max = RestConfig.DEFAULT_EVENTS_MAX_PER_USER;
        }
        maxPerUser = max;
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        byUser.values().forEach(streams -> streams.forEach(LiveStream::close));
        byUser.clear();
    }

    /**
     * Opens a stream for the caller. With the id of the last event it got ({@code Last-Event-ID}), it first
     * gets what it missed; without one (or one too old to replay) it starts now. A user who already holds as
     * many streams as they may loses the oldest: it is told so ({@code event: replaced}) and closed.
     */
    void open(Caller caller, SseEventSink sink, Sse sse, String lastEventId) {
        Instant now = clock.instant();
        StreamPosition from = StreamPosition.parse(lastEventId);
        boolean tooOld = from != null && from.oldest().isBefore(now.minus(REPLAY_WINDOW));
        LiveStream stream = new LiveStream(caller, sink, sse, from == null || tooOld ? StreamPosition.at(now) : from,
                opened.incrementAndGet());
        List<LiveStream> replaced = new ArrayList<>();
        boolean[] full = new boolean[1];
        int max = maxPerUser;
        // compute: opening and dropping for one user never interleave, so the count per user holds.
        byUser.compute(caller.userId(), (u, streams) -> {
            Set<LiveStream> mine = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            mine.removeIf(s -> s.closed() && forget()); // clients already gone leave first: no one is replaced for them
            // A user at their limit makes room among their own streams, so only the others can find the node full.
            if (open.incrementAndGet() > MAX_STREAMS && mine.size() < max) {
                open.decrementAndGet();
                full[0] = true;
                return mine.isEmpty() ? null : mine;
            }
            mine.add(stream);
            while (mine.size() > max) {
                LiveStream oldest = mine.stream().min(Comparator.comparingLong(LiveStream::opened)).orElseThrow();
                mine.remove(oldest);
                open.decrementAndGet();
                replaced.add(oldest);
            }
            return mine;
        });
        if (full[0]) {
            throw new UnavailableException("This node carries as many event streams as it can; retry shortly");
        }
        for (LiveStream old : replaced) {
            timer.execute(() -> replace(old));
        }
        stream.send(sse.newEventBuilder().comment("connected").reconnectDelay(RETRY_MS).build());
        if (tooOld) {
            stream.send(sse.newEventBuilder().name(RESET).id(stream.position().id()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(Map.class, Map.of("reason", "Too long away to replay what was missed: reload, then listen again"))
                    .build());
        }
        timer.execute(() -> pump(stream));
    }

    @Override
    public void handleEvent(Event event) {
        // A hint only: what a stream carries comes from the database.
        for (String key : new String[] {NotificationTopics.RECIPIENT_ID, OrderTopics.CLIENT_ID, OrderTopics.FREELANCER_ID}) {
            Object user = event.getProperty(key);
            Set<LiveStream> streams = user == null ? null : byUser.get(user.toString());
            if (streams != null) {
                streams.forEach(s -> timer.execute(() -> pump(s)));
            }
        }
    }

    int openStreams() {
        return open.get();
    }

    /** Counts a stream off the node's open ones, for {@code removeIf}. */
    private boolean forget() {
        open.decrementAndGet();
        return true;
    }

    /** Ends a stream its user no longer holds: its last event says why, then the response completes. */
    private void replace(LiveStream stream) {
        synchronized (stream) {
            stream.end(stream.sse.newEventBuilder().name(REPLACED).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(Map.class, Map.of("reason", "You opened more live event streams than you may hold ("
                            + maxPerUser + "); this one, your oldest, is closed: do not reconnect it"))
                    .build(), timer);
        }
    }

    void pumpAll() {
        byUser.values().forEach(streams -> streams.forEach(this::pump));
    }

    private void keepAlive() {
        byUser.values().forEach(streams -> streams.forEach(s -> {
            synchronized (s) {
                if (s.closed()) {
                    drop(s);
                } else {
                    s.send(s.sse.newEventBuilder().comment("keep-alive").build());
                }
            }
        }));
    }

    /** Sends the stream what its user's notifications and orders gained since its position. */
    void pump(LiveStream stream) {
        synchronized (stream) {
            if (stream.closed()) {
                drop(stream);
                return;
            }
            try {
                StreamPosition at = stream.position();
                List<Notification> notes = inbox.since(stream.caller, at.notifications().minus(OVERLAP), BATCH);
                List<OrderChange> changes = orders.changesSince(stream.caller, at.orders().minus(OVERLAP), BATCH);
                List<Item> items = new ArrayList<>();
                notes.forEach(n -> items.add(new Item("n:" + n.id(), n.createdAt(), n, null)));
                changes.forEach(c -> items.add(new Item("o:" + c.orderId() + "#" + c.event().sequence(), c.event().at(), null, c)));
                items.sort(Comparator.comparing(Item::at).thenComparing(Item::key));
                for (Item item : items) {
                    if (stream.sent.containsKey(item.key())) {
                        continue;
                    }
                    StreamPosition next = item.notification() != null ? stream.position().withNotification(item.at())
                            : stream.position().withOrder(item.at());
                    OutboundSseEvent.Builder event = stream.sse.newEventBuilder().id(next.id())
                            .mediaType(MediaType.APPLICATION_JSON_TYPE);
                    if (item.notification() != null) {
                        event.name(NOTIFICATION).data(Notification.class, item.notification());
                    } else {
                        event.name(ORDER).data(OrderChange.class, item.change());
                    }
                    stream.send(event.build());
                    stream.sent.put(item.key(), item.at());
                    stream.moveTo(next);
                }
                Instant forget = stream.position().oldest().minus(OVERLAP.multipliedBy(2));
                stream.sent.values().removeIf(t -> t.isBefore(forget));
                if (notes.size() == BATCH || changes.size() == BATCH) {
                    timer.execute(() -> pump(stream)); // further behind than one read: go on
                }
            } catch (RuntimeException e) {
                LOG.warn("Event stream of {} not brought up to date: {}", stream.caller.userId(), e.getMessage());
            }
        }
    }

    private void drop(LiveStream stream) {
        byUser.computeIfPresent(stream.caller.userId(), (u, streams) -> {
            if (streams.remove(stream)) {
                open.decrementAndGet();
            }
            return streams.isEmpty() ? null : streams;
        });
    }

    private record Item(String key, Instant at, Notification notification, OrderChange change) {
    }

    /** One client's open stream: its sink, its position, and what it carried in the last seconds. */
    static final class LiveStream {

        final Caller caller;
        final SseEventSink sink;
        final Sse sse;
        final Map<String, Instant> sent = new HashMap<>();
        private final long opened;
        private volatile StreamPosition position;
        private volatile boolean failed;

        LiveStream(Caller caller, SseEventSink sink, Sse sse, StreamPosition position, long opened) {
            this.caller = Objects.requireNonNull(caller);
            this.sink = sink;
            this.sse = sse;
            this.position = position;
            this.opened = opened;
        }

        long opened() {
            return opened;
        }

        StreamPosition position() {
            return position;
        }

        void moveTo(StreamPosition next) {
            position = next;
        }

        boolean closed() {
            return failed || sink.isClosed();
        }

        void send(OutboundSseEvent event) {
            if (closed()) {
                return;
            }
            try {
                sink.send(event).whenComplete((ok, error) -> {
                    if (error != null) {
                        close();
                    }
                });
            } catch (RuntimeException e) {
                close();
            }
        }

        /**
         * Sends a last event, then completes the response once it is written (closing at once could cut it off),
         * so that the client sees the stream end. Nothing else is sent on it meanwhile. The closing runs on
         * {@code closer}, not on the thread that wrote the event: CXF's close waits for that thread to finish.
         */
        void end(OutboundSseEvent last, Executor closer) {
            if (closed()) {
                close();
                return;
            }
            failed = true;
            try {
                sink.send(last).whenCompleteAsync((ok, error) -> close(), closer);
            } catch (RuntimeException e) {
                close();
            }
        }

        void close() {
            failed = true;
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
