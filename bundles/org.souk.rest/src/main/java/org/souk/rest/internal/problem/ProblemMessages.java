package org.souk.rest.internal.problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The human side of a problem in the caller's language. The service's own detail is English and says the
 * specifics (which order, which amount); in French and Arabic the detail is the sentence kept for the
 * problem's code in {@code problems_fr.properties} / {@code problems_ar.properties}, with the problem's
 * members filled in where it names them ({@code {requestId}}). {@code problems.properties} holds the English
 * sentence for each code, which documents the code and is used when a problem has no detail of its own.
 */
public final class ProblemMessages {

    public static final String ENGLISH = "en";
    /** The languages answered, English first: it is the service's own and the fallback. */
    static final List<String> LANGUAGES = List.of(ENGLISH, "fr", "ar");

    private static final String BASE = "problems";
    private static final Pattern MEMBER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final int MAX_HEADER = 500;

    private final Map<String, Properties> messages;

    private ProblemMessages(Map<String, Properties> messages) {
        this.messages = messages;
    }

    /** The messages shipped in this bundle. */
    public static ProblemMessages load() {
        return new ProblemMessages(Map.of(ENGLISH, read(BASE + ".properties"), "fr", read(BASE + "_fr.properties"),
                "ar", read(BASE + "_ar.properties")));
    }

    private static Properties read(String name) {
        Properties p = new Properties();
        try (InputStream in = ProblemMessages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The message for a code in one language, or null if there is none. */
    String message(String language, String code) {
        Properties p = messages.get(language);
        return p == null ? null : p.getProperty(code);
    }

    /**
     * What the caller reads, and in which language: English answers keep the service's detail; a French or
     * Arabic one gets the code's sentence, or stays English when the code has none there.
     */
    public Localized localize(String language, String code, Map<?, ?> problem) {
        Object detail = problem.get("detail");
        if (!ENGLISH.equals(language)) {
            String message = message(language, code);
            if (message != null) {
                return new Localized(language, fill(message, problem));
            }
        }
        if (detail == null) {
            String english = message(ENGLISH, code);
            return new Localized(ENGLISH, english == null ? null : fill(english, problem));
        }
        return new Localized(ENGLISH, String.valueOf(detail));
    }

    public record Localized(String language, String detail) {
    }

    private static String fill(String message, Map<?, ?> problem) {
        Matcher m = MEMBER.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object value = problem.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * The language to answer in for an {@code Accept-Language} header: the caller's most preferred of
     * {@link #LANGUAGES} (a region such as {@code fr-MA} counts as its language), English when it names none
     * of them, asks for none or cannot be read.
     */
    public static String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > MAX_HEADER) {
            return ENGLISH;
        }
        record Range(String language, double quality, int order) {
        }
        List<Range> ranges = new ArrayList<>();
        String[] parts = acceptLanguage.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] pieces = parts[i].split(";", -1);
            String tag = pieces[0].trim().toLowerCase(Locale.ROOT);
            int dash = tag.indexOf('-');
            String language = dash < 0 ? tag : tag.substring(0, dash);
            double quality = 1.0;
            for (int j = 1; j < pieces.length; j++) {
                String param = pieces[j].trim();
                if (param.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(param.substring(2).trim());
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            if (quality > 0 && LANGUAGES.contains(language)) {
                ranges.add(new Range(language, quality, i));
            }
        }
        return ranges.stream().min(Comparator.comparingDouble((Range r) -> -r.quality()).thenComparingInt(Range::order))
                .map(Range::language).orElse(ENGLISH);
    }
}
