package org.souk.rest.internal.live;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far an event stream got, in each of its two sources: the time of the last notification it carried
 * and of the last order transition. It is the id of every event sent ({@code <micros>-<micros>}, epoch
 * microseconds), so that a client that reconnects with {@code Last-Event-ID} resumes where it was.
 */
record StreamPosition(Instant notifications, Instant orders) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

    static StreamPosition at(Instant now) {
        return new StreamPosition(now, now);
    }

    /** The position of an event id this class wrote, or null for anything else (the stream then starts afresh). */
    static StreamPosition parse(String eventId) {
        if (eventId == null || eventId.length() > 40) {
            return null;
        }
        Matcher m = FORM.matcher(eventId.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return new StreamPosition(fromMicros(Long.parseLong(m.group(1))), fromMicros(Long.parseLong(m.group(2))));
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    String id() {
        return micros(notifications) + "-" + micros(orders);
    }

    StreamPosition withNotification(Instant at) {
        return at.isAfter(notifications) ? new StreamPosition(at, orders) : this;
    }

    StreamPosition withOrder(Instant at) {
        return at.isAfter(orders) ? new StreamPosition(notifications, at) : this;
    }

    /** The earlier of the two: how far back anything remembered for repeats must reach. */
    Instant oldest() {
        return notifications.isBefore(orders) ? notifications : orders;
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    private static Instant fromMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
