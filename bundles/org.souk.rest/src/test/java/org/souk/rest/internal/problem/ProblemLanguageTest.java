package org.souk.rest.internal.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ValidationException;
import org.souk.payment.api.PaymentProblems;
import org.souk.rest.internal.Contexts;

class ProblemLanguageTest {

    private static final String ENGLISH_DETAIL = "The order is COMPLETED; only a PENDING order can be paid";

    private final ProblemLanguageFilter filter = new ProblemLanguageFilter();

    @Test
    void theCallersMostPreferredLanguageWeSpeakIsChosen() {
        assertThat(ProblemMessages.language("fr")).isEqualTo("fr");
        assertThat(ProblemMessages.language("fr-MA,fr;q=0.9")).isEqualTo("fr");
        assertThat(ProblemMessages.language("AR-ma")).isEqualTo("ar");
        assertThat(ProblemMessages.language("de-DE, ar;q=0.4, fr;q=0.8")).isEqualTo("fr");
        assertThat(ProblemMessages.language("en;q=0.5, ar")).isEqualTo("ar");
        assertThat(ProblemMessages.language("fr;q=0.7, ar;q=0.7")).as("the first of equals").isEqualTo("fr");
        assertThat(ProblemMessages.language("ar;q=0, fr;q=0.1")).as("q=0 is a refusal").isEqualTo("fr");
    }

    @Test
    void anythingElseIsEnglish() {
        for (String header : new String[] {null, "", "  ", "*", "de", "es-ES, it;q=0.5", "ar;q=0", "fr;q=zero",
                "en-GB", "en, fr;q=0.9", ";;,,", "x".repeat(10_000), "fr-".repeat(1_000)}) {
            assertThat(ProblemMessages.language(header)).as(String.valueOf(header)).isEqualTo("en");
        }
    }

    /** A problem as the mapper builds it, through the filter, for a caller who asks in this language. */
    private Answer answered(Response problem, String acceptLanguage) {
        Answer answer = new Answer(problem);
        Contexts.Request request = new Contexts.Request();
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        filter.filter(request.context(), answer.context());
        return answer;
    }

    private static Response notPending() {
        return new ProblemMapper().toResponse(ConflictException.typed(PaymentProblems.ORDER_NOT_PENDING, ENGLISH_DETAIL));
    }

    @Test
    void englishAndUnknownLanguagesKeepTheServicesDetail() {
        for (String header : new String[] {null, "en", "de", "*"}) {
            Answer answer = answered(notPending(), header);
            assertThat(answer.body()).containsEntry("detail", ENGLISH_DETAIL).containsEntry("code", "order_not_pending");
            assertThat(answer.headers.getFirst("Content-Language")).isEqualTo("en");
            assertThat(answer.headers.get("Vary")).contains("Accept-Language");
        }
    }

    @Test
    void frenchAndArabicGetTheCodesSentence() {
        Answer fr = answered(notPending(), "fr-FR");
        assertThat(fr.body().get("detail")).isEqualTo(
                "Seule une commande en attente peut être payée ; celle-ci est payée, en cours, terminée ou annulée.");
        assertThat(fr.headers.getFirst("Content-Language")).isEqualTo("fr");
        assertThat(fr.body()).containsEntry("code", "order_not_pending").containsEntry("status", 409)
                .containsEntry("type", "urn:souk:problem:order-not-pending");

        Answer ar = answered(notPending(), "ar");
        assertThat((String) ar.body().get("detail")).startsWith("لا يُدفع إلا ثمن طلبية");
        assertThat(ar.headers.getFirst("Content-Language")).isEqualTo("ar");
    }

    @Test
    void fieldErrorsStayAsTheyAre() {
        Answer fr = answered(new ProblemMapper().toResponse(new ValidationException("orderId", "is required")), "fr");
        assertThat(fr.body().get("detail")).isEqualTo("La requête est invalide ; chaque champ en cause est indiqué dans errors.");
        assertThat(fr.body().get("errors")).isEqualTo(List.of(new org.souk.common.api.FieldError("orderId", "is required")));
    }

    @Test
    void membersTheSentenceNamesAreFilledIn() {
        Response internal = Problems.builder(500, "internal", "Internal error", "Something went wrong; quote request id r-7",
                null, Map.of("requestId", "r-7")).build();
        assertThat(answered(internal, "ar").body().get("detail")).isEqualTo("حدث خطأ من جهتنا؛ اذكر معرّف الطلب r-7.");
        assertThat(answered(internal, "fr").body().get("detail"))
                .isEqualTo("Une erreur s'est produite de notre côté ; citez l'identifiant de requête r-7.");
    }

    @Test
    void aCodeWithoutATranslationStaysEnglishAndSaysSo() {
        Response odd = Problems.response(409, "http-409", "Conflict", "The request was refused (HTTP 409)", null);
        Answer fr = answered(odd, "fr");
        assertThat(fr.body().get("detail")).isEqualTo("The request was refused (HTTP 409)");
        assertThat(fr.headers.getFirst("Content-Language")).isEqualTo("en");
    }

    @Test
    void answersThatAreNotProblemsAreLeftAlone() {
        Answer json = answered(Response.ok(new HashMap<>(Map.of("code", "x", "detail", "d")), MediaType.APPLICATION_JSON_TYPE)
                .build(), "fr");
        assertThat(json.entity).isEqualTo(Map.of("code", "x", "detail", "d"));
        assertThat(json.headers).doesNotContainKey("Content-Language");
        Answer replayed = answered(Response.status(409).type(Problems.PROBLEM_JSON).entity(new byte[] {'{', '}'}).build(), "fr");
        assertThat(replayed.headers).doesNotContainKey("Content-Language");
    }

    /** The response side of the filter: its entity, type and headers. */
    private static final class Answer {
        final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        Object entity;
        MediaType type;

        Answer(Response response) {
            entity = response.getEntity();
            type = response.getMediaType();
            response.getHeaders().forEach((k, v) -> headers.addAll(k, v));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> body() {
            return (Map<String, Object>) entity;
        }

        ContainerResponseContext context() {
            return (ContainerResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerResponseContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getHeaders" -> headers;
                        case "getMediaType" -> type;
                        case "getEntity" -> entity;
                        case "getEntityAnnotations" -> new Annotation[0];
                        case "setEntity" -> {
                            entity = args[0];
                            if (args.length == 3) {
                                type = (MediaType) args[2];
                            }
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
