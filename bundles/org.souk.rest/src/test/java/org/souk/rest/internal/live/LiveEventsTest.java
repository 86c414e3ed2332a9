package org.souk.rest.internal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import javax.ws.rs.core.GenericType;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseBroadcaster;
import javax.ws.rs.sse.SseEventSink;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;
import org.souk.common.api.UnavailableException;
import org.souk.notification.api.Notification;
import org.souk.notification.api.NotificationService;
import org.souk.notification.api.NotificationType;
import org.souk.order.api.OrderChange;
import org.souk.order.api.OrderEvent;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.persistence.testing.MovableClock;
import org.souk.rest.internal.RestConfig;
import org.souk.rest.internal.RestConfigs;

/** What the event streams carry, from a fake inbox and timeline: catching up, no repeats, resets, closed clients. */
class LiveEventsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Caller OMAR = new Caller("omar", Role.CLIENT);

    private final List<Notification> inbox = new ArrayList<>();
    private final List<OrderChange> timeline = new ArrayList<>();
    private final MovableClock clock = new MovableClock(T0);
    private final LiveEvents live = new LiveEvents(fakeInbox(), fakeOrders(), clock, new ScheduledThreadPoolExecutor(1) {
        @Override
        public void execute(Runnable command) {
            command.run(); // the tests pump in their own thread
        }
    });

    @AfterEach
    void close() {
        live.deactivate();
    }

    @Test
    void aNewStreamCarriesWhatHappensFromNowInTheOrderItHappened() {
        note("n-old", T0.minusSeconds(30));
        FakeSink sink = new FakeSink();
        live.open(OMAR, sink, new FakeSse(), null);
        assertThat(sink.named()).isEmpty();

        change("o-1", 2, T0.plusSeconds(1));
        note("n-1", T0.plusSeconds(2));
        live.pumpAll();
        live.pumpAll();
        assertThat(sink.named()).containsExactly("order o-1#2", "notification n-1");
        StreamPosition last = StreamPosition.parse(sink.events.get(sink.events.size() - 1).getId());
        assertThat(last).isEqualTo(new StreamPosition(T0.plusSeconds(2), T0.plusSeconds(1)));
    }

    @Test
    void aLateCommitWithAnEarlierTimeStillArrivesOnce() {
        FakeSink sink = new FakeSink();
        live.open(OMAR, sink, new FakeSse(), null);
        note("n-2", T0.plusSeconds(5));
        live.pumpAll();
        note("n-1", T0.plusSeconds(4)); // committed after n-2, stamped before it
        live.pumpAll();
        live.pumpAll();
        assertThat(sink.named()).containsExactly("notification n-2", "notification n-1");
    }

    @Test
    void aClientThatComesBackGetsWhatItMissed() {
        FakeSink first = new FakeSink();
        live.open(OMAR, first, new FakeSse(), null);
        note("n-1", T0.plusSeconds(1));
        live.pumpAll();
        String lastId = first.events.get(first.events.size() - 1).getId();
        first.closed = true;
        live.pumpAll();
        assertThat(live.openStreams()).isZero();

        note("n-2", T0.plusSeconds(10));
        change("o-1", 3, T0.plusSeconds(11));
        clock.set(T0.plusSeconds(20));
        FakeSink again = new FakeSink();
        live.open(OMAR, again, new FakeSse(), lastId);
        // At least once: what happened in the last seconds before the id may come again (n-1), never twice here.
        assertThat(again.named()).containsSubsequence("notification n-2", "order o-1#3").doesNotHaveDuplicates();
    }

    @Test
    void aClientAwayTooLongIsToldToReload() {
        String ancient = StreamPosition.at(T0).id();
        clock.set(T0.plus(LiveEvents.REPLAY_WINDOW).plusSeconds(1));
        note("n-1", T0.plusSeconds(5));
        FakeSink sink = new FakeSink();
        live.open(OMAR, sink, new FakeSse(), ancient);
        assertThat(sink.named()).containsExactly("reset");
    }

    @Test
    void oneNodeCarriesABoundedNumberOfStreams() {
        for (int i = 0; i < LiveEvents.MAX_STREAMS; i++) {
            live.open(new Caller("u" + i, Role.CLIENT), new FakeSink(), new FakeSse(), null);
        }
        assertThatThrownBy(() -> live.open(OMAR, new FakeSink(), new FakeSse(), null)).isInstanceOf(UnavailableException.class);
    }

    @Test
    void aUserWhoOpensOneStreamTooManyLosesTheirOldestWhichIsToldAndEnded() {
        List<FakeSink> mine = new ArrayList<>();
        for (int i = 0; i < RestConfig.DEFAULT_EVENTS_MAX_PER_USER; i++) {
            FakeSink sink = new FakeSink();
            live.open(OMAR, sink, new FakeSse(), null);
            mine.add(sink);
        }
        FakeSink someoneElse = new FakeSink();
        live.open(new Caller("fatima", Role.FREELANCER), someoneElse, new FakeSse(), null);
        assertThat(mine).noneMatch(FakeSink::isClosed);

        FakeSink newest = new FakeSink();
        live.open(OMAR, newest, new FakeSse(), null);
        FakeSink oldest = mine.get(0);
        assertThat(oldest.closed).as("the oldest stream is ended").isTrue();
        assertThat(oldest.named()).containsExactly(LiveEvents.REPLACED);
        assertThat(mine.subList(1, mine.size())).noneMatch(FakeSink::isClosed);
        assertThat(newest.closed).isFalse();
        assertThat(someoneElse.closed).isFalse();
        assertThat(live.openStreams()).isEqualTo(RestConfig.DEFAULT_EVENTS_MAX_PER_USER + 1);

        // The new stream is served, the ended one gets nothing more.
        note("n-1", T0.plusSeconds(1));
        live.pumpAll();
        assertThat(newest.named()).containsExactly("notification n-1");
        assertThat(oldest.named()).containsExactly(LiveEvents.REPLACED);

        // Again: the next oldest goes.
        live.open(OMAR, new FakeSink(), new FakeSse(), null);
        assertThat(mine.get(1).closed).isTrue();
        assertThat(mine.subList(2, mine.size())).noneMatch(FakeSink::isClosed);
        assertThat(live.openStreams()).isEqualTo(RestConfig.DEFAULT_EVENTS_MAX_PER_USER + 1);
    }

    @Test
    void theLimitPerUserIsConfigurableAndStreamsAlreadyGoneDoNotCount() {
        live.configure(RestConfigs.of(java.util.Map.of("events_max_per_user", 2)));
        FakeSink first = new FakeSink();
        FakeSink second = new FakeSink();
        live.open(OMAR, first, new FakeSse(), null);
        live.open(OMAR, second, new FakeSse(), null);
        second.closed = true; // that client went away, unnoticed yet
        FakeSink third = new FakeSink();
        live.open(OMAR, third, new FakeSse(), null);
        assertThat(first.closed).as("a gone stream made the room").isFalse();
        assertThat(live.openStreams()).isEqualTo(2);

        FakeSink fourth = new FakeSink();
        live.open(OMAR, fourth, new FakeSse(), null);
        assertThat(first.closed).isTrue();
        assertThat(first.named()).containsExactly(LiveEvents.REPLACED);
        assertThat(third.closed).isFalse();
        assertThat(fourth.closed).isFalse();
        assertThat(live.openStreams()).isEqualTo(2);
    }

    @Test
    void aUserAtTheirLimitStillReplacesTheirOldestOnAFullNode() {
        List<FakeSink> mine = new ArrayList<>();
        for (int i = 0; i < RestConfig.DEFAULT_EVENTS_MAX_PER_USER; i++) {
            FakeSink sink = new FakeSink();
            live.open(OMAR, sink, new FakeSse(), null);
            mine.add(sink);
        }
        for (int i = mine.size(); i < LiveEvents.MAX_STREAMS; i++) {
            live.open(new Caller("u" + i, Role.CLIENT), new FakeSink(), new FakeSse(), null);
        }
        assertThatThrownBy(() -> live.open(new Caller("newcomer", Role.CLIENT), new FakeSink(), new FakeSse(), null))
                .isInstanceOf(UnavailableException.class);
        FakeSink newest = new FakeSink();
        live.open(OMAR, newest, new FakeSse(), null);
        assertThat(mine.get(0).closed).isTrue();
        assertThat(newest.closed).isFalse();
        assertThat(live.openStreams()).isEqualTo(LiveEvents.MAX_STREAMS);
    }

    // ------------------------------------------------------------------------------------------

    private void note(String id, Instant at) {
        inbox.add(new Notification(id, "omar", NotificationType.values()[0], "o-1", "title", "body", at, null));
    }

    private void change(String orderId, int sequence, Instant at) {
        timeline.add(new OrderChange(orderId, "Logo", new OrderEvent(sequence, OrderStatus.PENDING, null, OrderStatus.PROCESSING,
                OrderStage.IN_PROGRESS, at, "fatima", null)));
    }

    private NotificationService fakeInbox() {
        return (NotificationService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {NotificationService.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("since")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Instant after = (Instant) args[1];
                    return inbox.stream().filter(n -> n.createdAt().isAfter(after))
                            .sorted(java.util.Comparator.comparing(Notification::createdAt)).toList();
                });
    }

    private OrderService fakeOrders() {
        return (OrderService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {OrderService.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("changesSince")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Instant after = (Instant) args[1];
                    return timeline.stream().filter(c -> c.event().at().isAfter(after))
                            .sorted(java.util.Comparator.comparing(c -> c.event().at())).toList();
                });
    }

    /** A client's end of a stream: what it received, named by kind and subject. */
    static final class FakeSink implements SseEventSink {
        final List<OutboundSseEvent> events = new ArrayList<>();
        volatile boolean closed;

        List<String> named() {
            List<String> names = new ArrayList<>();
            for (OutboundSseEvent e : events) {
                if (e.getName() == null) {
                    continue; // comments
                }
                Object data = e.getData();
                names.add(data instanceof Notification n ? e.getName() + " " + n.id()
                        : data instanceof OrderChange c ? e.getName() + " " + c.orderId() + "#" + c.event().sequence() : e.getName());
            }
            return names;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            events.add(event);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class FakeSse implements Sse {
        @Override
        public OutboundSseEvent.Builder newEventBuilder() {
            return new Builder();
        }

        @Override
        public SseBroadcaster newBroadcaster() {
            throw new UnsupportedOperationException();
        }
    }

    record Event(String getId, String getName, String getComment, Object getData, long getReconnectDelay) implements OutboundSseEvent {
        @Override
        public Class<?> getType() {
            return getData == null ? null : getData.getClass();
        }

        @Override
        public java.lang.reflect.Type getGenericType() {
            return getType();
        }

        @Override
        public MediaType getMediaType() {
            return MediaType.APPLICATION_JSON_TYPE;
        }

        @Override
        public boolean isReconnectDelaySet() {
            return getReconnectDelay >= 0;
        }
    }

    static final class Builder implements OutboundSseEvent.Builder {
        private String id;
        private String name;
        private String comment;
        private Object data;
        private long delay = -1;

        @Override
        public OutboundSseEvent.Builder id(String id) {
            this.id = id;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder reconnectDelay(long milliseconds) {
            this.delay = milliseconds;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder mediaType(MediaType mediaType) {
            return this;
        }

        @Override
        public OutboundSseEvent.Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public OutboundSseEvent.Builder data(Class type, Object data) {
            this.data = data;
            return this;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public OutboundSseEvent.Builder data(GenericType type, Object data) {
            this.data = data;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder data(Object data) {
            this.data = data;
            return this;
        }

        @Override
        public OutboundSseEvent build() {
            return new Event(id, name, comment, data, delay);
        }
    }
}
