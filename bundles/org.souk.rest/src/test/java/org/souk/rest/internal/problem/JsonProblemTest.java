package org.souk.rest.internal.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ValidationException;
import org.souk.rest.internal.SoukJsonProvider;
import org.souk.rest.internal.problem.ProblemMapper.JsonProblem;
import org.souk.rest.internal.resource.catalog.GigBodies.GigBody;
import org.souk.rest.internal.resource.catalog.GigBodies;

import com.fasterxml.jackson.core.JsonProcessingException;

class JsonProblemTest {

    private static final String PACKAGE = "{\"tier\":\"BASIC\",\"title\":\"One\",\"price\":\"250\",\"deliveryDays\":3,"
            + "\"revisions\":1,\"deliverables\":[\"PNG\"]}";

    private static String gig(String pkg) {
        return "{\"title\":\"Logo\",\"description\":\"A logo\",\"packages\":[" + pkg + "]}";
    }

    private static JsonProblem problem(String json) {
        JsonProcessingException e = catchThrowableOfType(() -> SoukJsonProvider.MAPPER.readValue(json, GigBody.class),
                JsonProcessingException.class);
        assertThat(e).as(json).isNotNull();
        return ProblemMapper.jsonProblem(e);
    }

    @Test
    void aWellFormedGigIsRead() throws Exception {
        assertThat(SoukJsonProvider.MAPPER.readValue(gig(PACKAGE), GigBody.class).packages()).hasSize(1);
    }

    @Test
    void malformedJsonNamesWhereItBroke() {
        JsonProblem cut = problem("{\"title\":\"Logo\",");
        assertThat(cut.type()).isEqualTo("malformed-json");
        assertThat(cut.error().field()).isEqualTo("title");
        assertThat(problem(gig("{\"tier\":\"BASIC\" \"title\":1}")).error().field()).isEqualTo("packages[0].tier");
        assertThat(problem("not json").error().field()).isEqualTo("body");
        assertThat(problem("not json").type()).isEqualTo("malformed-json");
    }

    @Test
    void aValueOfTheWrongShapeNamesItsField() {
        assertThat(problem("[]").error()).satisfies(e -> {
            assertThat(e.field()).isEqualTo("body");
            assertThat(e.reason()).isEqualTo("must be an object");
        });
        assertThat(problem("\"a gig\"").error().field()).isEqualTo("body");
        assertThat(problem("{\"title\":{\"en\":\"Logo\"}}").error().field()).isEqualTo("title");
        assertThat(problem(gig("7")).error().field()).isEqualTo("packages[0]");
        assertThat(problem(gig(PACKAGE.replace("}", ",\"colour\":\"red\"}"))).error().reason()).isEqualTo("is not a known field");
        assertThat(problem(gig(PACKAGE.replace("[\"PNG\"]", "[[\"PNG\"]]"))).error().field())
                .isEqualTo("packages[0].deliverables[0]");
    }

    @Test
    void aWholeNumberIsSentAsANumberNotAsText() throws Exception {
        JsonProblem quoted = problem(gig(PACKAGE.replace("\"deliveryDays\":3", "\"deliveryDays\":\"3\"")));
        assertThat(quoted.type()).isEqualTo("validation");
        assertThat(quoted.error().field()).isEqualTo("packages[0].deliveryDays");
        assertThat(quoted.error().reason()).isEqualTo("must be a whole number");
        // An amount is read from a decimal string or a number alike.
        assertThat(SoukJsonProvider.MAPPER.readValue(gig(PACKAGE.replace("\"250\"", "250.5")), GigBody.class)
                .packages()).hasSize(1);
    }

    @Test
    void numbersMustBeWholeAndInRange() {
        JsonProblem fraction = problem(gig(PACKAGE.replace("\"deliveryDays\":3", "\"deliveryDays\":2.5")));
        assertThat(fraction.type()).isEqualTo("validation");
        assertThat(fraction.error().field()).isEqualTo("packages[0].deliveryDays");
        assertThat(fraction.error().reason()).isEqualTo("must be a whole number");
        assertThat(problem(gig(PACKAGE.replace("\"deliveryDays\":3", "\"deliveryDays\":1e64000000"))).error().field())
                .isEqualTo("packages[0].deliveryDays");
        JsonProblem huge = problem(gig(PACKAGE.replace("\"revisions\":1", "\"revisions\":99999999999999999999")));
        assertThat(huge.error().field()).isEqualTo("packages[0].revisions");
        assertThat(huge.error().reason()).isEqualTo("is out of range");
        JsonProblem tooLong = problem(gig(PACKAGE.replace("\"revisions\":1", "\"revisions\":1" + "0".repeat(100))));
        assertThat(tooLong.error().field()).startsWith("packages[0]");
        assertThat(tooLong.error().reason()).contains("more than 64 characters");
    }

    @Test
    void deepNestingIsRefusedWhereItStarts() {
        JsonProblem deep = problem(gig(PACKAGE.replace("}", ",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}")));
        assertThat(deep.type()).isEqualTo("validation");
        assertThat(deep.error().field()).startsWith("packages[0]");
        assertThat(deep.error().reason()).contains("nested more than 32 levels");
        assertThat(problem("[".repeat(100_000)).error().field()).isEqualTo("body");
    }

    @Test
    void echoedValuesAreClipped() {
        JsonProblem bad = problem(gig(PACKAGE.replace("\"deliveryDays\":3", "\"deliveryDays\":\"" + "9x".repeat(10_000) + "\"")));
        assertThat(bad.error().field()).isEqualTo("packages[0].deliveryDays");
        assertThat(bad.error().reason().length()).isLessThan(100);
    }

    @Test
    void anAbsurdPriceIsRefusedWithItsField() throws Exception {
        for (String price : new String[] {"\"1e64000000\"", "1e64000000", "\"1e-64000000\"", "\"1" + "0".repeat(5000) + "\""}) {
            GigBody body = SoukJsonProvider.MAPPER.readValue(gig(PACKAGE.replace("\"250\"", price)), GigBody.class);
            ValidationException e = catchThrowableOfType(() -> GigBodies.toDraft(body), ValidationException.class);
            assertThat(e).as(price).isNotNull();
            assertThat(e.errors()).extracting(f -> f.field()).containsExactly("packages[0].price");
        }
    }

    @Test
    void aNullDeliverableIsNamedNotAnError() throws Exception {
        GigBody body = SoukJsonProvider.MAPPER.readValue(gig(PACKAGE.replace("[\"PNG\"]", "[\"PNG\",null]")), GigBody.class);
        ValidationException e = catchThrowableOfType(() -> GigBodies.toDraft(body), ValidationException.class);
        assertThat(e.errors()).extracting(f -> f.field()).containsExactly("packages[0].deliverables[1]");
    }
}
