package org.souk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProfileSummaryTest {

    @Test
    void aSampleCountsInTheLayerOfItsTopmostFrameOutsideTheJdk() {
        assertThat(ProfileSummary.layer(List.of("java.util.HashMap.get", "org.apache.derby.impl.sql.GenericStatement.prepare",
                "org.eclipse.persistence.Query.run", "org.souk.order.internal.PlacementDesk.place")))
                .isEqualTo("Derby (SQL and storage)");
        assertThat(ProfileSummary.layer(List.of("java.lang.Thread.sleep"))).startsWith("JDK only");
    }

    @Test
    void soukMethodsCountOncePerSampleWhereverTheyAreOnTheStack() {
        List<List<String>> stacks = List.of(
                List.of("org.apache.derby.Insert.open", "org.souk.order.internal.OrderRows.pendingTimers",
                        "org.souk.order.internal.TransitionDesk.move", "org.souk.order.internal.OrderRows.pendingTimers"),
                List.of("com.fasterxml.Json.write", "org.souk.rest.internal.SoukJsonProvider.writeTo"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ProfileSummary.summarize(stacks, 10, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("2 execution samples")
                .contains("50.0 %  Derby (SQL and storage)")
                .contains("50.0 %  JSON (Jackson)")
                .contains("50.0 %  org.souk.order.internal.OrderRows.pendingTimers")
                .doesNotContain("100.0 %  org.souk.order.internal.OrderRows.pendingTimers");
    }
}
