package org.souk.rest.internal.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.ws.rs.NotAllowedException;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.UnauthorizedException;
import org.souk.common.api.UnavailableException;
import org.souk.common.api.ValidationException;
import org.souk.order.api.OrderProblems;
import org.souk.payment.api.PaymentProblems;
import org.souk.rest.internal.SoukJsonProvider;
import org.souk.rest.internal.http.BodyTooLargeException;

/**
 * Every problem the API can answer has a stable code, a sentence for it in English, French and Arabic, and
 * a row in the table of docs/api.md. The problem types are read from the sources, so a new one added anywhere
 * (a constant in a {@code *Problems} class, a literal {@code typed("...")}, a refusal of the REST layer)
 * fails here until it has its messages and its row.
 */
public class ProblemCodesTest {

    private static final Path ROOT = Path.of("../..");
    /** The statuses whose WebApplicationExceptions the mapper answers with a detail of its own. */
    private static final List<String> HTTP_TYPES = List.of("http-400", "http-404", "http-405", "http-406", "http-415");

    private static final Pattern CONSTANT = Pattern.compile("String\\s+[A-Z_]+\\s*=\\s*\"([a-z][a-z0-9-]*)\"");
    private static final Pattern TYPED = Pattern.compile("\\.typed\\(\\s*\"([a-z][a-z0-9-]*)\"");
    /**
     * A problem a filter builds itself, with its status: {@code Problems.response(422, "idempotency-key-reused"},
     * or the document a servlet filter writes, {@code Problems.body(503, "service-unavailable"}.
     */
    private static final Pattern PROBLEM = Pattern.compile("Problems\\.(?:response|builder|body)\\(\\s*(\\d+),\\s*\"([a-z][a-z0-9-]*)\"");
    private static final Pattern OWN_TYPE = Pattern.compile("problemType\\(\\)\\s*\\{\\s*return\\s+\"([a-z][a-z0-9-]*)\"");
    /** The type a refusal class gives itself by default: {@code this("not-found", message)}, {@code this.type = "conflict"}. */
    private static final Pattern DEFAULT_TYPE = Pattern.compile("this(?:\\.type\\s*=\\s*|\\(\\s*)\"([a-z][a-z0-9-]*)\"");
    /** A constant an API documents as a problem type, such as the catalog's {@code precondition-failed}. */
    private static final Pattern DOCUMENTED_TYPE = Pattern.compile(
            "/\\*\\*[^/]*problem type[^/]*\\*/\\s*String\\s+[A-Z_]+\\s*=\\s*\"([a-z][a-z0-9-]*)\"");
    private static final Pattern JSON_PROBLEM = Pattern.compile("new JsonProblem\\(\\s*\"([a-z][a-z0-9-]*)\"");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_]+)` \\| (\\d{3}) \\| .+ \\|$");

    /** Every problem type declared or thrown in the sources of the bundles and providers. */
    public static Set<String> declaredTypes() throws IOException {
        Set<String> types = new TreeSet<>(HTTP_TYPES);
        for (String tree : List.of("bundles", "providers")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(tree))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                        .toList()) {
                    String source = Files.readString(file, StandardCharsets.UTF_8);
                    if (file.getFileName().toString().endsWith("Problems.java")) {
                        collect(CONSTANT, source, types);
                    }
                    collect(TYPED, source, types);
                    Matcher built = PROBLEM.matcher(source);
                    while (built.find()) {
                        types.add(built.group(2));
                    }
                    collect(OWN_TYPE, source, types);
                    if (source.contains("extends SoukException")) {
                        collect(DEFAULT_TYPE, source, types);
                    }
                    collect(DOCUMENTED_TYPE, source, types);
                    collect(JSON_PROBLEM, source, types);
                }
            }
        }
        return types;
    }

    private static void collect(Pattern pattern, String source, Set<String> into) {
        Matcher m = pattern.matcher(source);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    /** The table of codes in docs/api.md: code to status. */
    static Map<String, Integer> readmeTable() throws IOException {
        Map<String, Integer> rows = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/api.md"), StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line.trim());
            if (m.matches()) {
                assertThat(rows.put(m.group(1), Integer.valueOf(m.group(2)))).as("one row for %s", m.group(1)).isNull();
            }
        }
        return rows;
    }

    @Test
    void theSourcesAreReadForTypes() throws IOException {
        // The scan finds what it must, or the rest of these checks would pass on nothing.
        assertThat(declaredTypes()).contains("validation", "not-found", "conflict", "forbidden", "unauthorized",
                "unavailable", "too-large", "malformed-json", "internal", "idempotency-key-reused",
                OrderProblems.REVISIONS_EXHAUSTED, OrderProblems.WINDOW_CLOSED, PaymentProblems.ORDER_NOT_PENDING,
                "insufficient-funds", "already-reviewed", "precondition-failed");
    }

    @Test
    void everyProblemTypeHasItsCodeInEveryLanguageAndInTheReadme() throws IOException {
        ProblemMessages messages = ProblemMessages.load();
        Map<String, Integer> readme = readmeTable();
        Set<String> codes = new TreeSet<>();
        for (String type : declaredTypes()) {
            String code = Problems.code(type);
            codes.add(code);
            for (String language : ProblemMessages.LANGUAGES) {
                assertThat(messages.message(language, code)).as("%s message for %s (problems%s.properties)", language,
                        code, language.equals("en") ? "" : "_" + language).isNotBlank();
            }
            assertThat(readme).as("docs/api.md table of problem codes").containsKey(code);
        }
        assertThat(readme.keySet()).as("docs/api.md rows of codes nothing answers").isEqualTo(codes);
    }

    /** The problems built outside the mapper (by the idempotency filter), with the status they are built with. */
    static Map<String, Integer> builtProblems() throws IOException {
        Map<String, Integer> built = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = PROBLEM.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!file.endsWith("ProblemMapper.java")) {
                        built.put(m.group(2), Integer.valueOf(m.group(1)));
                    }
                }
            }
        }
        return built;
    }

    @Test
    void theReadmeGivesEachCodeTheStatusItIsAnsweredWith() throws IOException {
        Map<String, Integer> readme = readmeTable();
        Map<String, Integer> built = builtProblems();
        assertThat(built).containsKey("idempotency-key-reused");
        for (Map.Entry<String, Integer> row : readme.entrySet()) {
            String type = row.getKey().replace('_', '-');
            if (built.containsKey(type)) {
                assertThat(built.get(type)).as(row.getKey()).isEqualTo(row.getValue());
                continue;
            }
            Response answered = new ProblemMapper().toResponse(sample(type));
            assertThat(answered.getStatus()).as(row.getKey()).isEqualTo(row.getValue());
            assertThat(body(answered)).containsEntry("code", row.getKey());
        }
    }

    /** A failure the mapper answers with this type, built as the services build it. */
    private static Throwable sample(String type) {
        return switch (type) {
            case "validation" -> new ValidationException("f", "is required");
            case "too-large" -> new BodyTooLargeException(10);
            case "malformed-json" -> catchJson("{");
            case "not-found" -> new NotFoundException("m");
            case "forbidden" -> new ForbiddenException("m");
            case "unauthorized" -> new UnauthorizedException("m");
            case "conflict" -> new ConflictException("m");
            case "precondition-failed" -> ConflictException.preconditionFailed(type, "m");
            case "unavailable" -> new UnavailableException("m");
            case "internal" -> new IllegalStateException("bug");
            case "http-405" -> new NotAllowedException("GET");
            default -> {
                if (type.startsWith("http-")) {
                    yield new javax.ws.rs.WebApplicationException(Integer.parseInt(type.substring(5)));
                }
                int status = STATUS_OF_TYPED.getOrDefault(type, 409);
                yield status == 403 ? ForbiddenException.typed(type, "m")
                        : status == 404 ? NotFoundException.typed(type, "m") : ConflictException.typed(type, "m");
            }
        };
    }

    /** The typed refusals that are not conflicts, by the class the services throw them with. */
    private static final Map<String, Integer> STATUS_OF_TYPED = Map.of("no-request", 404, "not-your-turn", 403,
            "no-withdrawal", 404, "not-the-client", 403, "not-the-freelancer", 403, "no-review", 404);

    private static Throwable catchJson(String json) {
        try {
            SoukJsonProvider.MAPPER.readTree(json);
            throw new AssertionError("read " + json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return e;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(Response response) {
        return (Map<String, Object>) response.getEntity();
    }

    @Test
    void theCodeIsTheTypeInSnakeCase() {
        Response pay = new ProblemMapper().toResponse(ConflictException.typed(PaymentProblems.ORDER_NOT_PENDING,
                "The order is COMPLETED; only a PENDING order can be paid"));
        assertThat(pay.getStatus()).isEqualTo(409);
        assertThat(body(pay)).containsEntry("type", "urn:souk:problem:order-not-pending")
                .containsEntry("code", "order_not_pending")
                .containsEntry("detail", "The order is COMPLETED; only a PENDING order can be paid");
        assertThat(body(new ProblemMapper().toResponse(new ValidationException("f", "r")))).containsEntry("code", "validation");
        assertThat(body(new ProblemMapper().toResponse(ConflictException.typed(OrderProblems.WRONG_STATE, "m"))))
                .containsEntry("code", "wrong_state");
        assertThat(Problems.code("idempotency-key-reused")).isEqualTo("idempotency_key_reused");
    }
}
