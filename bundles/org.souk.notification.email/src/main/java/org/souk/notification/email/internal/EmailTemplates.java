package org.souk.notification.email.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.souk.notification.spi.OutgoingNotification;

/**
 * The emails' words, per notification type and language: {@code templates/<language>.properties} (UTF-8), with
 * {@code <type>.subject} and {@code <type>.body} for every type, and the shared {@code greeting},
 * {@code order} and {@code footer}.
 *
 * <p>{@code {name}} takes the notification's {@code data} value of that name ({@code orderId} is always there),
 * translated when the file has {@code value.<name>.<value>}. A part in {@code [[ ]]} is left out unless every
 * value it names is known. Values are cut to one line; in HTML everything is escaped. Arabic HTML is
 * right-to-left. A language other than English, French or Arabic gets English. Pure.
 */
final class EmailTemplates {

    static final List<String> LANGUAGES = List.of("en", "fr", "ar");
    private static final Pattern OPTIONAL = Pattern.compile("\\[\\[(.*?)]]", Pattern.DOTALL);
    private static final Pattern VALUE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final int MAX_VALUE_LENGTH = 200;

    private final Map<String, Properties> words;

    private EmailTemplates(Map<String, Properties> words) {
        this.words = words;
    }

    /** The templates shipped in this bundle. */
    static EmailTemplates load() {
        Map<String, Properties> words = new java.util.HashMap<>();
        for (String language : LANGUAGES) {
            String path = "templates/" + language + ".properties";
            try (InputStream in = EmailTemplates.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + path);
                }
                Properties p = new Properties();
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    p.load(reader);
                }
                words.put(language, p);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path, e);
            }
        }
        return new EmailTemplates(words);
    }

    /** The language the templates use for a locale: en, fr or ar. */
    static String language(Locale locale) {
        String l = locale == null ? "en" : locale.getLanguage();
        return LANGUAGES.contains(l) ? l : "en";
    }

    /** Whether a type has its words in every language. */
    boolean knows(String type) {
        return LANGUAGES.stream().allMatch(l -> words.get(l).containsKey(type + ".subject")
                && words.get(l).containsKey(type + ".body"));
    }

    /** The words behind a key in a language, as written (for tests). */
    String raw(String language, String key) {
        return words.get(language).getProperty(key);
    }

    RenderedEmail render(OutgoingNotification n, Locale locale) {
        String language = language(locale);
        Properties p = words.get(language);
        Map<String, String> values = new java.util.HashMap<>(n.data());
        if (n.orderId() != null) {
            values.put("orderId", n.orderId());
        }
        String subject;
        String body;
        if (knows(n.type())) {
            subject = fill(p, p.getProperty(n.type() + ".subject"), values);
            body = fill(p, p.getProperty(n.type() + ".body"), values);
        } else {
            // A type newer than these templates: the platform's own English words.
            subject = oneLine(n.title());
            body = n.body() == null ? "" : n.body();
        }
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(p.getProperty("greeting"));
        paragraphs.add(body);
        if (n.orderId() != null) {
            paragraphs.add(fill(p, p.getProperty("order"), values));
        }
        String footer = p.getProperty("footer");

        StringBuilder text = new StringBuilder();
        for (String paragraph : paragraphs) {
            text.append(paragraph).append("\n\n");
        }
        text.append("-- \n").append(footer).append('\n');

        boolean rtl = "ar".equals(language);
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"").append(language).append("\" dir=\"").append(rtl ? "rtl" : "ltr")
                .append("\">\n<head>\n<meta charset=\"UTF-8\">\n<title>").append(escape(subject)).append("</title>\n</head>\n")
                .append("<body style=\"font-family: Arial, Tahoma, sans-serif; line-height: 1.5; text-align: ")
                .append(rtl ? "right" : "left").append(";\">\n");
        for (String paragraph : paragraphs) {
            html.append("<p>").append(escape(paragraph).replace("\n", "<br>")).append("</p>\n");
        }
        html.append("<hr>\n<p style=\"color: #666666; font-size: 12px;\">").append(escape(footer)).append("</p>\n")
                .append("</body>\n</html>\n");
        return new RenderedEmail(language, subject, text.toString(), html.toString());
    }

    /** Fills a template: optional parts first (kept only if all their values are known), then the values. */
    private static String fill(Properties p, String template, Map<String, String> values) {
        Matcher optional = OPTIONAL.matcher(template);
        StringBuilder kept = new StringBuilder();
        while (optional.find()) {
            String part = optional.group(1);
            Matcher names = VALUE.matcher(part);
            boolean known = true;
            while (names.find()) {
                String v = values.get(names.group(1));
                known &= v != null && !v.isBlank();
            }
            optional.appendReplacement(kept, Matcher.quoteReplacement(known ? part : ""));
        }
        optional.appendTail(kept);
        Matcher names = VALUE.matcher(kept);
        StringBuilder out = new StringBuilder();
        while (names.find()) {
            String name = names.group(1);
            String value = values.get(name);
            String shown = value == null ? "" : p.getProperty("value." + name + "." + value, oneLine(value));
            names.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        names.appendTail(out);
        return out.toString().trim();
    }

    /** A value as one line of at most {@value #MAX_VALUE_LENGTH} characters: no line breaks into headers. */
    static String oneLine(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH));
        value.codePoints().limit(MAX_VALUE_LENGTH)
                .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().trim();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
